package org.pathlight.donations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One gift in the ledger. Its status is never set directly: it is derived from facts that only ever
 * move one way (paid, failed, expired, the largest refund total seen, each dispute's stage), so
 * applying processor events in any order, any number of times, ends in the same state.
 */
@Entity
@Table(name = "gift")
@NamedQuery(name = "Gift.byPublicId", query = "select g from Gift g where g.publicId = :id")
@NamedQuery(name = "Gift.bySession", query = "select g from Gift g where g.checkoutSessionId = :id")
@NamedQuery(
    name = "Gift.byPaymentIntent",
    query = "select g from Gift g where g.paymentIntentId = :id")
@NamedQuery(name = "Gift.byInvoice", query = "select g from Gift g where g.invoiceId = :id")
@NamedQuery(name = "Gift.byCharge", query = "select g from Gift g where g.chargeId = :id")
@NamedQuery(
    name = "Gift.byIdempotencyKey",
    query = "select g from Gift g where g.idempotencyKey = :key")
public class Gift {

  @Id
  @SequenceGenerator(name = "gift_seq", sequenceName = "gift_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gift_seq")
  private Long id;

  @Column(name = "public_id")
  private UUID publicId;

  @Column(name = "supporter_id")
  private long supporterId;

  @Column(name = "fund_code")
  private String fundCode;

  @jakarta.persistence.Convert(converter = GiftSource.Column.class)
  private GiftSource source;

  private String processor;
  private boolean test;
  private String currency;
  private long amount;

  @Column(name = "fee_covered")
  private long feeCovered;

  @Column(name = "benefit_value")
  private long benefitValue;

  @Column(name = "amount_charged")
  private long amountCharged;

  @Column(name = "refunded_amount")
  private long refundedAmount;

  @Column(name = "charge_refunded_total")
  private long chargeRefundedTotal;

  @jakarta.persistence.Convert(converter = GiftStatus.Column.class)
  private GiftStatus status;

  @Column(name = "paid_at")
  private Instant paidAt;

  @Column(name = "failed_at")
  private Instant failedAt;

  @Column(name = "expired_at")
  private Instant expiredAt;

  @Column(name = "failure_reason")
  private String failureReason;

  @Column(name = "dispute_status")
  private String disputeStatus;

  @Column(name = "charged_back_amount")
  private long chargedBackAmount;

  @Column(name = "payment_mismatch")
  private String paymentMismatch;

  private boolean anonymous;

  @jakarta.persistence.Embedded private Tribute tribute;

  @Column(name = "in_kind_description")
  private String inKindDescription;

  private String reference;

  @Column(name = "checkout_session_id")
  private String checkoutSessionId;

  @Column(name = "checkout_url")
  private String checkoutUrl;

  @Column(name = "payment_intent_id")
  private String paymentIntentId;

  @Column(name = "charge_id")
  private String chargeId;

  @Column(name = "receipt_year")
  private Integer receiptYear;

  @Column(name = "receipt_number")
  private Integer receiptNumber;

  @Column(name = "received_on")
  private LocalDate receivedOn;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "idempotency_hash")
  private String idempotencyHash;

  @Column(name = "client_ip")
  private String clientIp;

  @Column(name = "plan_id")
  private Long planId;

  @Column(name = "invoice_id")
  private String invoiceId;

  @Column(name = "voided_at")
  private Instant voidedAt;

  /** VOIDED or BOUNCED once staff voided the gift or recorded its check as returned; else null. */
  @jakarta.persistence.Convert(converter = GiftStatus.Column.class)
  @Column(name = "void_kind")
  private GiftStatus voidKind;

  @Column(name = "void_reason")
  private String voidReason;

  /**
   * How many times staff corrected this offline gift; each correction sends one acknowledgement.
   */
  private int corrections;

  @Column(name = "deposit_batch_id")
  private Long depositBatchId;

  @Version private long version;

  protected Gift() {}

  /** What a donor (or staff) gives: amounts, fund and dedication. */
  record Terms(
      long supporterId,
      String fundCode,
      String currency,
      long amount,
      long feeCovered,
      long benefitValue,
      boolean anonymous,
      Tribute tribute) {}

  /** An online gift, pending until the processor says it was paid. */
  static Gift online(
      Terms terms,
      String processor,
      boolean test,
      String idempotencyKey,
      String idempotencyHash,
      String clientIp,
      Instant now) {
    Gift g = new Gift(terms, GiftSource.ONLINE, now);
    g.processor = processor;
    g.test = test;
    g.idempotencyKey = idempotencyKey;
    g.idempotencyHash = idempotencyHash;
    g.clientIp = clientIp;
    g.createdBy = "donor";
    g.settle(now);
    return g;
  }

  /** One instalment of a recurring gift: an invoice the processor reported paid. */
  static Gift instalment(
      Terms terms, String processor, boolean test, long planId, String invoiceId, Instant now) {
    Gift g = new Gift(terms, GiftSource.ONLINE, now);
    g.processor = processor;
    g.test = test;
    g.planId = planId;
    g.invoiceId = invoiceId;
    g.createdBy = "plan";
    g.settle(now);
    return g;
  }

  public Long planId() {
    return planId;
  }

  /**
   * A gift received outside the website (check, cash, donor-advised fund, in kind), recorded by
   * staff: received, so paid, on {@code receivedOn}.
   */
  static Gift offline(
      Terms terms,
      GiftSource source,
      LocalDate receivedOn,
      Instant paidAt,
      String inKindDescription,
      String reference,
      String actor,
      Instant now) {
    Gift g = new Gift(terms, source, now);
    g.receivedOn = receivedOn;
    g.paidAt = paidAt;
    g.inKindDescription = inKindDescription;
    g.reference = reference;
    g.createdBy = actor;
    g.settle(now);
    return g;
  }

  private Gift(Terms terms, GiftSource source, Instant now) {
    this.publicId = UUID.randomUUID();
    this.supporterId = terms.supporterId();
    this.fundCode = terms.fundCode();
    this.currency = terms.currency();
    this.amount = terms.amount();
    this.feeCovered = terms.feeCovered();
    this.benefitValue = terms.benefitValue();
    this.amountCharged = terms.amount() + terms.feeCovered();
    this.anonymous = terms.anonymous();
    this.tribute = terms.tribute();
    this.source = source;
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public UUID publicId() {
    return publicId;
  }

  public long supporterId() {
    return supporterId;
  }

  public String fundCode() {
    return fundCode;
  }

  public GiftSource source() {
    return source;
  }

  public String processor() {
    return processor;
  }

  public boolean test() {
    return test;
  }

  public String currency() {
    return currency;
  }

  public long amount() {
    return amount;
  }

  public long feeCovered() {
    return feeCovered;
  }

  public long benefitValue() {
    return benefitValue;
  }

  public long amountCharged() {
    return amountCharged;
  }

  public long refundedAmount() {
    return refundedAmount;
  }

  public GiftStatus status() {
    return status;
  }

  public Instant paidAt() {
    return paidAt;
  }

  public String failureReason() {
    return failureReason;
  }

  public String disputeStatus() {
    return disputeStatus;
  }

  /** What lost chargebacks took back from this gift (never more than was charged). */
  public long chargedBackAmount() {
    return chargedBackAmount;
  }

  /** Why the processor's paid amount or currency did not match this gift, or null. */
  public String paymentMismatch() {
    return paymentMismatch;
  }

  /** The SHA-256 of the request that started this gift with its idempotency key, or null. */
  String idempotencyHash() {
    return idempotencyHash;
  }

  public boolean anonymous() {
    return anonymous;
  }

  /** In honor or memory of someone, or null. */
  public Tribute tribute() {
    return tribute;
  }

  public String inKindDescription() {
    return inKindDescription;
  }

  public String reference() {
    return reference;
  }

  public String checkoutSessionId() {
    return checkoutSessionId;
  }

  public String checkoutUrl() {
    return checkoutUrl;
  }

  void openedCheckout(String sessionId, String url, Instant now) {
    this.checkoutSessionId = sessionId;
    this.checkoutUrl = url;
    this.updatedAt = now;
  }

  public String paymentIntentId() {
    return paymentIntentId;
  }

  public String chargeId() {
    return chargeId;
  }

  public Integer receiptYear() {
    return receiptYear;
  }

  public Integer receiptNumber() {
    return receiptNumber;
  }

  public LocalDate receivedOn() {
    return receivedOn;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String createdBy() {
    return createdBy;
  }

  /** "2026-000042", or null before the gift is receipted. */
  public String receiptLabel() {
    return receiptNumber == null ? null : String.format("%d-%06d", receiptYear, receiptNumber);
  }

  /** What the donor may deduct: the whole payment less any goods or services received. */
  public long deductible() {
    return voidedAt != null ? 0 : Math.max(0, amountCharged - benefitValue);
  }

  /** Staff's reason for the void or the bounce, or null. */
  public String voidReason() {
    return voidReason;
  }

  public Instant voidedAt() {
    return voidedAt;
  }

  public int corrections() {
    return corrections;
  }

  /** The deposit batch an offline gift was entered in, or null. */
  public Long depositBatchId() {
    return depositBatchId;
  }

  /** Staff's Idempotency-Key for the request that recorded this offline gift, and its hash. */
  void keyedBy(String key, String hash) {
    idempotencyKey = key;
    idempotencyHash = hash;
  }

  void enterInBatch(long batchId) {
    depositBatchId = batchId;
  }

  /**
   * Why staff cannot void or correct this gift, in staff's words; null when they can. Only an
   * offline gift is staff's own record: an online gift follows its processor (refund it instead).
   */
  String whyNotCorrectable() {
    if (source == GiftSource.ONLINE) {
      return "This gift was paid online: refund it instead; its record follows the processor.";
    }
    if (voidedAt != null) {
      return voidKind == GiftStatus.BOUNCED
          ? "This check was already recorded as returned unpaid."
          : "This gift was already voided.";
    }
    return null;
  }

  /**
   * Voids the gift (entered in error) or records its check as returned unpaid: it counts for
   * nothing from now on, and keeps its receipt number, which the corrected acknowledgement names.
   */
  void markVoid(GiftStatus kind, String reason, Instant now) {
    if (kind != GiftStatus.VOIDED && kind != GiftStatus.BOUNCED) {
      throw new IllegalArgumentException("not a void: " + kind);
    }
    voidedAt = now;
    voidKind = kind;
    voidReason = reason;
    settle(now);
  }

  /** What staff may correct on an offline gift; a null field stays as it is. */
  record Correction(
      Long amount,
      Long benefitValue,
      String fundCode,
      LocalDate receivedOn,
      Instant paidAt,
      String inKindDescription,
      String reference) {}

  /**
   * Applies a correction; true when anything changed. The receipt number stays: the corrected
   * acknowledgement that follows carries the new figures under it.
   */
  boolean correct(Correction c, Instant now) {
    boolean changed = false;
    if (c.amount() != null && c.amount() != amount) {
      amount = c.amount();
      amountCharged = c.amount() + feeCovered;
      changed = true;
    }
    if (c.benefitValue() != null && c.benefitValue() != benefitValue) {
      benefitValue = c.benefitValue();
      changed = true;
    }
    if (c.fundCode() != null && !c.fundCode().equals(fundCode)) {
      fundCode = c.fundCode();
      changed = true;
    }
    if (c.receivedOn() != null && !c.receivedOn().equals(receivedOn)) {
      receivedOn = c.receivedOn();
      paidAt = c.paidAt();
      changed = true;
    }
    if (c.inKindDescription() != null && !c.inKindDescription().equals(inKindDescription)) {
      inKindDescription = c.inKindDescription();
      changed = true;
    }
    if (c.reference() != null && !c.reference().equals(reference)) {
      reference = c.reference().isBlank() ? null : c.reference();
      changed = true;
    }
    if (changed) {
      corrections++;
      settle(now);
    }
    return changed;
  }

  /** What the donor may deduct now: less what was refunded and what a lost chargeback took. */
  public long deductibleNow() {
    return Math.max(0, deductible() - refundedAmount - chargedBackAmount);
  }

  /** Why the gift cannot be refunded through its processor, in staff's words; null when it can. */
  String whyNotRefundable() {
    if (source != GiftSource.ONLINE || processor == null) {
      return "This gift was not paid online, so there is nothing to refund through a processor."
          + " Void or adjust an offline gift instead.";
    }
    if (paidAt == null) {
      return "This gift was never paid, so there is nothing to refund.";
    }
    if (status == GiftStatus.DISPUTED || status == GiftStatus.DISPUTE_LOST) {
      return "This gift's payment is disputed: the card issuer decides what is returned, not us.";
    }
    return null;
  }

  /**
   * What is left to refund through the processor: paid, less what is refunded or charged back and
   * the {@code unanswered} refunds still with the processor; 0 when it cannot be refunded.
   */
  long refundable(long unanswered) {
    return whyNotRefundable() != null
        ? 0
        : Math.max(0, amountCharged - refundedAmount - chargedBackAmount - unanswered);
  }

  /** Links processor ids the gift does not have yet; true when one was added. */
  boolean link(String sessionId, String paymentIntent, String charge) {
    boolean added = false;
    if (checkoutSessionId == null && sessionId != null) {
      checkoutSessionId = sessionId;
      added = true;
    }
    if (paymentIntentId == null && paymentIntent != null) {
      paymentIntentId = paymentIntent;
      added = true;
    }
    if (chargeId == null && charge != null) {
      chargeId = charge;
      added = true;
    }
    return added;
  }

  /** True when this is the first time the gift is known to be paid. */
  boolean markPaid(Instant at, Instant now) {
    boolean first = paidAt == null;
    if (first) {
      paidAt = at;
    }
    settle(now);
    return first;
  }

  /**
   * The checkout never opened: the gift failed, and its idempotency key is released so that the
   * donor's retry (same key) starts a new attempt instead of finding this one.
   */
  void abandon(String reason, Instant now) {
    markFailed(reason, now);
    idempotencyKey = null;
  }

  void markFailed(String reason, Instant now) {
    if (failedAt == null) {
      failedAt = now;
      failureReason = reason;
    }
    settle(now);
  }

  void markExpired(Instant now) {
    if (expiredAt == null) {
      expiredAt = now;
    }
    settle(now);
  }

  /**
   * One refund of the gift's charge, as far as it is known: its amount and status (pending,
   * requires_action, succeeded, failed or canceled).
   */
  record RefundCase(String id, long amount, String status) {

    /** This refund with another report about it: the status only moves forward. */
    RefundCase merge(RefundCase other) {
      return new RefundCase(
          id,
          Math.max(amount, other.amount),
          refundRank(other.status) > refundRank(status) ? other.status : status);
    }

    /** The refund will not happen or was reversed: its money stayed with us. */
    boolean undone() {
      return "failed".equals(status) || "canceled".equals(status);
    }
  }

  private static int refundRank(String status) {
    return switch (status) {
      case "pending", "requires_action" -> 1;
      case "succeeded" -> 2;
      default -> 3; // failed or canceled: final
    };
  }

  /**
   * What is refunded, from the charge's own largest reported total ({@code chargeTotal}, 0 for a
   * report about one refund) and the gift's refunds: the refunds that still stand, or the charge's
   * total less the refunds that failed, whichever is more, so a refund the charge reported and that
   * failed later counts no more. Any order of the same reports ends in the same amount. True when
   * the refunded amount changed.
   */
  boolean recordRefunds(long chargeTotal, java.util.Collection<RefundCase> refunds, Instant now) {
    chargeRefundedTotal = Math.max(chargeRefundedTotal, chargeTotal);
    long standing = 0;
    long undone = 0;
    for (RefundCase r : refunds) {
      if (r.undone()) {
        undone = Math.addExact(undone, r.amount());
      } else {
        standing = Math.addExact(standing, r.amount());
      }
    }
    long refunded =
        Math.min(amountCharged, Math.max(standing, Math.max(0, chargeRefundedTotal - undone)));
    boolean changed = refunded != refundedAmount;
    refundedAmount = refunded;
    settle(now);
    return changed;
  }

  /**
   * One dispute of the gift's charge, as far as it is known: its stage (open, won or lost), whether
   * it is an inquiry (a retrieval request: no money moves, and a chargeback may follow it as a case
   * of its own), the disputed amount, and whether the funds were withdrawn or reinstated.
   */
  record DisputeCase(
      String key,
      String stage,
      boolean inquiry,
      long amount,
      boolean fundsWithdrawn,
      boolean fundsReinstated) {

    /** This case with another report about it: stages only move forward, flags only get set. */
    DisputeCase merge(DisputeCase other) {
      return new DisputeCase(
          key,
          rank(other.stage) > rank(stage) ? other.stage : stage,
          inquiry,
          Math.max(amount, other.amount),
          fundsWithdrawn || other.fundsWithdrawn,
          fundsReinstated || other.fundsReinstated);
    }

    /** A chargeback the organisation lost: its money went back to the cardholder. */
    boolean chargedBack() {
      return !inquiry && "lost".equals(stage);
    }
  }

  /**
   * The gift's disputes: lost when a chargeback was lost, open while any case is open, won when
   * every case closed in our favour (a closed inquiry counts as won). True when what lost
   * chargebacks took back grew.
   */
  boolean recordDisputes(java.util.Collection<DisputeCase> cases, Instant now) {
    disputeStatus = disputeStatus(cases);
    long lost = 0;
    for (DisputeCase c : cases) {
      if (c.chargedBack()) {
        lost = Math.addExact(lost, c.amount() > 0 ? c.amount() : amountCharged);
      }
    }
    long capped = Math.min(lost, amountCharged);
    boolean grew = capped > chargedBackAmount;
    if (grew) {
      chargedBackAmount = capped;
    }
    settle(now);
    return grew;
  }

  static String disputeStatus(java.util.Collection<DisputeCase> cases) {
    if (cases.stream().anyMatch(DisputeCase::chargedBack)) {
      return "lost";
    }
    if (cases.stream().anyMatch(c -> "open".equals(c.stage()))) {
      return "open";
    }
    return cases.isEmpty() ? null : "won";
  }

  /** The processor paid a different amount or currency than this gift asked for. */
  void flagMismatch(String what, Instant now) {
    if (paymentMismatch == null) {
      paymentMismatch = what;
    }
    updatedAt = now;
  }

  void assignReceipt(int year, int number) {
    if (receiptNumber == null) {
      receiptYear = year;
      receiptNumber = number;
    }
  }

  private void settle(Instant now) {
    if (voidKind != null) {
      status = voidKind;
      updatedAt = now;
      return;
    }
    status =
        derive(
            paidAt != null,
            failedAt != null,
            expiredAt != null,
            amountCharged,
            refundedAmount,
            disputeStatus);
    updatedAt = now;
  }

  private static int rank(String disputeStage) {
    if (disputeStage == null) {
      return 0;
    }
    return switch (disputeStage) {
      case "open" -> 1;
      case "won" -> 2;
      default -> 3; // lost: final
    };
  }

  /** The status a set of facts adds up to. */
  static GiftStatus derive(
      boolean paid, boolean failed, boolean expired, long charged, long refunded, String dispute) {
    if (!paid) {
      return failed ? GiftStatus.FAILED : expired ? GiftStatus.EXPIRED : GiftStatus.PENDING;
    }
    if ("lost".equals(dispute)) {
      return GiftStatus.DISPUTE_LOST;
    }
    if ("open".equals(dispute)) {
      return GiftStatus.DISPUTED;
    }
    if (refunded > 0 && refunded >= charged) {
      return GiftStatus.REFUNDED;
    }
    return refunded > 0 ? GiftStatus.PARTIALLY_REFUNDED : GiftStatus.SUCCEEDED;
  }
}
