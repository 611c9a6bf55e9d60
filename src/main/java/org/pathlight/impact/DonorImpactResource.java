package org.pathlight.impact;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.donations.ManageLinks;

/**
 * {@code /api/manage/{token}/impact?year=2026}: what a donor's gifts helped fund, through the
 * donor's signed link. Impact gets the donor's gift ids from donations, never the donor.
 */
@Path("manage/{token}/impact")
@Produces(MediaType.APPLICATION_JSON)
public class DonorImpactResource {

  @Inject ManageLinks links;
  @Inject ImpactReports reports;
  @Inject Organization org;

  @GET
  public ImpactReports.DonorImpact impact(
      @PathParam("token") String token, @QueryParam("year") String year) {
    int thisYear = org.today().getYear();
    int y;
    if (year == null || year.isBlank()) {
      y = thisYear;
    } else {
      if (!year.matches("\\d{4}")) {
        throw ProblemException.invalid("year", "is not a year like " + thisYear);
      }
      y = Integer.parseInt(year);
      if (y < 2000 || y > thisYear) {
        throw ProblemException.invalid("year", "must be from 2000 to " + thisYear);
      }
    }
    return reports.donor(links.giftIds(token), y);
  }
}
