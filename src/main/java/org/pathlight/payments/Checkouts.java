package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One-time gifts with a processor: Stripe Checkout when a key is configured, else the test
 * processor ({@link Processors}).
 */
@ApplicationScoped
public class Checkouts {

  @Inject PaymentSettings settings;
  @Inject Processors processors;

  public CheckoutSession open(CheckoutRequest request) {
    return processors.forNew().open(request);
  }

  /**
   * What the processor holds for a gift's checkout now, as facts to apply (reconciliation). The
   * test processor's outcomes are all made here, so it never drifts: nothing to read.
   */
  public java.util.List<PaymentFact> current(String processor, String sessionId) {
    return processors.of(processor).currentCheckout(sessionId);
  }

  /**
   * The fee the processor kept on a gift's payment, in the gift's currency, once it is known
   * (Stripe's balance transaction); empty while it is not.
   */
  public java.util.OptionalLong fee(String processor, String paymentIntentId, String currency) {
    return processors.of(processor).fee(paymentIntentId, currency);
  }

  /** Which processor new gifts go to. */
  public String processor() {
    return settings.processor();
  }

  public boolean testMode() {
    return settings.testMode();
  }
}
