package org.pathlight.impact;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.BodyLimit;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;
import org.pathlight.donations.ManageLinks;

/**
 * {@code /api/impact}: services delivered (aggregates only), spending, unit costs, the fund ledger
 * and the published quarters. Impact staff enter and publish; the public reads what is published,
 * through the small-count rule.
 */
@Path("impact")
@Produces(MediaType.APPLICATION_JSON)
public class ImpactResource {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  @Inject ServiceTypes types;
  @Inject ServiceCounts counts;
  @Inject ImpactImports imports;
  @Inject ImpactReports reports;
  @Inject DonorImpacts donorImpacts;
  @Inject FundLedger ledger;
  @Inject Releases releases;
  @Inject UnitCosts unitCosts;
  @Inject ClientAddress clientAddress;
  @Inject ManageLinks links;
  @Inject Organization org;
  @Inject AuditTrail audit;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record ServiceTypeBody(
      String code,
      String program,
      String name,
      String unit,
      String unitPlural,
      List<String> funds) {}

  public record CountBody(Long count) {}

  public record PublicationBody(String period) {}

  @GET
  @Path("service-types")
  public List<ServiceTypes.View> serviceTypes() {
    return types.all().stream().map(ServiceTypes.View::of).toList();
  }

  @POST
  @Path("service-types")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.IMPACT)
  public Response createServiceType(
      @NotNull(message = "send the service type") ServiceTypeBody body) {
    String code = body.code();
    if (code == null || !CODE.matcher(code).matches()) {
      throw ProblemException.invalid(
          "code", "use lowercase letters, digits and dashes, like respite-night");
    }
    ServiceTypes.View created = types.create(code, terms(body), actor(), ip());
    return Response.created(URI.create("/api/impact/service-types/" + code))
        .entity(created)
        .build();
  }

  @PUT
  @Path("service-types/{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.IMPACT)
  public ServiceTypes.View updateServiceType(
      @PathParam("code") String code,
      @NotNull(message = "send the service type") ServiceTypeBody body) {
    if (body.code() != null && !body.code().equals(code)) {
      throw ProblemException.invalid("code", "cannot change: it must match the code in the path");
    }
    return types.update(code, terms(body), actor(), ip());
  }

  private static ServiceType.Terms terms(ServiceTypeBody body) {
    Program program =
        Program.fromCode(body.program())
            .orElseThrow(
                () -> ProblemException.invalid("program", "choose prevention, rescue or recovery"));
    List<String> funds = body.funds() == null ? List.of() : body.funds();
    if (funds.size() > 5) {
      throw ProblemException.invalid("funds", "list five funds at most");
    }
    return new ServiceType.Terms(
        program,
        FreeText.check("name", body.name(), 80),
        FreeText.check("unit", body.unit(), 40),
        FreeText.check("unitPlural", body.unitPlural(), 40),
        funds);
  }

  /** The staff grid: counts as entered, {@code from}–{@code to} (default the last 12 months). */
  @GET
  @Path("services")
  @StaffOnly(StaffRole.IMPACT)
  public Map<String, Object> grid(@QueryParam("from") String from, @QueryParam("to") String to) {
    YearMonth latest = counts.latest();
    YearMonth end = to == null ? latest : Periods.month("to", to, latest);
    YearMonth start = from == null ? end.minusMonths(11) : Periods.month("from", from, latest);
    if (start.isAfter(end)) {
      throw ProblemException.invalid("from", "must not be after to");
    }
    if (start.plusMonths(60).isBefore(end)) {
      throw ProblemException.invalid("from", "the grid shows five years at most");
    }
    return Map.of(
        "from", start.toString(),
        "to", end.toString(),
        "months", Periods.months(start, end).stream().map(YearMonth::toString).toList(),
        "serviceTypes", serviceTypes(),
        "cells", counts.grid(start, end));
  }

  @PUT
  @Path("services/{serviceType}/{month}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.IMPACT)
  public ServiceCounts.Cell put(
      @PathParam("serviceType") String serviceType,
      @PathParam("month") String month,
      @NotNull(message = "send {count}") CountBody body) {
    ServiceType type = types.require("serviceType", serviceType);
    YearMonth m = Periods.month("month", month, counts.latest());
    if (body.count() == null) {
      throw ProblemException.invalid(
          "count", "is missing: give the number of " + type.unitPlural());
    }
    if (body.count() < 0) {
      throw ProblemException.invalid("count", "must not be negative");
    }
    if (body.count() > ServiceCounts.MAX_COUNT) {
      throw ProblemException.invalid("count", "is larger than " + ServiceCounts.MAX_COUNT);
    }
    return counts.put(type.code(), m, body.count(), actor(), ip());
  }

  /** The values corrections replaced: admins only. */
  @GET
  @Path("services/history")
  @StaffOnly(StaffRole.ADMIN)
  public List<ServiceCounts.Change> history(@QueryParam("limit") Integer limit) {
    return counts.history(QueryParams.range("limit", limit, 100, 1, 1000));
  }

  @POST
  @Path("services/import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
  @StaffOnly(StaffRole.IMPACT)
  @BodyLimit.Upload
  public ImpactImports.Result importServices(InputStream body) throws IOException {
    return imports.services(body, actor(), ip());
  }

  @POST
  @Path("spending/import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
  @StaffOnly(StaffRole.IMPACT)
  @BodyLimit.Upload
  public ImpactImports.Result importSpending(InputStream body) throws IOException {
    return imports.spending(body, actor(), ip());
  }

  /**
   * Public: the unit costs over the year to the latest published quarter. Staff may ask for any
   * month's version ({@code ?month=2026-09}).
   */
  @GET
  @Path("unit-costs")
  public List<ImpactReports.UnitCost> unitCosts(@QueryParam("month") String month) {
    if (month == null) {
      return reports.publicUnitCosts();
    }
    if (!(security.getUserPrincipal() instanceof StaffPrincipal who)
        || !(who.has(StaffRole.IMPACT) || who.has(StaffRole.FUNDRAISING))) {
      throw ProblemException.unauthorized(
          "Sign in as impact or fundraising staff to see a month's unit costs.");
    }
    YearMonth m = Periods.month("month", month, counts.latest());
    return unitCosts.at(m).values().stream().map(b -> reports.unitCost(b, List.of())).toList();
  }

  @GET
  @Path("funds")
  @StaffOnly({StaffRole.IMPACT, StaffRole.FUNDRAISING})
  public List<FundLedger.Fund> funds() {
    return ledger.all();
  }

  @POST
  @Path("releases/{month}")
  @StaffOnly(StaffRole.IMPACT)
  public Releases.Outcome release(@PathParam("month") String month) {
    return releases.rerun(Periods.month("month", month, counts.latest()));
  }

  @GET
  @Path("publications")
  @StaffOnly(StaffRole.IMPACT)
  public Map<String, Object> publications() {
    return reports.publications();
  }

  @POST
  @Path("publications")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.IMPACT)
  public Map<String, String> publish(@NotNull(message = "send {period}") PublicationBody body) {
    return reports.publish(Periods.quarter("period", body.period()), actor(), ip());
  }

  /** A quarter as the public would see it once published (impact staff, before publishing). */
  @GET
  @Path("preview")
  @StaffOnly(StaffRole.IMPACT)
  public ImpactReports.Period preview(@QueryParam("period") String period) {
    return reports.preview(Periods.quarter("period", period));
  }

  /**
   * What the donor with this email will see on their manage page and statement for {@code year}:
   * the same figures, through the same small-count rule. Each look is audited.
   */
  @GET
  @Path("preview/donor")
  @StaffOnly({StaffRole.IMPACT, StaffRole.FUNDRAISING})
  @jakarta.transaction.Transactional
  public ImpactReports.DonorImpact previewDonor(
      @QueryParam("email") String email, @QueryParam("year") String year) {
    String address = QueryParams.maxLength("email", email, 254);
    if (address == null || address.isBlank() || !address.contains("@")) {
      throw ProblemException.invalid("email", "give the donor's email address");
    }
    int y = DonorImpactResource.year(year, org);
    List<Long> gifts = links.giftIdsOf(address.strip());
    if (gifts.isEmpty()) {
      throw ProblemException.notFound("No donor has given with that email.");
    }
    audit.record(actor(), "impact.preview.donor", "donor", address.strip(), null, null, ip());
    return donorImpacts.donor(gifts, y);
  }

  @GET
  @Path("public")
  public ImpactReports.Public published() {
    return reports.publicReport();
  }

  private String actor() {
    return ((StaffPrincipal) security.getUserPrincipal()).actor();
  }

  private String ip() {
    return clientAddress.of(http);
  }
}
