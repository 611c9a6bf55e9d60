package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.common.ProblemException;
import org.pathlight.payments.PlanFact;

/**
 * Recurring gifts, the part every door shares: finding a plan, and applying the processor's answer
 * to a change through the plan ledger, exactly like a webhook. Starting a plan is {@link
 * PlanCheckout}, the donor's manage link {@link DonorPlans}, staff's work {@link StaffPlans}. Every
 * change goes to the processor first.
 */
@ApplicationScoped
public class Plans {

  @PersistenceContext EntityManager em;
  @Inject PlanLedger ledger;

  Optional<Plan> byIdempotencyKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return em.createNamedQuery("Plan.byIdempotencyKey", Plan.class)
        .setParameter("key", key)
        .getResultStream()
        .findFirst();
  }

  /**
   * Applies the processor's answer to a change (like a webhook, through the plan ledger) and, for a
   * cancellation, who asked and why; answers the plan as it is now.
   */
  @Transactional
  public Plan applyAnswer(long planId, PlanFact.State answer, String reason, String by) {
    ledger.apply(answer); // locks and updates this plan's managed instance
    Plan plan = em.find(Plan.class, planId);
    if (plan.status() == PlanStatus.CANCELED && reason != null) {
      plan.noteCancellation(reason, by);
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
}
