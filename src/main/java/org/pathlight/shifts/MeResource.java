package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.pathlight.supporters.Supporters;
import org.pathlight.volunteers.Volunteer;
import org.pathlight.volunteers.VolunteerTokens;
import org.pathlight.volunteers.VolunteerView;
import org.pathlight.volunteers.Volunteers;

/** {@code /api/volunteers/me}: the signed-in volunteer, their screening and their bookings. */
@Path("volunteers/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject VolunteerTokens tokens;
  @Inject Volunteers volunteers;
  @Inject Supporters supporters;
  @Inject Shifts shifts;

  /** The volunteer with their upcoming bookings. */
  public record Me(VolunteerView volunteer, List<ShiftView> bookings) {}

  /** Signs the volunteer out on every device: every sign-in link issued so far stops working. */
  @DELETE
  @Path("sessions")
  public Response signOutEverywhere(@HeaderParam("Authorization") String authorization) {
    volunteers.signOutEverywhere(tokens.require(authorization));
    return Response.noContent().build();
  }

  @GET
  public Me me(@HeaderParam("Authorization") String authorization) {
    Volunteer v = volunteers.require(tokens.require(authorization));
    return new Me(
        VolunteerView.of(v, supporters.find(v.supporterId()).orElseThrow()),
        shifts.bookedBy(v.id()));
  }
}
