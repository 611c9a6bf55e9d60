package org.pathlight.payments;

import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * The processor could not be reached or refused the call; nothing was charged or changed. It is its
 * own 503 problem, so callers only catch it when they have something to undo.
 */
public class PaymentUnavailable extends ProblemException {

  /** {@code why} is for the log (the caller logs the cause); the client gets the problem. */
  public PaymentUnavailable(String why) {
    super(
        Problem.of(
            503,
            "payment-unavailable",
            "Payments unavailable",
            "We could not reach our payment processor. Nothing was charged or changed; try again"
                + " in a few minutes."));
    this.why = why;
  }

  private final String why;

  public String why() {
    return why;
  }
}
