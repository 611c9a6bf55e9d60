package org.pathlight.impact;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.pathlight.common.Organization;
import org.pathlight.donations.ManageLinks;
import org.pathlight.donations.Statements;

/**
 * {@code /api/manage/{token}/impact?year=2026}: what a donor's gifts helped fund, through the
 * donor's signed link. Impact gets the donor's gift ids from donations, never the donor.
 */
@Path("manage/{token}/impact")
@Produces(MediaType.APPLICATION_JSON)
public class DonorImpactResource {

  @Inject ManageLinks links;
  @Inject DonorImpacts impacts;
  @Inject Organization org;

  @GET
  public ImpactReports.DonorImpact impact(
      @PathParam("token") String token, @QueryParam("year") String year) {
    return impacts.donor(links.giftIds(token), year(year, org));
  }

  /** The year asked for (this year when none is), as statements read it. */
  static int year(String year, Organization org) {
    return year == null || year.isBlank()
        ? org.today().getYear()
        : Statements.year(year.strip(), org.today());
  }
}
