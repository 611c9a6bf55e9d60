package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Opens a hosted checkout: Stripe Checkout when a key is configured, else the test processor. */
@ApplicationScoped
public class Checkouts {

  @Inject PaymentSettings settings;
  @Inject StripeCheckout stripe;
  @Inject TestCheckout test;

  public CheckoutSession open(CheckoutRequest request) {
    return settings.stripe() ? stripe.open(request) : test.open(request);
  }

  /**
   * What the processor holds for a gift's checkout now, as facts to apply (reconciliation). The
   * test processor's outcomes are all made here, so it never drifts: nothing to read.
   */
  public java.util.List<PaymentFact> current(String processor, String sessionId) {
    if (!StripeEvents.PROCESSOR.equals(processor)) {
      return java.util.List.of();
    }
    if (!settings.stripe()) {
      throw new PaymentUnavailable("a Stripe gift, but no Stripe key is configured");
    }
    return stripe.current(sessionId);
  }

  /** Which processor new gifts go to. */
  public String processor() {
    return settings.processor();
  }

  public boolean testMode() {
    return settings.testMode();
  }
}
