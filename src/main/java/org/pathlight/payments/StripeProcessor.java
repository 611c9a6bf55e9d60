package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Stripe, through stripe-java: Checkout for gifts and plans, and the subscription API. */
@ApplicationScoped
class StripeProcessor implements Processor {

  @Inject StripeCheckout checkout;
  @Inject StripeSubscriptions subscriptions;
  @Inject StripeRefunds refunds;

  @Override
  public String name() {
    return StripeEvents.PROCESSOR;
  }

  @Override
  public CheckoutSession open(CheckoutRequest request) {
    return checkout.open(request);
  }

  @Override
  public CheckoutSession open(PlanCheckoutRequest request) {
    return subscriptions.open(request);
  }

  @Override
  public PlanFact.State pause(PlanHandle h, long resumesAtEpoch) {
    return subscriptions.pause(h, resumesAtEpoch);
  }

  @Override
  public PlanFact.State resume(PlanHandle h) {
    return subscriptions.resume(h);
  }

  @Override
  public PlanFact.State changeAmount(PlanHandle h, long amount) {
    return subscriptions.changeAmount(h, amount);
  }

  @Override
  public PlanFact.State cancel(PlanHandle h, String reason) {
    return subscriptions.cancel(h, reason);
  }

  @Override
  public PaymentFact.RefundReported refund(RefundRequest request) {
    return refunds.refund(request);
  }

  @Override
  public List<PaymentFact> currentCheckout(String sessionId) {
    return checkout.current(sessionId);
  }

  @Override
  public java.util.OptionalLong fee(String paymentIntentId, String currency) {
    return checkout.fee(paymentIntentId, currency);
  }

  @Override
  public List<PlanFact> currentPlan(PlanHandle h, String checkoutSessionId) {
    return subscriptions.current(h, checkoutSessionId);
  }
}
