package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.OptionalLong;
import org.pathlight.access.StaffAuthorization;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;
import org.pathlight.volunteers.VolunteerTokens;

/** {@code /api/bookings/{id}}: cancel a booking. */
@Path("bookings")
@Produces(MediaType.APPLICATION_JSON)
public class BookingsResource {

  @Inject Shifts shifts;
  @Inject VolunteerTokens volunteerTokens;
  @Inject org.pathlight.common.SignedTokens tokens;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** The booking's volunteer, or staff with the volunteers role, may cancel it. */
  @DELETE
  @Path("{id}")
  public BookingView cancel(
      @PathParam("id") long id, @HeaderParam("Authorization") String authorization) {
    if (security.getUserPrincipal() instanceof StaffPrincipal staff) {
      StaffAuthorization.permit(
          staff, "DELETE", http.getHeader(StaffAuthorization.CSRF_HEADER), StaffRole.VOLUNTEERS);
      return shifts.cancel(id, OptionalLong.empty(), staff.actor(), clientAddress.of(http));
    }
    return shifts.cancel(
        id, OptionalLong.of(volunteerTokens.require(authorization)), null, clientAddress.of(http));
  }

  public record CancelLink(
      @jakarta.validation.constraints.NotBlank(message = "send the token from the link")
          String token) {}

  /** The "can't make it" link in a reminder: cancels that one booking, no sign-in needed. */
  @POST
  @Path("cancel-by-link")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
  public BookingView cancelByLink(
      @jakarta.validation.constraints.NotNull(message = "send {token}") @jakarta.validation.Valid
          CancelLink body) {
    long id =
        tokens
            .verify(body.token(), ShiftReminders.CANCEL_PURPOSE)
            .map(c -> Long.parseLong(c.subject().substring("booking:".length())))
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "This link has expired or is not valid; cancel from your volunteer page."));
    // the link stands for the booking's volunteer: the same rules as their own cancel
    return shifts.cancel(id, shifts.volunteerOf(id), null, clientAddress.of(http));
  }
}
