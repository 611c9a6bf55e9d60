package org.pathlight.officials;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.BodyLimit;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;
import org.pathlight.common.RateLimiter;

/**
 * {@code /api/officials}: who represents a ZIP code (public), and the staff imports that keep the
 * directory current.
 */
@Path("officials")
@Produces(MediaType.APPLICATION_JSON)
public class OfficialsResource {

  /** Lookups per client address per minute. */
  @Inject
  @ConfigProperty(name = "pathlight.officials.lookup.limit.per.address", defaultValue = "60")
  int lookupsPerAddress;

  @Inject Officials officials;
  @Inject OfficialImports imports;
  @Inject OfficialImportLog importLog;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /**
   * The officials for a ZIP. {@code district} (e.g. NY-12) chooses among the ZIP's candidate House
   * districts; {@code stateUpper}/{@code stateLower} name state legislative districts (the ZIP
   * alone cannot tell them). {@code address}, a street address, settles the district and the state
   * districts through the Census geocoder when one is configured ({@link CensusGeocoder}).
   */
  @GET
  public Officials.Lookup lookup(
      @QueryParam("zip") String zip,
      @QueryParam("district") String district,
      @QueryParam("stateUpper") String stateUpper,
      @QueryParam("stateLower") String stateLower,
      @QueryParam("address") String address) {
    rateLimiter.hit(
        "officials-lookup:" + clientAddress.of(http),
        new RateLimiter.Limit(lookupsPerAddress, Duration.ofMinutes(1)),
        "Too many lookups from your network. Wait a minute.");
    QueryParams.maxLength("district", district, 12);
    QueryParams.maxLength("stateUpper", stateUpper, 60);
    QueryParams.maxLength("stateLower", stateLower, 60);
    QueryParams.maxLength("address", address, 300);
    return officials.lookup(new Officials.Query(zip, district, stateUpper, stateLower, address));
  }

  /**
   * A state's legislative districts for one chamber ({@code upper} or {@code lower}): what the
   * action page offers when a campaign writes to state legislators.
   */
  @GET
  @Path("state-districts")
  public List<Officials.StateDistrict> stateDistricts(
      @QueryParam("state") String state, @QueryParam("chamber") String chamber) {
    if (state == null || !state.strip().matches("[A-Za-z]{2}")) {
      throw ProblemException.invalid("state", "give the two-letter state code, like NY");
    }
    String which = QueryParams.oneOf("chamber", chamber, "", Set.of("upper", "lower"));
    return officials.stateDistricts(state.strip().toUpperCase(Locale.ROOT), which);
  }

  /**
   * Imports a dataset (the body is the file as published): {@code congress-legislators} (YAML),
   * {@code congress-district-offices} (YAML), {@code zccd}, {@code openstates-districts}, {@code
   * openstates} (CSV). Re-importing the same file changes nothing.
   */
  @POST
  @Path("imports")
  @Consumes({
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "text/csv",
    MediaType.TEXT_PLAIN,
    MediaType.APPLICATION_OCTET_STREAM
  })
  @StaffOnly(StaffRole.ADVOCACY)
  @BodyLimit.Upload
  public ImportResult importFile(@QueryParam("source") String source, InputStream body)
      throws IOException {
    String code = QueryParams.oneOf("source", source, "", Set.copyOf(ImportSource.codes()));
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return imports.run(
        ImportSource.fromCode(code).orElseThrow(),
        body,
        who.actor(),
        clientAddress.of(http),
        false);
  }

  /** The latest import runs, newest first. */
  @GET
  @Path("imports")
  @StaffOnly(StaffRole.ADVOCACY)
  public List<OfficialImportLog.Run> importRuns(@QueryParam("limit") Integer limit) {
    return importLog.latest(QueryParams.range("limit", limit, 50, 1, 500));
  }
}
