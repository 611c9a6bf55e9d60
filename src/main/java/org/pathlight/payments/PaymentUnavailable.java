package org.pathlight.payments;

/** The processor could not open a checkout (down, or refused); nothing was charged. */
public class PaymentUnavailable extends RuntimeException {
  public PaymentUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
