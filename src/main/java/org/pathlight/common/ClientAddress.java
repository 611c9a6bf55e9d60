package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is calling and over what. Behind a reverse proxy set {@code PATHLIGHT_HTTP_TRUST_FORWARDED=
 * true}: then the address the proxy appended to X-Forwarded-For and its X-Forwarded-Proto count;
 * otherwise those headers are ignored (a client could forge them to dodge rate limits).
 */
@ApplicationScoped
public class ClientAddress {

  @Inject
  @ConfigProperty(name = "pathlight.http.trust.forwarded", defaultValue = "false")
  boolean trustForwarded;

  @Inject
  @ConfigProperty(name = "pathlight.base.url")
  java.util.Optional<String> baseUrl;

  public String of(HttpServletRequest request) {
    if (trustForwarded) {
      String forwarded = request.getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
      }
    }
    return request.getRemoteAddr();
  }

  public boolean isHttps(HttpServletRequest request) {
    if (request.isSecure()) {
      return true;
    }
    if (trustForwarded && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))) {
      return true;
    }
    return baseUrl.map(url -> url.startsWith("https://")).orElse(false);
  }
}
