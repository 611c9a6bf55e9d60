package org.pathlight.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses, for pages and API alike, a request whose address is hostile: a path or query carrying an
 * encoded control character ({@code %00}–{@code %1F}, {@code %7F}: PostgreSQL refuses U+0000 in
 * text, and none belongs in an address), broken percent-encoding in the query, or a Host header
 * that is not a host name or address with an optional port (links in emails are built from it when
 * {@code pathlight.base.url} is unset). A 400 problem names the parameter; it is answered through
 * the error page (the error page ({@code web.ErrorServlet})), so it has the one shape and the
 * security headers.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestAddress extends HttpFilter {

  private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Problem refused = check(request.getRequestURI(), request.getQueryString());
    if (refused == null) {
      refused = checkHost(request.getHeader("Host"));
    }
    if (refused != null) {
      request.setAttribute(Problem.REQUEST_ATTRIBUTE, refused);
      response.sendError(refused.status());
      return;
    }
    chain.doFilter(request, response);
  }

  /** The problem with this raw path and query, or null when both are fine. */
  static Problem check(String rawPath, String rawQuery) {
    if (rawPath != null && ENCODED_CONTROL.matcher(rawPath).find()) {
      return invalid("path", "must not contain control characters such as %00");
    }
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name;
      try {
        name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
        URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return invalid(
            printable(rawName), "has broken percent-encoding (use %XX with two hex digits)");
      }
      if (ENCODED_CONTROL.matcher(pair).find() || JsonShape.hasControlCharacter(name)) {
        return invalid(printable(name), "must not contain control characters such as %00");
      }
    }
    return null;
  }

  private static final String LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
  private static final Pattern HOST =
      Pattern.compile(
          "(?:" + LABEL + "(?:\\." + LABEL + ")*\\.?|\\[[0-9A-Fa-f:.]{2,45}])(?::[0-9]{1,5})?");

  private static volatile String lastGoodHost;

  /** The problem with this Host header, or null when it is a host[:port] (or absent). */
  static Problem checkHost(String host) {
    if (host == null || host.equals(lastGoodHost)) {
      return null; // nearly every request names the same host: match it once
    }
    if (HOST.matcher(host).matches()) {
      lastGoodHost = host;
      return null;
    }
    return invalid("Host", "must be a host name or address with an optional port");
  }

  private static Problem invalid(String field, String message) {
    return Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
        .withErrors(List.of(new Problem.FieldError(field, message)));
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints().forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? 0xFFFD : c));
    return out.isEmpty() ? "query" : out.toString();
  }
}
