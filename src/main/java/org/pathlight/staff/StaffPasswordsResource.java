package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;
import org.pathlight.common.RateLimiter;

/**
 * A staff member's own password: {@code PUT /api/staff/me/password} (signed in, re-entering the
 * current one), and forgot password: {@code POST /api/staff/password-reset} (always 202, whether
 * the email is known or not; rate-limited) and {@code …/confirm} with the emailed link's token.
 */
@Path("staff")
@Produces(MediaType.APPLICATION_JSON)
public class StaffPasswordsResource {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  @Inject StaffPasswords passwords;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** Reset requests per client address in ten minutes. */
  @Inject
  @ConfigProperty(name = "pathlight.staff.password-reset.limit.per.address", defaultValue = "10")
  int resetsPerAddress;

  /** Reset emails per address (email) in an hour; more are dropped without a word. */
  static final int RESETS_PER_EMAIL = 3;

  public record PasswordChange(
      @NotBlank(message = "enter your current password") @Size(max = 1024, message = "is too long")
          String current,
      @NotBlank(message = "choose a new password") @Size(max = 1024, message = "is too long")
          String password) {}

  public record ResetRequest(
      @NotBlank(message = "enter your email") @Size(max = 254, message = "is too long")
          String email) {}

  public record ResetConfirm(
      @NotBlank(message = "open the link from the email again")
          @Size(max = 200, message = "is not a password link")
          String token,
      @NotBlank(message = "choose a new password") @Size(max = 1024, message = "is too long")
          String password) {}

  /** Changes the signed-in member's password; their other sign-ins end. 204. */
  @PUT
  @Path("me/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly
  public Response change(
      @NotNull(message = "send {current, password}") @Valid PasswordChange body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    String ip = clientAddress.of(http);
    rateLimiter.hit(
        "staff-password-change:" + who.id(),
        new RateLimiter.Limit(10, Duration.ofMinutes(10)),
        "Too many tries. Wait a few minutes.");
    passwords.change(who, body.current(), body.password(), ip);
    return Response.noContent().build();
  }

  /** Emails a reset link if an active account has this email; 202 either way. */
  @POST
  @Path("password-reset")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response requestReset(@NotNull(message = "send {email}") @Valid ResetRequest body) {
    String ip = clientAddress.of(http);
    rateLimiter.hit(
        "staff-password-reset:" + ip,
        new RateLimiter.Limit(resetsPerAddress, Duration.ofMinutes(10)),
        "Too many requests from your network. Wait a few minutes.");
    boolean mayMail = true;
    try {
      rateLimiter.hit(
          "staff-password-reset-email:"
              + org.pathlight.access.Secrets.sha256(Emails.normalize(body.email().trim())),
          new RateLimiter.Limit(RESETS_PER_EMAIL, Duration.ofHours(1)),
          "too many for this address");
    } catch (ProblemException tooMany) {
      mayMail = false; // answered like any other request: the email is not revealed
    }
    if (mayMail) {
      passwords.requestReset(body.email(), ip);
    }
    return Response.accepted(
            JSON.createObjectBuilder()
                .add(
                    "detail",
                    "If a staff account has that email, a link to choose a new password is on its"
                        + " way. It works once, for one hour.")
                .build())
        .build();
  }

  /** Sets a new password from the emailed link; every session of the account ends. */
  @POST
  @Path("password-reset/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public StaffAccounts.View confirm(
      @NotNull(message = "send {token, password}") @Valid ResetConfirm body) {
    String ip = clientAddress.of(http);
    rateLimiter.hit(
        "staff-password-reset-confirm:" + ip,
        new RateLimiter.Limit(resetsPerAddress * 2, Duration.ofMinutes(10)),
        "Too many tries from your network. Wait a few minutes.");
    return passwords.confirmReset(body.token(), body.password(), ip);
  }
}
