package org.pathlight.payments;

import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * The processor answered and said no (a charge already refunded in its dashboard, a refund larger
 * than what is left): a 409 that quotes its reason. Nothing changed.
 */
public class PaymentRefused extends ProblemException {

  public PaymentRefused(String processorMessage) {
    super(
        Problem.of(
            409,
            "payment-refused",
            "The payment processor refused",
            "The payment processor refused: " + processorMessage + " Nothing was changed."));
    this.processorMessage = processorMessage;
  }

  private final String processorMessage;

  /** The processor's own reason, as it gave it. */
  public String processorMessage() {
    return processorMessage;
  }
}
