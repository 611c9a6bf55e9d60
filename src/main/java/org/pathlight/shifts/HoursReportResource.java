package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Dates;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;

/**
 * {@code /api/hours}: hours served by every volunteer in a period, per role, as JSON or CSV
 * (volunteers staff). The period defaults to this calendar year in the organisation's zone.
 */
@Path("hours")
public class HoursReportResource {

  @Inject HoursReport report;
  @Inject Organization org;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public HoursReport.Report json(@QueryParam("from") String from, @QueryParam("to") String to) {
    return run(from, to);
  }

  @GET
  @Path("export.csv")
  @Produces("text/csv")
  @StaffOnly(StaffRole.VOLUNTEERS)
  public Response csv(@QueryParam("from") String from, @QueryParam("to") String to) {
    HoursReport.Report r = run(from, to);
    return Response.ok(HoursReport.csv(r), "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"volunteer-hours.csv\"")
        .build();
  }

  private HoursReport.Report run(String from, String to) {
    int year = org.today().getYear();
    Instant start = Dates.bound("from", from, org.zone());
    Instant end = Dates.bound("to", to, org.zone());
    if (start == null) {
      start = ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, org.zone()).toInstant();
    }
    if (end == null) {
      end = ZonedDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, org.zone()).toInstant();
    }
    if (!end.isAfter(start)) {
      throw ProblemException.invalid("to", "must be after from");
    }
    return report.between(start, end);
  }
}
