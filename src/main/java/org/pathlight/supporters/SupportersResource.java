package org.pathlight.supporters;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.util.List;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;

/**
 * {@code /api/supporters}: staff find, add and edit people. Fundraising, volunteers and advocacy
 * staff find and add the people their work meets (and admins); impact staff never see a person.
 * Only fundraising (and admins) edit a record, its consent and its safe-contact flags: the flags
 * decide how every channel reaches a person who may be at risk, so few hands change them.
 */
@Path("supporters")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly({StaffRole.FUNDRAISING, StaffRole.VOLUNTEERS, StaffRole.ADVOCACY})
public class SupportersResource {

  @Inject Supporters supporters;
  @Inject Profiles profiles;
  @Inject Merges merges;
  @Inject SupporterImports imports;
  @Inject PrivacyExports exports;
  @Inject Erasures erasures;
  @Inject Consents consents;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record NewSupporter(
      @NotBlank(message = "enter an email address")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "must be at most 254 characters")
          String email,
      @Size(max = 100, message = "must be at most 100 characters") String firstName,
      @Size(max = 100, message = "must be at most 100 characters") String lastName,
      @Pattern(regexp = Supporter.PHONE, message = "is not a phone number") String phone) {}

  public record Change(
      @Size(max = 100, message = "must be at most 100 characters") String firstName,
      @Size(max = 100, message = "must be at most 100 characters") String lastName,
      @Pattern(regexp = Supporter.PHONE, message = "is not a phone number") String phone,
      @Valid Address address,
      Supporter.Consent consent,
      Supporter.SafeContact safeContact) {}

  public record Address(
      @NotBlank(message = "enter the street address") @Size(max = 200, message = "is too long")
          String line1,
      @Size(max = 200, message = "is too long") String line2,
      @NotBlank(message = "enter the city") @Size(max = 100, message = "is too long") String city,
      @Size(max = 100, message = "is too long") String region,
      @Size(max = 20, message = "is too long") String postalCode,
      @Pattern(regexp = "[A-Z]{2}", message = "use a two-letter country code such as US")
          String country) {}

  /** Finds the person by email or adds them: 201 when new, 200 when they already existed. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response findOrCreate(@NotNull(message = "send the supporter") @Valid NewSupporter body) {
    Supporters.Match match =
        supporters.findOrCreate(body.email(), body.firstName(), body.lastName(), body.phone());
    return Response.status(match.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(SupporterView.of(match.supporter()))
        .build();
  }

  @GET
  public List<SupporterView> search(@QueryParam("q") String q, @QueryParam("limit") Integer limit) {
    String query = QueryParams.maxLength("q", q == null ? "" : q.trim(), 100);
    return supporters.search(query, QueryParams.range("limit", limit, 50, 1, 500)).stream()
        .map(SupporterView::of)
        .toList();
  }

  /** Two records that look like one person, and why. */
  public record Duplicate(SupporterView a, SupporterView b, List<String> reasons) {}

  /** What a merge would do: both records, what each holds, and what stops it (or null). */
  public record MergePreview(
      SupporterView keep,
      SupporterView merge,
      java.util.Map<String, Long> keepHolds,
      java.util.Map<String, Long> mergeHolds,
      String blocked) {}

  public record MergeBody(
      @NotNull(message = "choose the record to keep") Long keep,
      @NotNull(message = "choose the record to merge into it") Long merge) {}

  /** An erasure's reason, as staff give it (the request's date and channel, a ticket number). */
  public record EraseBody(
      @NotBlank(message = "say why: the request and when it came")
          @Size(max = 500, message = "keep the reason under 500 characters")
          String reason) {}

  /** What an erasure did: what was removed, and what was kept and why. */
  public record ErasureReport(
      long supporterId,
      java.time.Instant erasedAt,
      String erasedBy,
      String reason,
      List<String> removed,
      List<PersonRecords.Kept> kept) {}

  /**
   * Before an erasure, what the records hold on the person and what stops it ({@code blocked}, or
   * null); after it, when it happened and its report.
   */
  public record ErasurePreview(
      long supporterId,
      java.time.Instant erasedAt,
      java.util.Map<String, Long> holds,
      String blocked,
      ErasureReport report) {}

  /** What an import found (a dry run) or did: lines read, people new and matched, lines refused. */
  public record ImportReport(
      boolean dryRun, int lines, int created, int matched, List<Invalid> invalid) {}

  /** A refused line of an import: its line number in the file, and what is wrong with it. */
  public record Invalid(long line, List<String> errors) {}

  /**
   * Imports people from a CSV (header line first). Query parameters map fields to the file's
   * columns ({@code email=E-mail address}); a field not mapped is filled from a column named like
   * it. {@code dryRun=true} (the default) writes nothing and reports line by line; {@code
   * dryRun=false} writes the good lines and skips the rest. {@code source} says where the file's
   * consent came from.
   */
  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
  @StaffOnly(StaffRole.FUNDRAISING)
  @org.pathlight.common.BodyLimit.Upload
  public ImportReport importCsv(
      java.io.InputStream body,
      @QueryParam("dryRun") String dryRun,
      @QueryParam("source") String source,
      @Context jakarta.ws.rs.core.UriInfo uri)
      throws java.io.IOException {
    if (dryRun != null && !List.of("true", "false").contains(dryRun)) {
      throw ProblemException.invalid("dryRun", "use true (look first) or false (import)");
    }
    java.util.Map<String, String> mapping = new java.util.HashMap<>();
    for (String field : SupporterImports.FIELDS) {
      String column = uri.getQueryParameters().getFirst(field);
      if (column != null) {
        mapping.put(field, QueryParams.maxLength(field, column, 200));
      }
    }
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return imports.run(
        body,
        mapping,
        QueryParams.maxLength("source", source, 200),
        !"false".equals(dryRun),
        who.actor(),
        clientAddress.of(http));
  }

  /** The people a search finds, as CSV (fundraising): the same search as the list, all of it. */
  @GET
  @Path("export.csv")
  @Produces("text/csv")
  @StaffOnly(StaffRole.FUNDRAISING)
  public Response export(@QueryParam("q") String q) {
    String query = QueryParams.maxLength("q", q == null ? "" : q.trim(), 100);
    StringBuilder csv =
        new StringBuilder(
            "id,email,first_name,last_name,phone,address_line1,address_line2,city,region,"
                + "postal_code,country,email_topics,"
                + "sms_opt_in,discreet_sender,no_postal_mail,do_not_feature,created_at\r\n");
    List<Supporter> found = supporters.search(query, 100_000);
    java.util.Map<Long, String> topics =
        consents.subscribedTopics(found.stream().map(Supporter::id).toList());
    for (Supporter s : found) {
      Supporter.PostalAddress a = s.address();
      org.pathlight.documents.Csv.row(
          csv,
          s.id(),
          s.email(),
          s.firstName(),
          s.lastName(),
          s.phone(),
          a == null ? null : a.line1(),
          a == null ? null : a.line2(),
          a == null ? null : a.city(),
          a == null ? null : a.region(),
          a == null ? null : a.postalCode(),
          a == null ? null : a.country(),
          topics.getOrDefault(s.id(), ""),
          s.consent().sms(),
          s.safeContact().discreetSender(),
          s.safeContact().noPostalMail(),
          s.safeContact().doNotFeature(),
          s.createdAt());
    }
    return Response.ok(csv.toString())
        .header("Content-Disposition", "attachment; filename=\"people.csv\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("duplicates")
  @StaffOnly(StaffRole.FUNDRAISING)
  public List<Duplicate> duplicates(@QueryParam("limit") Integer limit) {
    return merges.suggestions(QueryParams.range("limit", limit, 50, 1, 500));
  }

  @GET
  @Path("merge-preview")
  @StaffOnly(StaffRole.FUNDRAISING)
  public MergePreview mergePreview(@QueryParam("keep") Long keep, @QueryParam("merge") Long merge) {
    if (keep == null) {
      throw ProblemException.invalid("keep", "choose the record to keep");
    }
    if (merge == null) {
      throw ProblemException.invalid("merge", "choose the record to merge into it");
    }
    if (keep.equals(merge)) {
      throw ProblemException.invalid("merge", "choose two different records");
    }
    return merges.preview(keep, merge);
  }

  /**
   * Merges {@code merge} into {@code keep}: everything the merged record holds moves over (gifts,
   * receipts and bookings keep their numbers), and it stays as a pointer. Audited; a repeat is 409.
   */
  @POST
  @Path("merge")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public SupporterView merge(@NotNull(message = "send {keep, merge}") @Valid MergeBody body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return merges.merge(body.keep(), body.merge(), who.actor(), clientAddress.of(http));
  }

  @GET
  @Path("{id}")
  public SupporterView get(@PathParam("id") long id) {
    return supporters
        .find(id)
        .map(SupporterView::of)
        .orElseThrow(() -> ProblemException.notFound("No supporter with id " + id + "."));
  }

  /**
   * A person's timeline, newest first: the records the caller's roles may read; {@code hidden}
   * names the kinds kept from them, {@code unavailable} the ones that failed to load.
   */
  public record Timeline(
      List<PersonRecords.Entry> entries, List<String> hidden, List<String> unavailable) {}

  @GET
  @Path("{id}/timeline")
  public Timeline timeline(@PathParam("id") long id, @QueryParam("limit") Integer limit) {
    Supporter s =
        supporters
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("No supporter with id " + id + "."));
    return profiles.timeline(
        s,
        (StaffPrincipal) security.getUserPrincipal(),
        QueryParams.range("limit", limit, 100, 1, 500));
  }

  /**
   * A privacy request: everything held on the person, as one ZIP (admin only). Audited. Shift
   * addresses and email texts are left out, and the ZIP's README says why.
   */
  @GET
  @Path("{id}/export")
  @Produces({"application/zip", MediaType.APPLICATION_JSON})
  @StaffOnly(StaffRole.ADMIN)
  public Response privacyExport(@PathParam("id") long id) {
    Supporter s =
        supporters
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("No supporter with id " + id + "."));
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    byte[] zip = exports.export(s, who.actor(), clientAddress.of(http));
    return Response.ok(zip)
        .header("Content-Disposition", "attachment; filename=\"person-" + s.id() + ".zip\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  /** What erasing the person would touch and what stops it; once erased, the erasure's report. */
  @GET
  @Path("{id}/erasure")
  @StaffOnly(StaffRole.ADMIN)
  public ErasurePreview erasure(@PathParam("id") long id) {
    return erasures.preview(id);
  }

  /**
   * A privacy request: erases the person everywhere (admin only), keeping what tax and accounting
   * law require without their name; answers what was removed and kept, and why. Audited; a repeat
   * is 409 erased.
   */
  @POST
  @Path("{id}/erase")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.ADMIN)
  public ErasureReport erase(
      @PathParam("id") long id, @NotNull(message = "send {reason}") @Valid EraseBody body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return erasures.erase(id, body.reason().strip(), who.actor(), clientAddress.of(http));
  }

  /** The person's answer on every topic: yes or no, where it came from, the words and when. */
  @GET
  @Path("{id}/topics")
  public List<Consents.TopicConsent> topics(@PathParam("id") long id) {
    return consents.of(person(id).id());
  }

  /** What staff record the person said ({@code {code: true|false}}); audited. */
  public record TopicsBody(java.util.Map<String, Boolean> topics) {}

  @PUT
  @Path("{id}/topics")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public List<Consents.TopicConsent> setTopics(
      @PathParam("id") long id,
      @NotNull(message = "send {topics: {code: true|false}}") TopicsBody body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return consents.recordByStaff(
        person(id).id(), body.topics(), who.actor(), clientAddress.of(http));
  }

  private Supporter person(long id) {
    return supporters
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("No supporter with id " + id + "."));
  }

  @PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public SupporterView update(
      @PathParam("id") long id, @NotNull(message = "send the changes") @Valid Change body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    Supporter.PostalAddress address =
        body.address() == null
            ? null
            : new Supporter.PostalAddress(
                body.address().line1(),
                body.address().line2(),
                body.address().city(),
                body.address().region(),
                body.address().postalCode(),
                body.address().country());
    Supporter.SupporterChange change =
        new Supporter.SupporterChange(
            body.firstName(),
            body.lastName(),
            body.phone(),
            address,
            body.consent(),
            body.safeContact());
    return SupporterView.of(supporters.update(id, change, who.actor(), clientAddress.of(http)));
  }
}
