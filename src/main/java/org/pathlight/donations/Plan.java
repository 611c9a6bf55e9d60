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
import org.pathlight.payments.Frequency;
import org.pathlight.payments.PlanHandle;
import org.pathlight.payments.SubscriptionState;

/**
 * A recurring gift. Like a gift, its status is never set directly: it is derived (see {@link
 * #derive}) from the start, the newest subscription state the processor reported (older reports are
 * ignored), a one-way cancellation, and the state of its newest invoice, so events in any order and
 * any number of times end in the same plan.
 */
@Entity
@Table(name = "recurring_plan")
@NamedQuery(name = "Plan.byPublicId", query = "select p from Plan p where p.publicId = :id")
@NamedQuery(
    name = "Plan.bySubscription",
    query = "select p from Plan p where p.subscriptionId = :id")
@NamedQuery(
    name = "Plan.bySupporter",
    query = "select p from Plan p where p.supporterId = :id order by p.createdAt desc")
@NamedQuery(
    name = "Plan.byStatus",
    query = "select p from Plan p where p.status = :status order by p.createdAt desc")
@NamedQuery(name = "Plan.all", query = "select p from Plan p order by p.createdAt desc")
@NamedQuery(
    name = "Plan.byIdempotencyKey",
    query = "select p from Plan p where p.idempotencyKey = :key")
public class Plan {

  @Id
  @SequenceGenerator(name = "plan_seq", sequenceName = "plan_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "plan_seq")
  private Long id;

  @Column(name = "public_id")
  private UUID publicId;

  @Column(name = "supporter_id")
  private long supporterId;

  @Column(name = "fund_code")
  private String fundCode;

  private long amount;
  private String currency;

  @jakarta.persistence.Convert(converter = Frequency.Column.class)
  private Frequency frequency;

  private String processor;
  private boolean test;

  @jakarta.persistence.Convert(converter = PlanStatus.Column.class)
  private PlanStatus status;

  @Column(name = "checkout_session_id")
  private String checkoutSessionId;

  @Column(name = "checkout_url")
  private String checkoutUrl;

  @Column(name = "subscription_id")
  private String subscriptionId;

  @Column(name = "customer_id")
  private String customerId;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "snapshot_status")
  @jakarta.persistence.Convert(converter = SubscriptionState.Column.class)
  private SubscriptionState snapshotStatus;

  @Column(name = "snapshot_paused")
  private boolean snapshotPaused;

  @Column(name = "snapshot_at")
  private Long snapshotAt;

  @Column(name = "paused_until")
  private LocalDate pausedUntil;

  @Column(name = "canceled_at")
  private Instant canceledAt;

  @Column(name = "cancel_reason")
  private String cancelReason;

  @Column(name = "canceled_by")
  private String canceledBy;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "idempotency_hash")
  private String idempotencyHash;

  private boolean anonymous;

  @jakarta.persistence.Embedded private Tribute tribute;

  @Column(name = "ended_reason")
  private String endedReason;

  @Column(name = "client_ip")
  private String clientIp;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Version private long version;

  protected Plan() {}

  /**
   * How the donor asked the plan's gifts to be given: anonymously, in honor or memory of someone.
   */
  record Dedication(boolean anonymous, Tribute tribute) {}

  static Plan pending(
      long supporterId,
      String fundCode,
      long amount,
      String currency,
      Frequency frequency,
      Dedication dedication,
      String processor,
      boolean test,
      String idempotencyKey,
      String idempotencyHash,
      String clientIp,
      Instant now) {
    Plan p = new Plan();
    p.anonymous = dedication.anonymous();
    p.tribute = dedication.tribute();
    p.idempotencyHash = idempotencyHash;
    p.publicId = UUID.randomUUID();
    p.supporterId = supporterId;
    p.fundCode = fundCode;
    p.amount = amount;
    p.currency = currency;
    p.frequency = frequency;
    p.processor = processor;
    p.test = test;
    p.status = PlanStatus.PENDING;
    p.idempotencyKey = idempotencyKey;
    p.clientIp = clientIp;
    p.createdAt = now;
    p.updatedAt = now;
    return p;
  }

  /**
   * The newest invoice's state, as far as the status needs it; {@code paidAtMillis} when it was
   * paid (null while unpaid).
   */
  record NewestInvoice(boolean paid, int attempts, boolean exhausted, Long paidAtMillis) {}

  /**
   * The status from the facts. Ended at the processor is final: lapsed when the processor gave up
   * collecting (it says payment_failed, or says nothing while the newest invoice ran out of
   * retries), canceled otherwise. Then lapsed (retries exhausted, or the processor says unpaid);
   * paused, unless an instalment was paid after the pause was reported; failing (the newest
   * instalment is unpaid after a failure, or the processor says past due while no newer instalment
   * was paid); otherwise active once started.
   */
  static PlanStatus derive(
      boolean canceled,
      String endedReason,
      SubscriptionState snapshotStatus,
      boolean snapshotPaused,
      Long snapshotAt,
      boolean started,
      NewestInvoice newest) {
    boolean newestUnpaid = newest != null && !newest.paid() && newest.attempts() > 0;
    boolean exhausted = newestUnpaid && newest.exhausted();
    if (canceled || snapshotStatus == SubscriptionState.ENDED) {
      boolean lapse = "payment_failed".equals(endedReason) || (endedReason == null && exhausted);
      return lapse ? PlanStatus.LAPSED : PlanStatus.CANCELED;
    }
    if (exhausted || snapshotStatus == SubscriptionState.GAVE_UP) {
      return PlanStatus.LAPSED;
    }
    boolean paidSincePause =
        newest != null
            && newest.paid()
            && newest.paidAtMillis() != null
            && snapshotAt != null
            && newest.paidAtMillis() > snapshotAt;
    if ((snapshotPaused || snapshotStatus == SubscriptionState.PAUSED) && !paidSincePause) {
      return PlanStatus.PAUSED;
    }
    if (newestUnpaid) {
      return PlanStatus.FAILING;
    }
    if (newest != null && newest.paid()) {
      return PlanStatus.ACTIVE;
    }
    if (snapshotStatus == SubscriptionState.BEHIND) {
      return PlanStatus.FAILING;
    }
    return started || snapshotStatus == SubscriptionState.COLLECTING
        ? PlanStatus.ACTIVE
        : PlanStatus.PENDING;
  }

  /** Recomputes the status from the facts. */
  void settle(NewestInvoice newest, Instant now) {
    status =
        derive(
            canceledAt != null,
            endedReason,
            snapshotStatus,
            snapshotPaused,
            snapshotAt,
            startedAt != null,
            newest);
    updatedAt = now;
  }

  /** Links the processor's ids (never replaces one already known); true if any was new. */
  boolean link(String subscription, String customer) {
    boolean linked = false;
    if (subscription != null && subscriptionId == null) {
      subscriptionId = subscription;
      linked = true;
    }
    if (customer != null && customerId == null) {
      customerId = customer;
    }
    return linked;
  }

  void start(Instant at) {
    if (startedAt == null) {
      startedAt = at;
    }
  }

  /**
   * A subscription state reported at {@code atMillis}: ignored unless newer than the one held. The
   * amount follows the processor's view too.
   */
  void observe(
      SubscriptionState status,
      boolean paused,
      LocalDate until,
      Long newAmount,
      long atMillis,
      String whyEnded) {
    if (snapshotAt != null && atMillis <= snapshotAt) {
      return;
    }
    snapshotAt = atMillis;
    snapshotStatus = status;
    snapshotPaused = paused;
    pausedUntil = paused ? until : null;
    if (newAmount != null && newAmount > 0) {
      amount = newAmount;
    }
    if (status == SubscriptionState.ENDED && canceledAt == null) {
      canceledAt = Instant.ofEpochMilli(atMillis);
      endedReason = whyEnded;
    }
  }

  /** True when a state read from the processor says nothing this plan does not already know. */
  boolean knows(SubscriptionState status, boolean paused, LocalDate until, Long newAmount) {
    return snapshotAt != null
        && snapshotStatus == status
        && snapshotPaused == paused
        && java.util.Objects.equals(pausedUntil, paused ? until : null)
        && (newAmount == null || newAmount == amount);
  }

  void noteCancellation(String reason, String by) {
    if (cancelReason == null) {
      cancelReason = reason;
      canceledBy = by;
    }
  }

  void releaseIdempotencyKey() {
    idempotencyKey = null;
  }

  void openedCheckout(String sessionId, String url, Instant now) {
    this.checkoutSessionId = sessionId;
    this.checkoutUrl = url;
    this.updatedAt = now;
  }

  PlanHandle handle() {
    return new PlanHandle(
        publicId.toString(), processor, subscriptionId, customerId, amount, currency, frequency);
  }

  public Long id() {
    return id;
  }

  String idempotencyHash() {
    return idempotencyHash;
  }

  /** What each instalment gift carries over from the donor's request. */
  Dedication dedication() {
    return new Dedication(anonymous, tribute);
  }

  /** Ended for good at the processor (canceled, or lapsed and then ended by the processor). */
  boolean ended() {
    return canceledAt != null;
  }

  String checkoutSessionId() {
    return checkoutSessionId;
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

  public long amount() {
    return amount;
  }

  public String currency() {
    return currency;
  }

  public Frequency frequency() {
    return frequency;
  }

  public String processor() {
    return processor;
  }

  public boolean test() {
    return test;
  }

  public PlanStatus status() {
    return status;
  }

  public String checkoutUrl() {
    return checkoutUrl;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public LocalDate pausedUntil() {
    return pausedUntil;
  }

  public Instant canceledAt() {
    return canceledAt;
  }

  public String cancelReason() {
    return cancelReason;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Monthly value, for revenue at risk: quarterly ÷ 3, annual ÷ 12. */
  public long monthlyValue() {
    return frequency.perMonth(amount);
  }
}
