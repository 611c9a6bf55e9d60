package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;
import org.pathlight.payments.CheckoutSession;
import org.pathlight.payments.PaymentUnavailable;
import org.pathlight.payments.PlanCheckoutRequest;
import org.pathlight.payments.PlanFact;
import org.pathlight.payments.Subscriptions;
import org.pathlight.payments.TestCheckout;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * Recurring gifts: starting one (a pending plan, then the processor's hosted checkout in
 * subscription mode), the donor's changes from the manage link, staff cancellation, the test
 * processor's instalments, and reconciliation with Stripe. Every change goes to the processor
 * first; its answer is applied through the plan ledger, exactly like a webhook.
 */
@ApplicationScoped
public class Plans {

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Subscriptions subscriptions;
  @Inject PlanLedger ledger;
  @Inject ManageLinks manageLinks;
  @Inject Outbox outbox;
  @Inject GivingSettings settings;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject Plans self;

  static String adjective(String frequency) {
    return switch (frequency) {
      case "quarterly" -> "quarterly";
      case "annually" -> "annual";
      default -> "monthly";
    };
  }

  /** What the donor's browser needs next (the same shape as a one-time gift's). */
  public record Started(
      UUID id, String status, String checkoutUrl, long amount, String frequency, boolean test) {}

  /**
   * Starts a recurring gift; an Idempotency-Key is honoured as for a one-time gift (see {@link
   * Donations#start}): the same body gets the same checkout, another body a 422.
   */
  public Started start(
      Donations.Intent intent, String frequency, String key, String hash, String clientIp) {
    Optional<Plan> earlier = earlierPlan(key, hash);
    Plan plan;
    if (earlier.isPresent()) {
      plan = earlier.get();
    } else {
      try {
        plan = self.createPending(intent, frequency, key, hash, clientIp);
      } catch (RuntimeException raced) {
        // a double click: the other request created the plan with the same key
        plan = earlierPlan(key, hash).orElseThrow(() -> raced);
      }
    }
    if (plan.checkoutUrl() != null) {
      return started(plan);
    }
    try {
      return started(self.openCheckout(plan.id(), intent.email().trim()));
    } catch (PaymentUnavailable e) {
      self.abandon(plan.id());
      throw e;
    } catch (jakarta.persistence.PersistenceException e) {
      throw Idempotency.busyOr(e);
    }
  }

  /** Opens the plan's hosted checkout once, under the plan's row lock (bounded wait). */
  @Transactional
  public Plan openCheckout(long planId, String email) {
    Idempotency.boundLockWait(em);
    Plan plan = em.find(Plan.class, planId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (plan.checkoutUrl() != null) {
      return plan;
    }
    CheckoutSession session =
        subscriptions.open(
            new PlanCheckoutRequest(
                plan.publicId().toString(),
                plan.amount(),
                plan.currency(),
                plan.frequency(),
                "Recurring "
                    + adjective(plan.frequency())
                    + " gift to "
                    + funds.name(plan.fundCode()),
                email,
                urls.to("/give/thanks?plan=" + plan.publicId()),
                urls.to("/give?cancelled=" + plan.publicId())));
    plan.openedCheckout(session.sessionId(), session.url(), clock.instant());
    return plan;
  }

  private Optional<Plan> earlierPlan(String key, String hash) {
    Optional<Plan> plan = byIdempotencyKey(key);
    plan.ifPresent(p -> Idempotency.requireSame(p.idempotencyHash(), hash));
    return plan;
  }

  Optional<Plan> byIdempotencyKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return em.createNamedQuery("Plan.byIdempotencyKey", Plan.class)
        .setParameter("key", key)
        .getResultStream()
        .findFirst();
  }

  /** The checkout never opened: the plan stays pending (never shown) and its key is released. */
  @Transactional
  public void abandon(long planId) {
    em.find(Plan.class, planId).releaseIdempotencyKey();
  }

  @Transactional
  public Plan createPending(
      Donations.Intent intent, String frequency, String key, String hash, String clientIp) {
    Fund fund = funds.require(intent.fundCode());
    long supporterId =
        supporters
            .findOrCreate(intent.email(), intent.firstName(), intent.lastName(), null)
            .supporter()
            .id();
    Plan plan =
        Plan.pending(
            supporterId,
            fund.code(),
            intent.amount(),
            intent.currency(),
            frequency,
            new Plan.Dedication(intent.anonymous(), intent.tributeKind(), intent.tributeName()),
            subscriptions.processor(),
            subscriptions.testMode(),
            key,
            key == null ? null : hash,
            clientIp,
            clock.instant());
    em.persist(plan);
    em.flush();
    return plan;
  }

  private static Started started(Plan p) {
    return new Started(
        p.publicId(), p.status(), p.checkoutUrl(), p.amount(), p.frequency(), p.test());
  }

  // ---- the donor's manage link ---------------------------------------------------------------

  /** What the manage page shows: the donor's plans and gifts, newest first. */
  public record DonorView(
      String firstName,
      String email,
      List<PlanView> plans,
      List<GiftLine> gifts,
      List<Integer> statementYears) {}

  public record PlanView(
      UUID id,
      String status,
      long amount,
      String currency,
      String frequency,
      String fund,
      boolean test,
      LocalDate pausedUntil,
      java.time.Instant startedAt,
      java.time.Instant canceledAt,
      boolean canUpdateCard) {}

  public record GiftLine(
      UUID id,
      java.time.Instant paidAt,
      long amount,
      long refunded,
      String currency,
      String status,
      String fund,
      String receipt,
      String source,
      boolean recurring) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public DonorView donor(long supporterId) {
    var person = supporters.find(supporterId).orElseThrow(() -> ProblemException.notFound("."));
    Map<String, String> fundNames = funds.names();
    List<PlanView> plans =
        em.createNamedQuery("Plan.bySupporter", Plan.class)
            .setParameter("id", supporterId)
            .getResultStream()
            .filter(p -> !"pending".equals(p.status()))
            .map(p -> view(p, fundNames))
            .toList();
    @SuppressWarnings("unchecked")
    List<Gift> gifts =
        em.createQuery(
                "select g from Gift g where g.supporterId = :id and g.paidAt is not null"
                    + " order by g.paidAt desc")
            .setParameter("id", supporterId)
            .setMaxResults(200)
            .getResultList();
    return new DonorView(
        person.firstName(),
        person.email(),
        plans,
        gifts.stream()
            .map(
                g ->
                    new GiftLine(
                        g.publicId(),
                        g.paidAt(),
                        g.amountCharged(),
                        g.refundedAmount(),
                        g.currency(),
                        g.status(),
                        fundNames.getOrDefault(g.fundCode(), g.fundCode()),
                        g.receiptLabel(),
                        g.source(),
                        g.planId() != null))
            .toList(),
        em.createQuery(
                "select distinct g.receiptYear from Gift g where g.supporterId = :id"
                    + " and g.paidAt is not null and g.receiptYear is not null"
                    + " order by g.receiptYear desc",
                Integer.class)
            .setParameter("id", supporterId)
            .getResultList());
  }

  PlanView view(Plan p, Map<String, String> fundNames) {
    return new PlanView(
        p.publicId(),
        p.status(),
        p.amount(),
        p.currency(),
        p.frequency(),
        fundNames.getOrDefault(p.fundCode(), p.fundCode()),
        p.test(),
        p.pausedUntil(),
        p.startedAt(),
        p.canceledAt(),
        "stripe".equals(p.processor()) && !p.ended());
  }

  /** A donor's change to one of their plans (from the manage link). */
  public PlanView change(
      long supporterId, String planId, String action, LocalDate until, Long amount, String reason) {
    Plan plan = owned(supporterId, planId);
    if ("canceled".equals(plan.status())) {
      throw ProblemException.conflict("plan-canceled", "This recurring gift has been canceled.");
    }
    if (plan.ended()) {
      throw ProblemException.conflict(
          "plan-ended", "This recurring gift has ended: nothing more will be charged.");
    }
    var handle = plan.handle();
    PlanFact.State answer =
        switch (action) {
          case "pause" -> {
            if (until == null) {
              throw ProblemException.invalid("until", "give the date to resume on");
            }
            LocalDate today = org.today();
            if (!until.isAfter(today) || until.isAfter(today.plusYears(1))) {
              throw ProblemException.invalid(
                  "until", "choose a date after today and within a year");
            }
            yield subscriptions.pause(
                handle, until.atStartOfDay(org.zone()).toInstant().getEpochSecond());
          }
          case "resume" -> subscriptions.resume(handle);
          case "change_amount" -> {
            if (amount == null) {
              throw ProblemException.invalid("amount", "give the new amount in cents");
            }
            if (amount < settings.minAmount() || amount > settings.maxAmount()) {
              throw ProblemException.invalid(
                  "amount",
                  "choose between "
                      + Money.format(settings.minAmount(), plan.currency())
                      + " and "
                      + Money.format(settings.maxAmount(), plan.currency()));
            }
            yield subscriptions.changeAmount(handle, amount);
          }
          case "cancel" -> subscriptions.cancel(handle, reason);
          default ->
              throw ProblemException.invalid(
                  "action", "choose pause, resume, change_amount or cancel");
        };
    return self.applyAnswer(plan.id(), answer, "cancel".equals(action) ? reason : null, "donor");
  }

  @Transactional
  public PlanView applyAnswer(long planId, PlanFact.State answer, String reason, String by) {
    ledger.apply(answer); // locks and updates this plan's managed instance
    Plan plan = em.find(Plan.class, planId);
    if ("canceled".equals(plan.status()) && reason != null) {
      plan.noteCancellation(reason, by);
    }
    return view(plan, Map.of(plan.fundCode(), funds.name(plan.fundCode())));
  }

  /** The Stripe-hosted page for a new card; the test processor has none. */
  public String cardUpdateUrl(long supporterId, String planId, String returnUrl) {
    Plan plan = owned(supporterId, planId);
    if (plan.ended()) {
      throw ProblemException.conflict(
          "plan-ended",
          "This recurring gift has ended: there is no card to update. Start a new gift instead.");
    }
    if (!"stripe".equals(plan.processor()) || plan.subscriptionId() == null) {
      throw ProblemException.conflict(
          "no-card", "This gift went through the test processor: there is no card to update.");
    }
    return subscriptions.cardUpdateUrl(plan.handle(), returnUrl);
  }

  private Plan owned(long supporterId, String planId) {
    Plan plan = byPublicId(planId);
    if (plan.supporterId() != supporterId) {
      throw ProblemException.notFound("No recurring gift " + planId + ".");
    }
    return plan;
  }

  Plan byPublicId(String planId) {
    UUID id;
    try {
      id = UUID.fromString(planId);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No recurring gift " + planId + ".");
    }
    return em.createNamedQuery("Plan.byPublicId", Plan.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("No recurring gift " + planId + "."));
  }

  // ---- staff ---------------------------------------------------------------------------------

  public record StaffPlan(
      UUID id,
      String status,
      long amount,
      String currency,
      String frequency,
      long monthlyValue,
      String fund,
      String email,
      String name,
      boolean test,
      java.time.Instant createdAt,
      java.time.Instant startedAt,
      java.time.Instant canceledAt,
      String cancelReason) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<StaffPlan> list(String status) {
    Map<String, String> fundNames = funds.names();
    var query =
        em.createQuery(
            "select p, s from Plan p, Supporter s where s.id = p.supporterId"
                + (status == null ? "" : " and p.status = :status")
                + " order by p.createdAt desc");
    if (status != null) {
      query.setParameter("status", status);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.setMaxResults(500).getResultList();
    return rows.stream().map(r -> staffView((Plan) r[0], (Supporter) r[1], fundNames)).toList();
  }

  private StaffPlan staffView(Plan p, Supporter person, Map<String, String> fundNames) {
    return new StaffPlan(
        p.publicId(),
        p.status(),
        p.amount(),
        p.currency(),
        p.frequency(),
        p.monthlyValue(),
        fundNames.getOrDefault(p.fundCode(), p.fundCode()),
        person.email(),
        person.fullName(),
        p.test(),
        p.createdAt(),
        p.startedAt(),
        p.canceledAt(),
        p.cancelReason());
  }

  private StaffPlan staffView(Plan p) {
    return staffView(
        p,
        supporters.find(p.supporterId()).orElseThrow(),
        Map.of(p.fundCode(), funds.name(p.fundCode())));
  }

  /**
   * Counts per status, revenue at risk (the monthly value of failing plans) and the recovery rate
   * (of instalments that failed at least once, the share later paid).
   */
  public record Summary(
      Map<String, Long> byStatus,
      long monthlyRevenueActive,
      long revenueAtRisk,
      long failedInstalments,
      long recoveredInstalments,
      double recoveryRate) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Summary summary() {
    Map<String, Long> byStatus = new java.util.TreeMap<>();
    long active = 0;
    long atRisk = 0;
    @SuppressWarnings("unchecked")
    List<Object[]> groups =
        em.createNativeQuery(
                "select status, frequency, count(*), sum(amount) from recurring_plan"
                    + " group by status, frequency")
            .getResultList();
    for (Object[] g : groups) {
      String status = (String) g[0];
      byStatus.merge(status, ((Number) g[2]).longValue(), Long::sum);
      long monthly = Plan.monthlyValue((String) g[1], ((Number) g[3]).longValue());
      if ("active".equals(status)) {
        active += monthly;
      } else if ("failing".equals(status)) {
        atRisk += monthly;
      }
    }
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    "select count(*), count(*) filter (where paid_at is not null)"
                        + " from plan_invoice where attempts > 0")
                .getSingleResult();
    long failed = ((Number) r[0]).longValue();
    long recovered = ((Number) r[1]).longValue();
    return new Summary(
        byStatus,
        active,
        atRisk,
        failed,
        recovered,
        failed == 0 ? 0 : Math.round(1000.0 * recovered / failed) / 1000.0);
  }

  /** Cancels at the processor first; the answer, the reason and the audit entry then together. */
  public StaffPlan staffCancel(String planId, String reason, String actor, String ip) {
    Plan plan = byPublicId(planId);
    if ("canceled".equals(plan.status())) {
      throw ProblemException.conflict("plan-canceled", "This recurring gift is canceled already.");
    }
    if (plan.ended()) {
      throw ProblemException.conflict(
          "plan-ended", "This recurring gift has ended at the processor: nothing to cancel.");
    }
    return self.recordStaffCancel(
        plan.id(), subscriptions.cancel(plan.handle(), reason), reason, actor, ip);
  }

  @Transactional
  public StaffPlan recordStaffCancel(
      long planId, PlanFact.State answer, String reason, String actor, String ip) {
    applyAnswer(planId, answer, reason, actor);
    audit.record(
        actor, "plan.canceled", "recurring_plan", planId, null, Map.of("reason", reason), ip);
    return staffView(em.find(Plan.class, planId));
  }

  /**
   * The test processor's next instalment, on staff's word: a newer invoice paid or failed; after a
   * failure the same invoice is retried (so fail, fail, succeed is a recovery), and the fourth
   * failure of one invoice exhausts its retries.
   */
  @Transactional
  public StaffPlan testInstalment(String planId, boolean succeed) {
    Plan plan = byPublicId(planId);
    if (!TestCheckout.PROCESSOR.equals(plan.processor())) {
      throw ProblemException.conflict(
          "not-test", "Only plans of the test processor take instalments from staff.");
    }
    if (!"active".equals(plan.status()) && !"failing".equals(plan.status())) {
      throw ProblemException.conflict(
          "plan-not-billing", "This plan is " + plan.status() + ": no instalment is due.");
    }
    @SuppressWarnings("unchecked")
    List<Object[]> open =
        em.createNativeQuery(
                "select invoice_id, attempts, created_epoch from plan_invoice where plan_id = ?1"
                    + " and paid_at is null order by created_epoch desc limit 1")
            .setParameter(1, plan.id())
            .getResultList();
    long now = clock.instant().getEpochSecond();
    String invoice =
        open.isEmpty()
            ? "test_in_" + UUID.randomUUID().toString().replace("-", "")
            : (String) open.get(0)[0];
    // test invoices are ordered by the millisecond (Stripe's by the second they were created)
    long created = open.isEmpty() ? clock.millis() : ((Number) open.get(0)[2]).longValue();
    int attempt = open.isEmpty() ? 1 : ((Number) open.get(0)[1]).intValue() + 1;
    var ref = new PlanFact.PlanRef(plan.publicId().toString(), plan.subscriptionId());
    String eventId = "test_evt_" + UUID.randomUUID();
    ledger.apply(
        succeed
            ? new PlanFact.InvoicePaid(
                eventId,
                TestCheckout.PROCESSOR,
                "test.invoice_paid",
                ref,
                invoice,
                created,
                plan.amount(),
                plan.currency(),
                now,
                null,
                null)
            : new PlanFact.InvoiceFailed(
                eventId,
                TestCheckout.PROCESSOR,
                "test.invoice_payment_failed",
                ref,
                invoice,
                created,
                plan.amount(),
                plan.currency(),
                attempt,
                attempt >= 4,
                false,
                "The test card was declined."));
    return staffView(plan); // the ledger locked and updated this same managed instance
  }

  /**
   * Emails a manage link when the email belongs to a donor (a paid gift or a plan); silent
   * otherwise, so the answer never tells whether an email is known.
   */
  @Transactional
  public void emailManageLink(String email) {
    supporters
        .findByEmail(email.trim())
        .filter(
            s ->
                ((Number)
                            em.createNativeQuery(
                                    "select (select count(*) from gift where supporter_id = ?1"
                                        + " and paid_at is not null)"
                                        + " + (select count(*) from recurring_plan"
                                        + " where supporter_id = ?1 and status <> 'pending')")
                                .setParameter(1, s.id())
                                .getSingleResult())
                        .longValue()
                    > 0)
        .ifPresent(
            s ->
                outbox.enqueue(
                    Outbox.Envelope.to(s.recipient(), "receipt"),
                    "manage-link",
                    Map.of(
                        "discreet",
                        s.safeContact().discreetSender(),
                        "firstName",
                        s.firstName() == null ? "friend" : s.firstName(),
                        "manageLink",
                        manageLinks.url(s.id()))));
  }
}
