package org.pathlight.staff;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.pathlight.common.ClientAddress;

/**
 * Where the identity provider's sign-in lands, already checked by the OpenID Connect mechanism:
 * reads the email and groups from the ID token and the user info, hands them to {@link
 * SingleSignOn}, ends the container's own login (its HTTP session) at once, and sends the browser
 * to the staff home with a Pathlight session cookie, or back to the sign-in page with the reason
 * ({@code /staff/?sso=unknown-user}). Registered only when single sign-on is on ({@link
 * SsoSwitch.Registrar}).
 */
public class SsoServlet extends HttpServlet {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  @Inject Instance<OpenIdContext> openId;
  @Inject SingleSignOn singleSignOn;
  @Inject SsoConfig config;
  @Inject ClientAddress clientAddress;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    SsoSettings settings = config.settings();
    SingleSignOn.Outcome outcome;
    try {
      outcome = outcome(request, settings);
    } finally {
      // the container's login lives in its HTTP session: Pathlight's own session takes over now,
      // and a failure here leaves no login behind either
      HttpSession container = request.getSession(false);
      if (container != null) {
        container.invalidate();
      }
    }
    response.setHeader("Cache-Control", "no-store");
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    if (outcome.opened() == null) {
      response.setHeader("Location", "/staff/?sso=" + outcome.refusal());
      return;
    }
    StaffSessions.Opened opened = outcome.opened();
    response.addHeader(
        "Set-Cookie",
        StaffAuthentication.COOKIE
            + "="
            + opened.token()
            + "; Path=/; Max-Age="
            + Duration.between(Instant.now(), opened.expiresAt()).toSeconds()
            + "; HttpOnly; SameSite=Strict"
            + (clientAddress.isHttps(request) ? "; Secure" : ""));
    response.setHeader("Location", "/staff/");
  }

  private SingleSignOn.Outcome outcome(HttpServletRequest request, SsoSettings settings) {
    if (request.getUserPrincipal() == null || !openId.isResolvable()) {
      return SingleSignOn.Outcome.refused(
          "failed", "no signed-in caller at " + request.getRequestURI());
    }
    OpenIdContext context = openId.get();
    // the ID token's payload as sent (its signature checked by the mechanism) and the user info:
    // read as JSON, so a claim of an unexpected shape (one group as a string) is no failure
    JsonObject idToken = payload(context.getIdentityToken().getToken());
    JsonObject info = context.getClaimsJson();
    String email =
        string(info, settings.emailClaim())
            .or(() -> string(idToken, settings.emailClaim()))
            .orElse(null);
    Boolean verified = bool(idToken, "email_verified");
    if (verified == null) {
      verified = bool(info, "email_verified");
    }
    LinkedHashSet<String> groups = new LinkedHashSet<>(strings(idToken, settings.rolesClaim()));
    groups.addAll(strings(info, settings.rolesClaim()));
    return singleSignOn.signIn(
        new SingleSignOn.Identity(
            string(idToken, "iss").orElse(settings.providerUri()),
            context.getSubject(),
            email,
            verified,
            new ArrayList<>(groups),
            strings(idToken, "amr")),
        clientAddress.of(request));
  }

  private static JsonObject payload(String jwt) {
    String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
    if (parts.length < 2) {
      return null;
    }
    try (JsonReader reader =
        JSON.createReader(
            new java.io.StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Boolean bool(JsonObject json, String name) {
    JsonValue v = json == null ? null : json.get(name);
    if (v == null) {
      return null;
    }
    return switch (v.getValueType()) {
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case STRING -> Boolean.parseBoolean(((JsonString) v).getString());
      default -> null;
    };
  }

  private static Optional<String> string(JsonObject json, String name) {
    return json != null && json.get(name) instanceof JsonString s
        ? Optional.of(s.getString())
        : Optional.empty();
  }

  private static List<String> strings(JsonObject json, String name) {
    if (json == null) {
      return List.of();
    }
    JsonValue value = json.get(name);
    if (value instanceof JsonArray array) {
      return array.stream()
          .filter(JsonString.class::isInstance)
          .map(v -> ((JsonString) v).getString())
          .toList();
    }
    return value instanceof JsonString s ? List.of(s.getString()) : List.of();
  }
}
