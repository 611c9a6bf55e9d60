package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffRole;

/** {@code /api/volunteers/{id}/hours}: hours served, from check-ins (volunteers staff). */
@Path("volunteers/{id}/hours")
@Produces(MediaType.APPLICATION_JSON)
public class HoursResource {

  @Inject Shifts shifts;

  @GET
  @StaffOnly(StaffRole.VOLUNTEERS)
  public Shifts.Hours hours(@PathParam("id") long id) {
    return shifts.hours(id);
  }
}
