package org.pathlight.payments;

/**
 * What a payment processor told us, in our terms. Stripe events and the test processor's outcomes
 * both become facts; the gift ledger applies them (in any order, any number of times). Fired as a
 * CDI event: the ledger observes it.
 */
public sealed interface PaymentFact {

  /** The processor's event id: a fact with an id seen before is a no-op. */
  String eventId();

  String processor();

  /** Processor event type, for the event history staff see. */
  String type();

  GiftRef gift();

  /** Which gift: any of our public id (metadata), the checkout session, payment intent, charge. */
  record GiftRef(String publicId, String sessionId, String paymentIntentId, String chargeId) {}

  /** The money arrived: {@code amount} in minor units as charged. */
  record Paid(
      String eventId,
      String processor,
      String type,
      GiftRef gift,
      long amount,
      String currency,
      java.time.Instant at)
      implements PaymentFact {}

  record Failed(String eventId, String processor, String type, GiftRef gift, String reason)
      implements PaymentFact {}

  record Expired(String eventId, String processor, String type, GiftRef gift)
      implements PaymentFact {}

  /**
   * The charge's own report ({@code charge.refunded}): {@code totalRefunded}, everything refunded
   * on it so far, refunds that may still fail included.
   */
  record Refunded(String eventId, String processor, String type, GiftRef gift, long totalRefunded)
      implements PaymentFact {}

  /**
   * One report about one refund of a charge ({@code refund.created}, {@code refund.updated}, {@code
   * refund.failed}): its id, amount and status (pending, requires_action, succeeded, failed or
   * canceled). A refund can fail after it succeeded; then its money was never refunded.
   */
  record RefundReported(
      String eventId,
      String processor,
      String type,
      GiftRef gift,
      String refundId,
      long amount,
      String status)
      implements PaymentFact {}

  /**
   * One report about one dispute of a charge: {@code status} open, won or lost; {@code inquiry}
   * when it is an inquiry (a retrieval request: no money moves; a chargeback that follows is a case
   * of its own); the disputed {@code amount}; {@code funds} "withdrawn" or "reinstated" when the
   * report says money moved (else null). {@code disputeId} names the dispute (null in facts stored
   * before disputes were told apart: then the charge has one case).
   */
  record Disputed(
      String eventId,
      String processor,
      String type,
      GiftRef gift,
      String status,
      String disputeId,
      boolean inquiry,
      long amount,
      String funds)
      implements PaymentFact {}

  /**
   * A validly signed event the gift ledger would need but cannot read (another API version, an
   * unexpected shape): kept with the reason so staff can see it, never applied.
   */
  record Unprocessable(String eventId, String processor, String type, GiftRef gift, String reason)
      implements PaymentFact {}
}
