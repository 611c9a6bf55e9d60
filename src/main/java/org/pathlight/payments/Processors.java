package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Which {@link Processor} new gifts go to, and which one holds an existing gift or plan. */
@ApplicationScoped
class Processors {

  @Inject PaymentSettings settings;
  @Inject StripeProcessor stripe;
  @Inject TestProcessor test;

  /** Stripe when a key is configured, else the test processor. */
  Processor forNew() {
    return settings.stripe() ? stripe : test;
  }

  /** The processor a gift or plan names; a Stripe one without a key is unavailable, not lost. */
  Processor of(String name) {
    if (StripeEvents.PROCESSOR.equals(name)) {
      if (!settings.stripe()) {
        throw new PaymentUnavailable("a Stripe gift or plan, but no Stripe key is configured");
      }
      return stripe;
    }
    return test;
  }
}
