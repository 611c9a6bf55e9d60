package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.RateLimiter;

/** {@code /api/staff/session}: sign in, who am I, sign out. */
@Path("staff/session")
@Produces(MediaType.APPLICATION_JSON)
public class StaffSessionResource {

  /** Sign-in attempts per client address in 5 minutes, whatever the email (password spraying). */
  @Inject
  @ConfigProperty(name = "pathlight.staff.signin.limit.per.address", defaultValue = "30")
  int signinPerAddress;

  @Inject SignIn signIn;
  @Inject StaffSessions sessions;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;

  public record Credentials(
      @NotBlank(message = "enter your email") @Size(max = 254, message = "is too long")
          String email,
      @NotBlank(message = "enter your password") @Size(max = 1024, message = "is too long")
          String password,
      @Size(max = 40, message = "is too long") String code) {}

  public record StaffView(long id, String email, String displayName, List<String> roles) {
    static StaffView of(StaffPrincipal p) {
      return new StaffView(
          p.id(),
          p.email(),
          p.displayName(),
          p.roles().stream().map(StaffRole::code).sorted().toList());
    }
  }

  /**
   * A session: its CSRF token, who, until when, and whether the organisation requires two-step
   * sign-in of this account before it may do anything ({@code twoFactorDue}).
   */
  public record SessionView(
      String csrfToken, StaffView staff, Instant expiresAt, boolean twoFactorDue) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response signIn(@NotNull(message = "send {email, password}") @Valid Credentials body) {
    String ip = clientAddress.of(http);
    rateLimiter.hit(
        "staff-signin:" + ip,
        new RateLimiter.Limit(signinPerAddress, Duration.ofMinutes(5)),
        "Too many sign-in attempts from your network. Wait a few minutes.");
    StaffSessions.Opened opened = signIn.signIn(body.email(), body.password(), body.code(), ip);
    NewCookie cookie =
        new NewCookie.Builder(StaffAuthentication.COOKIE)
            .value(opened.token())
            .path("/")
            .httpOnly(true)
            .secure(clientAddress.isHttps(http))
            .sameSite(NewCookie.SameSite.STRICT)
            .maxAge((int) Duration.between(Instant.now(), opened.expiresAt()).toSeconds())
            .build();
    return Response.ok(
            new SessionView(
                opened.principal().csrfToken(),
                StaffView.of(opened.principal()),
                opened.expiresAt(),
                opened.principal().twoFactorDue()))
        .cookie(cookie)
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @StaffOnly
  public Response current(@Context SecurityContext security) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return Response.ok(
            new SessionView(who.csrfToken(), StaffView.of(who), null, who.twoFactorDue()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @StaffOnly
  public Response signOut(
      @Context SecurityContext security, @CookieParam(StaffAuthentication.COOKIE) String token) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    if (token != null) {
      sessions.close(token, who, clientAddress.of(http));
    }
    NewCookie expired =
        new NewCookie.Builder(StaffAuthentication.COOKIE)
            .value("")
            .path("/")
            .httpOnly(true)
            .secure(clientAddress.isHttps(http))
            .sameSite(NewCookie.SameSite.STRICT)
            .maxAge(0)
            .build();
    return Response.noContent().cookie(expired).build();
  }
}
