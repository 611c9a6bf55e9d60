package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refunds through the processor that holds the gift. The answer is the processor's report of the
 * refund, as its {@code refund.created} event would give it, for the ledger to apply; the events
 * that follow (succeeded, failed) still move it on.
 */
@ApplicationScoped
public class Refunds {

  @Inject Processors processors;

  /**
   * Throws {@link PaymentRefused} (409) when the processor says no and {@link PaymentUnavailable}
   * (503) when it cannot be reached; in both cases nothing was refunded.
   */
  public PaymentFact.RefundReported refund(RefundRequest request) {
    return processors.of(request.processor()).refund(request);
  }
}
