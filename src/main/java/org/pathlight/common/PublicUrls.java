package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Absolute URLs for emails and payment redirects: {@code PATHLIGHT_BASE_URL} when set (always set
 * it in production). Without it, the origin of the request being served, or outside a request
 * {@code http://localhost:{port}} (a local run).
 */
@ApplicationScoped
public class PublicUrls {

  @Inject
  @ConfigProperty(name = "pathlight.base.url")
  Optional<String> baseUrl;

  @Inject
  @ConfigProperty(name = "pathlight.http.port", defaultValue = "8080")
  int port;

  @Inject Instance<HttpServletRequest> request;

  /** The base without a trailing slash. */
  public String base() {
    return baseUrl
        .filter(u -> !u.isBlank())
        .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
        .or(this::requestOrigin)
        .orElse("http://localhost:" + port);
  }

  /** {@code path} must start with a slash. */
  public String to(String path) {
    return base() + path;
  }

  private Optional<String> requestOrigin() {
    try {
      HttpServletRequest current = request.get();
      int p = current.getServerPort();
      boolean defaultPort =
          ("http".equals(current.getScheme()) && p == 80)
              || ("https".equals(current.getScheme()) && p == 443);
      return Optional.of(
          current.getScheme() + "://" + current.getServerName() + (defaultPort ? "" : ":" + p));
    } catch (ContextNotActiveException | IllegalStateException | NullPointerException outside) {
      return Optional.empty();
    }
  }
}
