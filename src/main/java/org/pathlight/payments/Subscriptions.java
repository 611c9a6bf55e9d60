package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * Recurring gifts with whichever processor holds the plan: Stripe, or the built-in test processor
 * (whose answers are made here, in the same shape). Every change answers with the plan's new state
 * as a {@link PlanFact.State} for the plan ledger.
 */
@ApplicationScoped
public class Subscriptions {

  @Inject PaymentSettings settings;
  @Inject StripeSubscriptions stripe;
  @Inject TestCheckout test;
  @Inject Clock clock;

  public CheckoutSession open(PlanCheckoutRequest request) {
    return settings.stripe() ? stripe.open(request) : test.open(request);
  }

  /** Which processor new plans go to. */
  public String processor() {
    return settings.processor();
  }

  public boolean testMode() {
    return settings.testMode();
  }

  public PlanFact.State pause(PlanHandle h, long resumesAtEpoch) {
    return stripe(h)
        ? stripe.pause(h, resumesAtEpoch)
        : testState(h, "pause", "active", true, resumesAtEpoch, h.amount());
  }

  public PlanFact.State resume(PlanHandle h) {
    return stripe(h) ? stripe.resume(h) : testState(h, "resume", "active", false, null, h.amount());
  }

  public PlanFact.State changeAmount(PlanHandle h, long amount) {
    return stripe(h)
        ? stripe.changeAmount(h, amount)
        : testState(h, "amount", "active", false, null, amount);
  }

  public PlanFact.State cancel(PlanHandle h, String reason) {
    return stripe(h)
        ? stripe.cancel(h, reason)
        : testState(h, "cancel", "canceled", false, null, h.amount());
  }

  /** A Stripe-hosted page where the donor enters a new card (Stripe plans only). */
  public String cardUpdateUrl(PlanHandle h, String returnUrl) {
    if (!stripe(h)) {
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

  /**
   * What the processor holds for a plan now, as facts to apply (reconciliation). The test
   * processor's answers are all made here, so it never drifts: nothing to read.
   */
  public java.util.List<PlanFact> current(PlanHandle h, String checkoutSessionId) {
    return stripe(h) ? stripe.current(h, checkoutSessionId) : java.util.List.of();
  }

  private boolean stripe(PlanHandle h) {
    if (StripeEvents.PROCESSOR.equals(h.processor()) && !settings.stripe()) {
      throw new PaymentUnavailable("a Stripe plan, but no Stripe key is configured");
    }
    return StripeEvents.PROCESSOR.equals(h.processor());
  }

  private PlanFact.State testState(
      PlanHandle h, String what, String status, boolean paused, Long resumesAt, long amount) {
    return new PlanFact.State(
        "test_api_" + what + "_" + UUID.randomUUID(),
        TestCheckout.PROCESSOR,
        "test." + what,
        new PlanFact.PlanRef(h.planPublicId(), h.subscriptionId()),
        status,
        paused,
        resumesAt,
        amount,
        clock.millis(),
        "cancel".equals(what) ? "cancellation_requested" : null);
  }
}
