package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.common.PublicUrls;
import org.pathlight.payments.CheckoutSession;
import org.pathlight.payments.Frequency;
import org.pathlight.payments.PaymentUnavailable;
import org.pathlight.payments.PlanCheckoutRequest;
import org.pathlight.payments.Subscriptions;
import org.pathlight.supporters.Supporters;

/**
 * Starting a recurring gift: a pending plan, then the processor's hosted checkout in subscription
 * mode, opened once under the plan's row lock.
 */
@ApplicationScoped
public class PlanCheckout {

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Subscriptions subscriptions;
  @Inject Plans plans;
  @Inject PublicUrls urls;
  @Inject Clock clock;

  @Inject
  PlanCheckout self; // createPending, openCheckout and abandon each in their own transaction

  /** What the donor's browser needs next (the same shape as a one-time gift's). */
  public record Started(
      UUID id, String status, String checkoutUrl, long amount, String frequency, boolean test) {}

  /**
   * Starts a recurring gift; an Idempotency-Key is honoured as for a one-time gift (see {@link
   * Donations#start}): the same body gets the same checkout, another body a 422.
   */
  public Started start(
      Donations.Intent intent, Frequency frequency, String key, String hash, String clientIp) {
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
                    + plan.frequency().adjective()
                    + " gift to "
                    + funds.name(plan.fundCode()),
                email,
                urls.to("/give/thanks?plan=" + plan.publicId()),
                urls.to("/give?cancelled=" + plan.publicId())));
    plan.openedCheckout(session.sessionId(), session.url(), clock.instant());
    return plan;
  }

  private Optional<Plan> earlierPlan(String key, String hash) {
    Optional<Plan> plan = plans.byIdempotencyKey(key);
    plan.ifPresent(p -> Idempotency.requireSame(p.idempotencyHash(), hash));
    return plan;
  }

  /** The checkout never opened: the plan stays pending (never shown) and its key is released. */
  @Transactional
  public void abandon(long planId) {
    em.find(Plan.class, planId).releaseIdempotencyKey();
  }

  @Transactional
  public Plan createPending(
      Donations.Intent intent, Frequency frequency, String key, String hash, String clientIp) {
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
            new Plan.Dedication(
                intent.anonymous(), Tribute.of(intent.tributeKind(), intent.tributeName())),
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
        p.publicId(),
        p.status().word(),
        p.checkoutUrl(),
        p.amount(),
        p.frequency().word(),
        p.test());
  }
}
