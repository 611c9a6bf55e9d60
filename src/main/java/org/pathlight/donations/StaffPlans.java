package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.ProblemException;
import org.pathlight.payments.PlanFact;
import org.pathlight.payments.Subscriptions;
import org.pathlight.payments.TestCheckout;
import org.pathlight.payments.TestInvoice;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * Staff's side of recurring gifts: the list and the summary (revenue at risk, recovery rate), a
 * cancellation (audited), and the test processor's instalments on staff's word.
 */
@ApplicationScoped
public class StaffPlans {

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Subscriptions subscriptions;
  @Inject PlanLedger ledger;
  @Inject Plans plans;
  @Inject AuditTrail audit;
  @Inject StaffPlans self; // recordStaffCancel in its own transaction, after the processor answered

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
      query.setParameter("status", PlanStatus.of(status));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.setMaxResults(500).getResultList();
    return rows.stream().map(r -> staffView((Plan) r[0], (Supporter) r[1], fundNames)).toList();
  }

  private StaffPlan staffView(Plan p, Supporter person, Map<String, String> fundNames) {
    return new StaffPlan(
        p.publicId(),
        p.status().word(),
        p.amount(),
        p.currency(),
        p.frequency().word(),
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
    List<PlanGroup> groups =
        em.createQuery(
                "select new org.pathlight.donations.PlanGroup(p.status, p.frequency, count(p),"
                    + " sum(p.amount)) from Plan p group by p.status, p.frequency",
                PlanGroup.class)
            .getResultList();
    for (PlanGroup g : groups) {
      byStatus.merge(g.status().word(), g.plans(), Long::sum);
      long monthly = g.frequency().perMonth(g.amount());
      if (g.status() == PlanStatus.ACTIVE) {
        active += monthly;
      } else if (g.status() == PlanStatus.FAILING) {
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

  /** One instalment of a plan: a ledger gift. */
  public record Instalment(
      UUID giftId,
      java.time.Instant paidAt,
      long amount,
      long refundedAmount,
      String currency,
      String status,
      String receiptNumber) {}

  /** A plan with its instalments (newest first) and its unpaid invoice's failed attempts. */
  public record PlanDetail(
      StaffPlan plan, List<Instalment> instalments, int failedAttempts, String processor) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public PlanDetail detail(String planId) {
    Plan plan = plans.byPublicId(planId);
    List<Gift> gifts =
        em.createQuery(
                "select g from Gift g where g.planId = :plan order by g.paidAt desc, g.id desc",
                Gift.class)
            .setParameter("plan", plan.id())
            .setMaxResults(240)
            .getResultList();
    @SuppressWarnings("unchecked")
    List<Number> attempts =
        em.createNativeQuery(
                "select attempts from plan_invoice where plan_id = ?1 and paid_at is null"
                    + " order by created_epoch desc limit 1")
            .setParameter(1, plan.id())
            .getResultList();
    return new PlanDetail(
        staffView(plan),
        gifts.stream()
            .map(
                g ->
                    new Instalment(
                        g.publicId(),
                        g.paidAt(),
                        g.amountCharged(),
                        g.refundedAmount(),
                        g.currency(),
                        g.status().word(),
                        g.receiptLabel()))
            .toList(),
        attempts.isEmpty() ? 0 : attempts.get(0).intValue(),
        plan.processor());
  }

  /** Cancels at the processor first; the answer, the reason and the audit entry then together. */
  public StaffPlan staffCancel(String planId, String reason, String actor, String ip) {
    Plan plan = plans.byPublicId(planId);
    if (plan.status() == PlanStatus.CANCELED) {
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
    plans.applyAnswer(planId, answer, reason, actor);
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
    Plan plan = plans.byPublicId(planId);
    if (!TestCheckout.PROCESSOR.equals(plan.processor())) {
      throw ProblemException.conflict(
          "not-test", "Only plans of the test processor take instalments from staff.");
    }
    if (plan.status() != PlanStatus.ACTIVE && plan.status() != PlanStatus.FAILING) {
      throw ProblemException.conflict(
          "plan-not-billing", "This plan is " + plan.status().word() + ": no instalment is due.");
    }
    @SuppressWarnings("unchecked")
    List<Object[]> open =
        em.createNativeQuery(
                "select invoice_id, attempts, created_epoch from plan_invoice where plan_id = ?1"
                    + " and paid_at is null order by created_epoch desc limit 1")
            .setParameter(1, plan.id())
            .getResultList();
    TestInvoice invoice =
        open.isEmpty()
            ? null
            : new TestInvoice(
                (String) open.get(0)[0],
                ((Number) open.get(0)[2]).longValue(),
                ((Number) open.get(0)[1]).intValue());
    ledger.apply(subscriptions.instalment(plan.handle(), invoice, succeed));
    return staffView(plan); // the ledger locked and updated this same managed instance
  }
}
