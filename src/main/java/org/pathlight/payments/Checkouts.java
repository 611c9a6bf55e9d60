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

  /** Which processor new gifts go to. */
  public String processor() {
    return settings.processor();
  }

  public boolean testMode() {
    return settings.testMode();
  }
}
