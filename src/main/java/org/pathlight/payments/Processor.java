package org.pathlight.payments;

import java.util.List;

/**
 * A payment processor: Stripe, or the built-in test processor. Both answer every change with the
 * fact the ledgers apply (exactly as a webhook would), so nothing outside {@code payments} knows
 * which one holds a gift or a plan. {@link Processors} picks one by name.
 */
interface Processor {

  /** The name gifts and plans record ({@code stripe}, {@code test}). */
  String name();

  CheckoutSession open(CheckoutRequest request);

  CheckoutSession open(PlanCheckoutRequest request);

  PlanFact.State pause(PlanHandle h, long resumesAtEpoch);

  PlanFact.State resume(PlanHandle h);

  PlanFact.State changeAmount(PlanHandle h, long amount);

  PlanFact.State cancel(PlanHandle h, String reason);

  /** Refunds part or all of a paid gift's charge, once per {@link RefundRequest#idempotencyKey}. */
  PaymentFact.RefundReported refund(RefundRequest request);

  /** What the processor holds for a gift's checkout now (reconciliation). */
  List<PaymentFact> currentCheckout(String sessionId);

  /** What the processor holds for a plan now (reconciliation). */
  List<PlanFact> currentPlan(PlanHandle h, String checkoutSessionId);

  /**
   * The processor's own fee for a paid gift's payment, in the gift's currency, once it has settled;
   * empty while it has not, or when it settled in another currency. The test processor charges no
   * fee.
   */
  default java.util.OptionalLong fee(String paymentIntentId, String currency) {
    return java.util.OptionalLong.empty();
  }

  /**
   * The next instalment of a plan on staff's word: only the test processor bills that way (a Stripe
   * plan is billed by Stripe), so the default refuses.
   */
  default PlanFact instalment(PlanHandle h, TestInvoice invoice, boolean succeed) {
    throw new IllegalStateException(name() + " bills its plans itself");
  }
}
