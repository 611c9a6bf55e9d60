package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Recurring gifts with whichever processor holds the plan: Stripe, or the built-in test processor
 * (whose answers are made here, in the same shape). Every change answers with the plan's new state
 * as a {@link PlanFact.State} for the plan ledger.
 */
@ApplicationScoped
public class Subscriptions {

  @Inject PaymentSettings settings;
  @Inject Processors processors;
  @Inject StripeSubscriptions stripe;

  public CheckoutSession open(PlanCheckoutRequest request) {
    return processors.forNew().open(request);
  }

  /** Which processor new plans go to. */
  public String processor() {
    return settings.processor();
  }

  public boolean testMode() {
    return settings.testMode();
  }

  public PlanFact.State pause(PlanHandle h, long resumesAtEpoch) {
    return processors.of(h.processor()).pause(h, resumesAtEpoch);
  }

  public PlanFact.State resume(PlanHandle h) {
    return processors.of(h.processor()).resume(h);
  }

  public PlanFact.State changeAmount(PlanHandle h, long amount) {
    return processors.of(h.processor()).changeAmount(h, amount);
  }

  public PlanFact.State cancel(PlanHandle h, String reason) {
    return processors.of(h.processor()).cancel(h, reason);
  }

  /** A Stripe-hosted page where the donor enters a new card (Stripe plans only). */
  public String cardUpdateUrl(PlanHandle h, String returnUrl) {
    if (!(processors.of(h.processor()) instanceof StripeProcessor)) {
      throw new IllegalArgumentException("the test processor has no card to update");
    }
    return stripe.cardUpdate(h, returnUrl);
  }

  /**
   * After a setup-mode checkout completed: the new card becomes the subscription's, unless the
   * subscription has ended (then nothing changes). True when the card was used.
   */
  public boolean useCard(String subscriptionId, String setupIntentId) {
    return stripe.useCard(subscriptionId, setupIntentId);
  }

  /** What the processor holds for a plan now, as facts to apply (reconciliation). */
  public java.util.List<PlanFact> current(PlanHandle h, String checkoutSessionId) {
    return processors.of(h.processor()).currentPlan(h, checkoutSessionId);
  }

  /**
   * The plan's next instalment on staff's word (test processor plans only): {@code open} is its
   * unpaid invoice, retried, or null for a new one.
   */
  public PlanFact instalment(PlanHandle h, TestInvoice open, boolean succeed) {
    return processors.of(h.processor()).instalment(h, open, succeed);
  }
}
