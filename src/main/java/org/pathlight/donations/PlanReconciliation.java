package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;
import org.pathlight.payments.PlanFact;
import org.pathlight.payments.Subscriptions;

/**
 * Repairs drift between our plans and Stripe's subscriptions (a webhook that never arrived, an
 * endpoint that was down): every Stripe plan that is not canceled is read back from Stripe once per
 * {@code pathlight.plans.reconcile-hours}, and what Stripe says (the completed checkout, the
 * subscription's state, its latest invoice) is applied through the plan ledger like any event, so a
 * missed instalment becomes a receipted gift and a missed cancellation cancels. Plans are claimed
 * in small batches with {@code FOR UPDATE SKIP LOCKED} and stamped before Stripe is called, so
 * several instances share the work and never read the same plan twice in a round; no transaction
 * stays open across a call to Stripe.
 */
@ApplicationScoped
public class PlanReconciliation {

  private static final Logger LOG = Logger.getLogger(PlanReconciliation.class.getName());
  static final String JOB = "plan-reconciliation";

  @PersistenceContext EntityManager em;
  @Inject Subscriptions subscriptions;
  @Inject PlanLedger ledger;
  @Inject Clock clock;
  @Inject PlanReconciliation self; // claim() runs in its own transaction through the proxy

  /** How often each plan is compared with Stripe; 0 turns reconciliation off. */
  @Inject
  @ConfigProperty(name = "pathlight.plans.reconcile-hours", defaultValue = "24")
  int reconcileHours;

  void start(@Observes Startup.SchemaReady ready, Jobs jobs) {
    if (reconcileHours > 0) {
      jobs.hourly(JOB, this::tick);
    }
  }

  void tick() {
    ReconcileRound.Result r = run(Duration.ofHours(reconcileHours), 2000);
    if (r.repaired() > 0 || r.failed() > 0) {
      LOG.info(() -> "Plan reconciliation: " + r);
    }
  }

  /** Reconciles up to {@code max} plans not compared with Stripe for {@code every}. */
  public ReconcileRound.Result run(Duration every, int max) {
    // fixed for the round, so a plan stamped in this round is not due again within it
    Instant dueBefore = clock.instant().minus(every);
    return ReconcileRound.run(limit -> self.claim(dueBefore, limit), this::reconcile, max);
  }

  /** Claims the plans due (its own short transaction): stamped now, so no one else takes them. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claim(Instant dueBefore, int limit) {
    // a checkout is given an hour before we ask; Stripe expires them after a day
    return ReconcileRound.claim(
        em,
        "recurring_plan",
        "processor = 'stripe' and canceled_at is null and (subscription_id is not null"
            + " or (checkout_session_id is not null and created_at < ?2 and created_at > ?3))",
        clock.instant(),
        dueBefore,
        Duration.ofDays(2),
        limit);
  }

  /** A plan as it stands and how many instalments it has. */
  public record Snapshot(Plan plan, long gifts) {}

  /** Reads one plan back from Stripe and applies what differs; true when the plan changed. */
  boolean reconcile(long planId) {
    Snapshot before = self.snapshot(planId);
    if (before == null) {
      return false;
    }
    Plan plan = before.plan();
    for (PlanFact fact : subscriptions.current(plan.handle(), plan.checkoutSessionId())) {
      if (fact instanceof PlanFact.State state
          && plan.knows(
              state.state(), state.collectionPaused(), ledger.resumeDate(state), state.amount())) {
        continue; // nothing new: no event row for an unchanged subscription
      }
      ledger.apply(fact);
    }
    Snapshot after = self.snapshot(planId);
    return !after.plan().status().equals(plan.status())
        || after.plan().amount() != plan.amount()
        || after.gifts() != before.gifts();
  }

  /**
   * The plan (detached when this returns) and its instalment count, read in a short transaction.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Snapshot snapshot(long planId) {
    Plan plan = em.find(Plan.class, planId);
    if (plan == null) {
      return null;
    }
    long gifts =
        ((Number)
                em.createNativeQuery("select count(*) from gift where plan_id = ?1")
                    .setParameter(1, planId)
                    .getSingleResult())
            .longValue();
    return new Snapshot(plan, gifts);
  }
}
