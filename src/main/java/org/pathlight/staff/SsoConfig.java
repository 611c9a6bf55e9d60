package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Single sign-on's configuration ({@code pathlight.sso.*}), for the OpenID Connect mechanism's
 * annotation (EL names it {@code pathlightSso}) and for {@link SingleSignOn}. The callback address
 * is built on {@code pathlight.base.url}, never on the request's Host header.
 */
@Named("pathlightSso")
@ApplicationScoped
public class SsoConfig {

  static final String CALLBACK = "/staff/sso/callback";

  static String value(Config config, String key, String fallback) {
    return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).orElse(fallback);
  }

  static boolean enabled(Config config) {
    return Boolean.parseBoolean(value(config, "pathlight.sso.enabled", "false"));
  }

  private static String get(String key, String fallback) {
    return value(ConfigProvider.getConfig(), key, fallback);
  }

  public String getProviderUri() {
    return get("pathlight.sso.provider.uri", "");
  }

  public String getClientId() {
    return get("pathlight.sso.client.id", "");
  }

  public String getClientSecret() {
    return get("pathlight.sso.client.secret", "");
  }

  public String getRedirectUri() {
    String base =
        get("pathlight.base.url", "http://localhost:" + get("pathlight.http.port", "8080"));
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + CALLBACK;
  }

  SsoSettings settings() {
    return new SsoSettings(
        enabled(ConfigProvider.getConfig()),
        getProviderUri(),
        getClientId(),
        getClientSecret(),
        get("pathlight.sso.name", "your organisation's account"),
        get("pathlight.sso.email.claim", "email"),
        get("pathlight.sso.roles.claim", "groups"),
        get("pathlight.sso.roles.map", ""),
        SsoSettings.list(get("pathlight.sso.create.domains", "")),
        Boolean.parseBoolean(get("pathlight.sso.trust.unverified.email", "false")),
        Boolean.parseBoolean(get("pathlight.sso.trust.provider.mfa", "false")));
  }
}
