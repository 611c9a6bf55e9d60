package org.pathlight.campaigns;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Dates;
import org.pathlight.common.Emails;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.RateLimiter;
import org.pathlight.officials.Officials;

/**
 * {@code /api/campaigns}: letter campaigns. Staff (advocacy) write, preview, publish and close them
 * and read their stats, print batches and lobbying tally; the public reads a published one and
 * writes its letters.
 */
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

  @Inject Campaigns campaigns;
  @Inject Letters letters;
  @Inject CampaignReports reports;
  @Inject Officials officials;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Inject Organization org;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** Letters per client address per 10 minutes. */
  @Inject
  @ConfigProperty(name = "pathlight.campaigns.limit.per.address", defaultValue = "10")
  int perAddress;

  public record CampaignBody(
      String slug,
      String title,
      String intro,
      String subject,
      String letterTemplate,
      List<String> targets,
      String startsOn,
      String endsOn,
      String lobbying) {
    Campaigns.Draft draft() {
      return new Campaigns.Draft(
          slug,
          title,
          intro,
          subject,
          letterTemplate,
          targets,
          Dates.optionalDate("startsOn", startsOn),
          Dates.optionalDate("endsOn", endsOn),
          lobbying);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.ADVOCACY)
  public Response create(CampaignBody body) {
    if (body == null) {
      throw ProblemException.badRequest("missing-body", "Send the campaign as JSON.");
    }
    return Response.status(Response.Status.CREATED)
        .entity(campaigns.create(body.draft(), staff().actor(), clientAddress.of(http)))
        .build();
  }

  @GET
  @StaffOnly(StaffRole.ADVOCACY)
  public List<Campaigns.CampaignView> list() {
    return campaigns.all();
  }

  /** A campaign: published or closed ones for everyone, drafts for advocacy staff. */
  @GET
  @Path("{slug}")
  public Campaigns.CampaignView get(@PathParam("slug") String slug) {
    Campaigns.CampaignView c = campaigns.require(slug);
    if ("draft".equals(c.status()) && !isAdvocacyStaff()) {
      throw ProblemException.notFound("There is no campaign " + slug + ".");
    }
    return c;
  }

  @PATCH
  @Path("{slug}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.ADVOCACY)
  public Campaigns.CampaignView change(@PathParam("slug") String slug, CampaignBody body) {
    if (body == null) {
      throw ProblemException.badRequest("missing-body", "Send the fields to change as JSON.");
    }
    return campaigns.change(slug, body.draft(), staff().actor(), clientAddress.of(http));
  }

  @POST
  @Path("{slug}/publish")
  @StaffOnly(StaffRole.ADVOCACY)
  public Campaigns.CampaignView publish(@PathParam("slug") String slug) {
    return campaigns.publish(slug, staff().actor(), clientAddress.of(http));
  }

  @POST
  @Path("{slug}/close")
  @StaffOnly(StaffRole.ADVOCACY)
  public Campaigns.CampaignView close(@PathParam("slug") String slug) {
    return campaigns.close(slug, staff().actor(), clientAddress.of(http));
  }

  /** The letter each target would get for a ZIP (staff, drafts too), from a sample supporter. */
  @GET
  @Path("{slug}/preview")
  @StaffOnly(StaffRole.ADVOCACY)
  public List<Campaigns.Preview> preview(
      @PathParam("slug") String slug,
      @QueryParam("zip") String zip,
      @QueryParam("district") String district,
      @QueryParam("stateUpper") String stateUpper,
      @QueryParam("stateLower") String stateLower) {
    Campaigns.CampaignView c = campaigns.require(slug);
    List<Officials.Official> sample = new java.util.ArrayList<>();
    if (zip != null && !zip.isBlank()) {
      officials
          .lookup(new Officials.Query(zip, district, stateUpper, stateLower, null))
          .officials()
          .stream()
          .filter(o -> c.targets().contains(o.office()))
          .forEach(sample::add);
    }
    c.targets().stream()
        .filter(t -> !Campaigns.OFFICES.contains(t))
        .forEach(t -> officials.findCurrent(t).ifPresent(sample::add));
    if (sample.isEmpty()) {
      throw ProblemException.invalid(
          "zip", "give a ZIP (and district if needed) whose officials this campaign targets");
    }
    return campaigns.preview(slug, sample);
  }

  /** What a supporter sends from the action page. {@code website} is a honeypot. */
  public record LetterBody(
      String firstName,
      String lastName,
      String email,
      String zip,
      String address,
      String city,
      String district,
      String stateUpper,
      String stateLower,
      String personalNote,
      Boolean optIn,
      String website) {
    Letters.Action action() {
      return new Letters.Action(
          firstName,
          lastName,
          email,
          zip,
          address,
          city,
          district,
          stateUpper,
          stateLower,
          personalNote,
          Boolean.TRUE.equals(optIn));
    }
  }

  /** The letters this supporter would send, without sending them. */
  @POST
  @Path("{slug}/letters/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> previewLetters(@PathParam("slug") String slug, LetterBody body) {
    guard(body, "preview");
    return Map.of("letters", letters.preview(slug, body.action()));
  }

  /** Writes and queues this supporter's letters: 201, also for a repeat (which sends nothing). */
  @POST
  @Path("{slug}/letters")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response write(@PathParam("slug") String slug, LetterBody body) {
    guard(body, "letters");
    Letters.validate(body.action()); // before the email names a rate-limit bucket
    if (body.email() != null) {
      rateLimiter.hit(
          "campaign-letters-email:" + slug + ":" + Emails.normalize(body.email()),
          new RateLimiter.Limit(5, Duration.ofMinutes(10)),
          "Too many tries for this email. Wait a few minutes.");
    }
    Letters.Result result = letters.act(slug, body.action(), clientAddress.of(http));
    return Response.status(201).entity(result.answer()).build();
  }

  private void guard(LetterBody body, String what) {
    if (body == null) {
      throw ProblemException.badRequest("missing-body", "Send your letter as JSON.");
    }
    if (body.website() != null && !body.website().isEmpty()) {
      throw ProblemException.badRequest(
          "rejected",
          "This form was filled in by a program. If you are a person, reload the page.");
    }
    rateLimiter.hit(
        "campaign-" + what + ":" + clientAddress.of(http),
        new RateLimiter.Limit(
            what.equals("preview") ? perAddress * 6 : perAddress, Duration.ofMinutes(10)),
        "Too many letters from your network. Wait a few minutes.");
  }

  @GET
  @Path("{slug}/stats")
  @StaffOnly(StaffRole.ADVOCACY)
  public CampaignReports.Stats stats(@PathParam("slug") String slug) {
    return reports.stats(slug);
  }

  @GET
  @Path("{slug}/stats.csv")
  @Produces("text/csv")
  @StaffOnly(StaffRole.ADVOCACY)
  public Response statsCsv(@PathParam("slug") String slug) {
    return csv(reports.statsCsv(slug), slug + "-letters.csv");
  }

  /**
   * The print letters waiting, as a new batch (a POST: it changes which letters are batched): 201
   * with a PDF of one letter per page; X-Print-Batch names the batch (to download again, or to mark
   * mailed), X-Letters counts its letters, Location is the batch's PDF.
   */
  @POST
  @Path("{slug}/print-batches")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  @StaffOnly(StaffRole.ADVOCACY)
  public Response printBatch(@PathParam("slug") String slug) {
    CampaignReports.Batch batch =
        reports.newPrintBatch(slug, staff().actor(), clientAddress.of(http));
    return pdf(slug, batch, Response.Status.CREATED)
        .location(
            java.net.URI.create("/api/campaigns/" + slug + "/print-batches/" + batch.id() + ".pdf"))
        .build();
  }

  @GET
  @Path("{slug}/print-batches")
  @StaffOnly(StaffRole.ADVOCACY)
  public List<CampaignReports.BatchView> printBatches(@PathParam("slug") String slug) {
    return reports.batches(slug);
  }

  /** A batch's PDF again, until it is marked mailed. */
  @GET
  @Path("{slug}/print-batches/{batch}.pdf")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  @StaffOnly(StaffRole.ADVOCACY)
  public Response printBatchAgain(
      @PathParam("slug") String slug, @PathParam("batch") String batch) {
    return pdf(slug, reports.printBatch(slug, batchId(batch)), Response.Status.OK).build();
  }

  /** The batch's letters went out: sent, and their street addresses erased. */
  @POST
  @Path("{slug}/print-batches/{batch}/mailed")
  @StaffOnly(StaffRole.ADVOCACY)
  public Map<String, Object> mailed(
      @PathParam("slug") String slug, @PathParam("batch") String batch) {
    return reports.markMailed(slug, batchId(batch), staff().actor(), clientAddress.of(http));
  }

  private static long batchId(String batch) {
    if (batch == null || !batch.matches("\\d{1,18}")) {
      throw ProblemException.invalid("batch", "give the batch number (X-Print-Batch)");
    }
    return Long.parseLong(batch);
  }

  private static Response.ResponseBuilder pdf(
      String slug, CampaignReports.Batch batch, Response.Status status) {
    return Response.status(status)
        .entity(batch.pdf())
        .type("application/pdf")
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + slug + "-letters-" + batch.id() + ".pdf\"")
        .header("X-Print-Batch", batch.id())
        .header("X-Letters", batch.letters())
        .header("Cache-Control", "no-store");
  }

  /** The lobbying tally of campaigns with activity in [from, to) (default: this year). */
  @GET
  @Path("lobbying")
  @StaffOnly(StaffRole.ADVOCACY)
  public List<CampaignReports.Tally> lobbying(
      @QueryParam("from") String from, @QueryParam("to") String to) {
    LocalDate[] p = period(from, to);
    return reports.lobbying(p[0], p[1]);
  }

  @GET
  @Path("lobbying.csv")
  @Produces("text/csv")
  @StaffOnly(StaffRole.ADVOCACY)
  public Response lobbyingCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
    LocalDate[] p = period(from, to);
    return csv(reports.lobbyingCsv(p[0], p[1]), "lobbying-" + p[0] + ".csv");
  }

  private LocalDate[] period(String from, String to) {
    LocalDate start = Dates.optionalDate("from", from);
    LocalDate end = Dates.optionalDate("to", to);
    if (start == null) {
      start = org.today().withDayOfYear(1);
    }
    if (end == null) {
      end = start.plusYears(1);
    }
    if (!end.isAfter(start)) {
      throw ProblemException.invalid("to", "must be after from");
    }
    return new LocalDate[] {start, end};
  }

  private static Response csv(String body, String filename) {
    return Response.ok(body, "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .build();
  }

  private boolean isAdvocacyStaff() {
    return security.getUserPrincipal() instanceof StaffPrincipal p && p.has(StaffRole.ADVOCACY);
  }

  private StaffPrincipal staff() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
