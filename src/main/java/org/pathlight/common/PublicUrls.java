package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Absolute URLs for emails, calendar feeds and payment redirects: {@code PATHLIGHT_BASE_URL}, or
 * without it {@code http://localhost:{port}} (a local run). One base for every link, whoever or
 * whatever makes it: never the Host header of the request being served, which a caller chooses (an
 * emailed sign-in link must not point at the host an attacker named).
 */
@ApplicationScoped
public class PublicUrls {

  @Inject
  @ConfigProperty(name = "pathlight.base.url")
  Optional<String> baseUrl;

  @Inject
  @ConfigProperty(name = "pathlight.http.port", defaultValue = "8080")
  int port;

  /** The base without a trailing slash. */
  public String base() {
    return baseUrl
        .filter(u -> !u.isBlank())
        .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
        .orElse("http://localhost:" + port);
  }

  /** {@code path} must start with a slash. */
  public String to(String path) {
    return base() + path;
  }
}
