package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Dates;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporters;

/** {@code /api/donations}: donors start gifts; fundraising staff see and record them. */
@Path("donations")
@Produces(MediaType.APPLICATION_JSON)
public class DonationsResource {

  static final Set<String> STATUSES = GiftStatus.words();
  static final Set<String> SOURCES =
      java.util.Arrays.stream(GiftSource.values())
          .map(GiftSource::word)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  @Inject org.pathlight.supporters.OptIns optIns;
  @Inject org.pathlight.common.Background background;
  @Inject Donations donations;
  @Inject GiftQueries queries;
  @Inject Funds funds;
  @Inject Supporters supporters;
  @Inject ClientAddress clientAddress;
  @Inject StaffRefunds staffRefunds;
  @Inject ReceiptCopies receiptCopies;
  @Inject RefundRequests refundRequests;
  @Inject OfflineCorrections corrections;
  @Inject DepositBatches batches;
  @Inject Outbox outbox;
  @Inject org.pathlight.common.Organization organization;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record Tribute(
      @NotBlank(message = "choose honor or memory")
          @Pattern(regexp = "honor|memory", message = "choose honor or memory")
          String kind,
      @NotBlank(message = "give the name")
          @Size(max = 100, message = "must be at most 100 characters")
          String name) {}

  public record NewDonation(
      @NotNull(message = "give the amount in cents") Long amount,
      @NotBlank(message = "give the currency")
          @Pattern(regexp = "[a-z]{3}", message = "use a lowercase ISO code such as usd")
          String currency,
      @NotBlank(message = "choose once, monthly, quarterly or annually")
          @Pattern(
              regexp = "once|monthly|quarterly|annually",
              message = "choose once, monthly, quarterly or annually")
          String frequency,
      @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "is not a fund code") String fundCode,
      @NotBlank(message = "enter your email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email,
      @NotBlank(message = "enter your first name") @Size(max = 100, message = "is too long")
          String firstName,
      @NotBlank(message = "enter your last name") @Size(max = 100, message = "is too long")
          String lastName,
      Boolean coverFees,
      Boolean anonymous,
      @Valid Tribute tribute,
      /** The giving page's box: ask the address to confirm the impact newsletter. */
      Boolean newsletter,
      /** Hidden from people; a bot that fills every field fills this one too. */
      String website) {}

  /** The words beside the giving page's box: what the donor agrees to. */
  static final String NEWSLETTER_OPT_IN =
      "Send me the impact newsletter: what gifts like mine made possible";

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(
      @NotNull(message = "send the gift") @Valid NewDonation body,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    if (body.website() != null && !body.website().isBlank()) {
      throw ProblemException.badRequest("rejected", "This request cannot be processed.");
    }
    if (idempotencyKey != null && (idempotencyKey.length() > 100 || idempotencyKey.isBlank())) {
      throw ProblemException.invalid("Idempotency-Key", "must be 1 to 100 characters");
    }
    Donations.Intent intent =
        new Donations.Intent(
            body.amount(),
            body.currency(),
            body.fundCode() == null ? FundsResource.DEFAULT_FUND : body.fundCode(),
            body.email(),
            body.firstName(),
            body.lastName(),
            Boolean.TRUE.equals(body.coverFees()),
            Boolean.TRUE.equals(body.anonymous()),
            body.tribute() == null ? null : body.tribute().kind(),
            body.tribute() == null ? null : body.tribute().name().trim());
    Object started =
        "once".equals(body.frequency())
            ? donations.start(intent, idempotencyKey, clientAddress.of(http))
            : donations.startRecurring(
                intent,
                org.pathlight.payments.Frequency.of(body.frequency()).orElseThrow(),
                idempotencyKey,
                clientAddress.of(http));
    if (Boolean.TRUE.equals(body.newsletter())) {
      // double opt-in, after the answer: the address confirms by email before anything is sent
      String email = body.email().strip();
      background.run(
          "a newsletter sign-up from the giving page",
          () ->
              optIns.request(
                  email,
                  body.firstName(),
                  java.util.List.of("impact-newsletter"),
                  "giving page",
                  NEWSLETTER_OPT_IN));
    }
    return Response.status(Response.Status.CREATED).entity(started).build();
  }

  /** The little the thank-you page may show about a gift: no donor data. */
  public record PublicStatus(
      UUID id,
      String status,
      long amount,
      String currency,
      String fund,
      boolean test,
      String receiptNumber) {}

  @GET
  @Path("{id}/status")
  public PublicStatus status(@PathParam("id") String id) {
    Gift g = gift(id);
    String fundName = funds.name(g.fundCode());
    return new PublicStatus(
        g.publicId(),
        g.status().word(),
        g.amountCharged(),
        g.currency(),
        fundName,
        g.test(),
        g.receiptLabel());
  }

  @GET
  @StaffOnly(StaffRole.FUNDRAISING)
  public List<GiftQueries.Row> list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("fund") String fund,
      @QueryParam("status") String status,
      @QueryParam("source") String source,
      @QueryParam("min") String min,
      @QueryParam("max") String max,
      @QueryParam("q") String q,
      @QueryParam("limit") Integer limit,
      @QueryParam("offset") Integer offset) {
    return queries.find(
        filter(
            from,
            to,
            fund,
            status,
            source,
            min,
            max,
            q,
            QueryParams.range("limit", limit, 100, 1, 1000),
            QueryParams.range("offset", offset, 0, 0, 1_000_000)));
  }

  @GET
  @Path("export.csv")
  @Produces("text/csv")
  @StaffOnly(StaffRole.FUNDRAISING)
  public Response export(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("fund") String fund,
      @QueryParam("status") String status,
      @QueryParam("source") String source,
      @QueryParam("min") String min,
      @QueryParam("max") String max,
      @QueryParam("q") String q) {
    List<GiftQueries.Row> rows =
        queries.find(filter(from, to, fund, status, source, min, max, q, 100_000, 0));
    return Response.ok(GiftCsv.write(rows))
        .header("Content-Disposition", "attachment; filename=\"gifts.csv\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * One gift with its donor, its payment event history, the receipts sent for it, the refunds staff
   * asked for, and what is left to refund.
   */
  public record Detail(
      GiftView gift,
      Donor donor,
      List<GiftQueries.EventView> events,
      List<Outbox.Sent> receipts,
      List<RefundLine> refundRequests,
      long refundable,
      boolean correctable,
      String voidReason,
      UUID batch) {}

  /** The gift's donor as its page shows them; a name staff never entered is null. */
  public record Donor(long id, String email, String firstName, String lastName) {}

  @GET
  @Path("{id}")
  @StaffOnly(StaffRole.FUNDRAISING)
  public Detail get(@PathParam("id") String id) {
    Gift g = gift(id);
    var donor = supporters.find(g.supporterId()).orElseThrow();
    var requests = refundRequests.of(g.id());
    long unanswered =
        requests.stream()
            .filter(r -> "requested".equals(r.state()))
            .mapToLong(r -> r.amount())
            .sum();
    return new Detail(
        GiftView.of(g),
        new Donor(donor.id(), donor.email(), donor.firstName(), donor.lastName()),
        queries.events(g.id()),
        outbox.byKeys(Receipts.exactKeys(g), Receipts.keyPrefixes(g)),
        requests,
        g.refundable(unanswered),
        g.whyNotCorrectable() == null,
        g.voidReason(),
        g.depositBatchId() == null ? null : batches.publicId(g.depositBatchId()));
  }

  public record VoidBody(
      @NotBlank(message = "say why")
          @Size(max = 500, message = "is too long (500 characters at most)")
          String reason) {}

  /**
   * Voids an offline gift entered in error: it counts for nothing, keeps its receipt number, and
   * the donor gets an acknowledgement that the receipt is void. A second void answers 409.
   */
  @POST
  @Path("{id}/void")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public GiftView voidGift(
      @PathParam("id") String id, @NotNull(message = "send {reason}") @Valid VoidBody body) {
    return markVoid(id, GiftStatus.VOIDED, body);
  }

  /** Records a check the bank returned unpaid: like a void, told to the donor in those words. */
  @POST
  @Path("{id}/bounced")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public GiftView bounced(
      @PathParam("id") String id, @NotNull(message = "send {reason}") @Valid VoidBody body) {
    return markVoid(id, GiftStatus.BOUNCED, body);
  }

  private GiftView markVoid(String id, GiftStatus kind, VoidBody body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return GiftView.of(
        corrections.markVoid(
            gift(id), kind, body.reason().strip(), who.actor(), clientAddress.of(http)));
  }

  public record Correction(
      @PositiveOrZero(message = "cannot be negative") Long amount,
      @PositiveOrZero(message = "cannot be negative") Long benefitValue,
      @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "is not a fund code") String fundCode,
      String receivedOn,
      @Size(max = 500, message = "is too long") String inKindDescription,
      @Size(max = 100, message = "is too long") String reference,
      @NotBlank(message = "say why the gift is corrected")
          @Size(max = 500, message = "is too long (500 characters at most)")
          String reason) {}

  /** What a correction answers: the gift, and whether anything changed. */
  public record Corrected(GiftView gift, boolean changed) {}

  /**
   * Corrects an offline gift (amount, benefit, fund, date received, description, reference): the
   * receipt number stays, and the donor gets a corrected acknowledgement. Sending what the gift
   * already says changes nothing and sends nothing, so a repeat is harmless.
   */
  @jakarta.ws.rs.PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public Corrected correct(
      @PathParam("id") String id,
      @NotNull(message = "send the fields to correct and a reason") @Valid Correction body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    var outcome =
        corrections.correct(
            gift(id),
            new OfflineCorrections.Change(
                body.amount(),
                body.benefitValue(),
                body.fundCode(),
                body.receivedOn() == null ? null : Dates.date("receivedOn", body.receivedOn()),
                body.inKindDescription() == null ? null : body.inKindDescription().strip(),
                body.reference() == null ? null : body.reference().strip()),
            body.reason().strip(),
            who.actor(),
            clientAddress.of(http));
    return new Corrected(GiftView.of(outcome.gift()), outcome.changed());
  }

  /** A refund asked for from Pathlight, as the gift's page shows it. */
  public record RefundLine(
      long id,
      long amount,
      String reason,
      String requestedBy,
      java.time.Instant requestedAt,
      String state,
      String refundId,
      String refusal) {}

  /** What a refund request answers: the refund, and whether the request was a repeat. */
  public record Refunded(String refundId, long amount, String status, boolean repeat) {}

  /** What a receipt copy request answers: whether it queued a copy, and to whom. */
  public record ReceiptCopy(boolean queued, String to) {}

  public record RefundBody(
      @NotNull(message = "enter the amount to refund, in cents")
          @Positive(message = "must be at least 1 cent")
          Long amount,
      @NotBlank(message = "say why the gift is refunded")
          @Size(max = 500, message = "is too long (500 characters at most)")
          String reason) {}

  /**
   * Refunds all or part of an online gift through its processor. Send an Idempotency-Key: a repeat
   * with it answers the first request's refund (200) and never reaches the processor twice.
   */
  @POST
  @Path("{id}/refunds")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public Response refund(
      @PathParam("id") String id,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @NotNull(message = "send {amount, reason}") @Valid RefundBody body) {
    Gift g = gift(id);
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    var outcome =
        staffRefunds.refund(
            g,
            body.amount(),
            body.reason().strip(),
            requestKey(idempotencyKey),
            who.actor(),
            clientAddress.of(http));
    return Response.status(outcome.repeat() ? 200 : 201).entity(outcome).build();
  }

  /**
   * Re-sends the receipt marked as a copy (same number). One copy per Idempotency-Key, so a double
   * click sends one.
   */
  @POST
  @Path("{id}/receipt")
  @StaffOnly(StaffRole.FUNDRAISING)
  public ReceiptCopy resendReceipt(
      @PathParam("id") String id, @HeaderParam("Idempotency-Key") String idempotencyKey) {
    Gift g = gift(id);
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return receiptCopies.send(g, requestKey(idempotencyKey), who.actor(), clientAddress.of(http));
  }

  /** The request's Idempotency-Key (checked), or a new one when it sent none. */
  private static String requestKey(String header) {
    if (header == null || header.isBlank()) {
      return UUID.randomUUID().toString();
    }
    if (header.length() > 200 || !header.matches("[A-Za-z0-9._:-]+")) {
      throw ProblemException.invalid(
          "Idempotency-Key", "use up to 200 letters, digits, dots, dashes, colons or underscores");
    }
    return header;
  }

  public record OfflineGift(
      @NotBlank(message = "enter the donor's email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email,
      @Size(max = 100, message = "is too long") String firstName,
      @Size(max = 100, message = "is too long") String lastName,
      @NotBlank(message = "choose check, cash, daf or in_kind")
          @Pattern(
              regexp = "check|cash|daf|in_kind",
              message = "choose check, cash, daf or in_kind")
          String source,
      @NotNull(message = "give the amount in cents (0 for in kind)")
          @PositiveOrZero(message = "cannot be negative")
          Long amount,
      @NotBlank(message = "give the currency")
          @Pattern(regexp = "[a-z]{3}", message = "use a lowercase ISO code such as usd")
          String currency,
      @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "is not a fund code") String fundCode,
      @NotBlank(message = "give the date received (YYYY-MM-DD)") String receivedOn,
      @PositiveOrZero(message = "cannot be negative") Long benefitValue,
      @Size(max = 500, message = "is too long") String inKindDescription,
      @Size(max = 100, message = "is too long") String reference,
      Boolean anonymous,
      @Valid Tribute tribute,
      /** The deposit batch the gift is entered in, or null. */
      UUID batch) {}

  /**
   * Records an offline gift and queues its receipt. Send an Idempotency-Key: a repeat with it
   * answers the gift it recorded (200), so a double submit records one gift.
   */
  @POST
  @Path("offline")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public Response recordOffline(
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @NotNull(message = "send the gift") @Valid OfflineGift body) {
    LocalDate received = Dates.date("receivedOn", body.receivedOn());
    GiftSource source = GiftSource.of(body.source());
    boolean inKind = source == GiftSource.IN_KIND;
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    Donations.Recorded recorded =
        donations.recordOffline(
            new Donations.Offline(
                body.email(),
                body.firstName(),
                body.lastName(),
                source,
                body.amount(),
                body.currency(),
                body.fundCode() == null ? FundsResource.DEFAULT_FUND : body.fundCode(),
                received,
                body.benefitValue() == null ? 0 : body.benefitValue(),
                inKind && body.inKindDescription() != null ? body.inKindDescription().trim() : null,
                body.reference(),
                Boolean.TRUE.equals(body.anonymous()),
                body.tribute() == null ? null : body.tribute().kind(),
                body.tribute() == null ? null : body.tribute().name().trim(),
                body.batch()),
            requestKey(idempotencyKey),
            who.actor(),
            clientAddress.of(http));
    return Response.status(recorded.repeat() ? 200 : 201)
        .entity(GiftView.of(recorded.gift()))
        .build();
  }

  private Gift gift(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No gift " + id + ".");
    }
    return queries
        .byPublicId(uuid)
        .orElseThrow(() -> ProblemException.notFound("No gift " + id + "."));
  }

  private GiftQueries.Filter filter(
      String from,
      String to,
      String fund,
      String status,
      String source,
      String min,
      String max,
      String q,
      int limit,
      int offset) {
    if (status != null && !STATUSES.contains(status)) {
      throw ProblemException.invalid("status", "use one of " + STATUSES.stream().sorted().toList());
    }
    if (source != null && !SOURCES.contains(source)) {
      throw ProblemException.invalid("source", "use one of " + SOURCES.stream().sorted().toList());
    }
    Long low = QueryParams.cents("min", min);
    Long high = QueryParams.cents("max", max);
    if (low != null && high != null && low > high) {
      throw ProblemException.invalid("max", "must not be below the smallest amount");
    }
    return new GiftQueries.Filter(
        Dates.bound("from", from, organization.zone()),
        Dates.bound("to", to, organization.zone()),
        QueryParams.maxLength("fund", fund, 40),
        status,
        source,
        low,
        high,
        QueryParams.maxLength("q", q, 100),
        null,
        limit,
        offset);
  }
}
