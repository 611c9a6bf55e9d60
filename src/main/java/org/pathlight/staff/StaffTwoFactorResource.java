package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.RateLimiter;

/**
 * {@code /api/staff/me/totp}: the signed-in member turns on two-step sign-in: a secret for their
 * authenticator app ({@code POST}), then a code from it ({@code POST …/confirm}), which answers
 * their recovery codes, once.
 */
@Path("staff/me/totp")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly
public class StaffTwoFactorResource {

  @Inject TwoFactor twoFactor;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record Code(
      @NotBlank(message = "enter the 6-digit code your app shows")
          @Size(max = 20, message = "is too long")
          String code) {}

  @GET
  public Map<String, Boolean> status() {
    return Map.of("enabled", twoFactor.enabled(who().id()));
  }

  /** A new secret (replacing one not confirmed yet); 409 two-factor-on when it is on already. */
  @POST
  public Response enrol() {
    TwoFactor.Enrolment e = twoFactor.enrol(who());
    return Response.ok(Map.of("secret", e.secret(), "otpauthUri", e.otpauthUri()))
        .header("Cache-Control", "no-store")
        .build();
  }

  /** Turns it on with a code from the new secret: the recovery codes, shown this once. */
  @POST
  @Path("confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response confirm(@NotNull(message = "send {code}") @Valid Code body) {
    rateLimiter.hit(
        "staff-totp-confirm:" + who().id(),
        new RateLimiter.Limit(10, Duration.ofMinutes(10)),
        "Too many tries. Wait a few minutes.");
    List<String> codes = twoFactor.confirm(who(), body.code(), clientAddress.of(http));
    return Response.ok(Map.of("enabled", true, "recoveryCodes", codes))
        .header("Cache-Control", "no-store")
        .build();
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
