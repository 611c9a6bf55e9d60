package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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

/**
 * {@code /api/staff/invitations}: an admin invites a colleague by email; the colleague accepts with
 * the link's token and a password of their own ({@code accept}, public, rate-limited).
 */
@Path("staff/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class StaffInvitationsResource {

  @Inject StaffInvitations invitations;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** Link uses (right or wrong) per client address in ten minutes. */
  @Inject
  @ConfigProperty(
      name = "pathlight.staff.invitations.accept.limit.per.address",
      defaultValue = "20")
  int acceptPerAddress;

  /** An invitation as admins see it: {@code status} open, or expired (not used in time). */
  public record Invitation(
      long id,
      String email,
      String displayName,
      List<String> roles,
      String invitedBy,
      Instant createdAt,
      Instant expiresAt,
      String status) {}

  public record NewInvitation(
      @NotBlank(message = "enter their email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email,
      @NotBlank(message = "enter their name") @Size(max = 120, message = "is too long")
          String displayName,
      @NotEmpty(message = "choose at least one role")
          List<@NotBlank(message = "must not be blank") String> roles) {}

  public record Acceptance(
      @NotBlank(message = "open the link from the invitation email again")
          @Size(max = 200, message = "is not an invitation link")
          String token,
      @NotBlank(message = "choose a password") @Size(max = 1024, message = "is too long")
          String password) {}

  /** Emails a single-use link (valid 72 hours); inviting the email again withdraws the last. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.ADMIN)
  public Response invite(@NotNull(message = "send the invitation") @Valid NewInvitation body) {
    Invitation made =
        invitations.invite(
            body.email(),
            body.displayName(),
            StaffAccountsResource.roles(body.roles()),
            who().actor(),
            clientAddress.of(http));
    return Response.status(Response.Status.CREATED).entity(made).build();
  }

  @GET
  @StaffOnly(StaffRole.ADMIN)
  public List<Invitation> open() {
    return invitations.open();
  }

  /** Withdraws an invitation not used yet: its link stops working. A second time is 409. */
  @POST
  @Path("{id}/revoke")
  @StaffOnly(StaffRole.ADMIN)
  public Response revoke(@PathParam("id") long id) {
    invitations.revoke(id, who().actor(), clientAddress.of(http));
    return Response.noContent().build();
  }

  /** The colleague sets their password with the link's token: 201 with the new account. */
  @POST
  @Path("accept")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response accept(@NotNull(message = "send {token, password}") @Valid Acceptance body) {
    String ip = clientAddress.of(http);
    rateLimiter.hit(
        "staff-invitation-accept:" + ip,
        new RateLimiter.Limit(acceptPerAddress, Duration.ofMinutes(10)),
        "Too many tries from your network. Wait a few minutes.");
    StaffAccounts.View account = invitations.accept(body.token(), body.password(), ip);
    return Response.status(Response.Status.CREATED)
        .entity(account)
        .header("Cache-Control", "no-store")
        .build();
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
