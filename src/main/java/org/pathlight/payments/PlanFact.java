package org.pathlight.payments;

/**
 * What a payment processor told us about a recurring gift (a subscription), in our terms. Stripe's
 * events, Stripe's answers to our own changes, and the test processor all become plan facts; the
 * plan ledger applies them in any order, any number of times. Fired as a CDI event.
 */
public sealed interface PlanFact {

  /** The processor's event id (or a unique id for an API answer): seen before, a no-op. */
  String eventId();

  String processor();

  String type();

  PlanRef plan();

  /** Which plan: our public id (metadata) or the processor's subscription id. */
  record PlanRef(String publicId, String subscriptionId) {}

  /** The donor completed the hosted checkout: the subscription exists. */
  record Started(
      String eventId,
      String processor,
      String type,
      PlanRef plan,
      String sessionId,
      String customerId,
      long at)
      implements PlanFact {}

  /**
   * The subscription's state at {@code atMillis} (epoch milliseconds: an event's creation second,
   * or the moment Stripe answered one of our own changes): status as the processor names it
   * (active, past_due, unpaid, paused, canceled, incomplete_expired …), whether collection is
   * paused and until when (epoch seconds or null), the amount per period, and, once it ended, why
   * ({@code endedReason}: payment_failed when the processor gave up collecting,
   * cancellation_requested when someone canceled it; null when not said).
   */
  record State(
      String eventId,
      String processor,
      String type,
      PlanRef plan,
      String status,
      boolean collectionPaused,
      Long resumesAt,
      Long amount,
      long atMillis,
      String endedReason)
      implements PlanFact {

    /** The status in Pathlight's terms. */
    public SubscriptionState state() {
      return SubscriptionState.of(status);
    }
  }

  /**
   * The donor completed a card update (a setup-mode checkout) for a subscription: {@code used} when
   * the new card became the subscription's, false when the subscription had ended (a no-op, kept
   * with the reason).
   */
  record CardSetup(
      String eventId,
      String processor,
      String type,
      PlanRef plan,
      String setupIntentId,
      boolean used,
      String note)
      implements PlanFact {}

  /** An instalment was paid. */
  record InvoicePaid(
      String eventId,
      String processor,
      String type,
      PlanRef plan,
      String invoiceId,
      long invoiceCreated,
      long amount,
      String currency,
      long at,
      String paymentIntentId,
      String chargeId)
      implements PlanFact {}

  /**
   * Which payment paid an invoice (Stripe's {@code invoice_payment.paid}): how a later refund or
   * dispute of that payment finds the instalment. It names no plan.
   */
  record InvoicePayment(
      String eventId,
      String processor,
      String type,
      PlanRef plan,
      String invoiceId,
      String paymentIntentId,
      String chargeId)
      implements PlanFact {}

  /**
   * An instalment's charge failed (every retry sends one): {@code attempt} so far, {@code
   * exhausted} when no retry is scheduled, {@code actionRequired} when the bank asks the donor to
   * confirm (3-D Secure).
   */
  record InvoiceFailed(
      String eventId,
      String processor,
      String type,
      PlanRef plan,
      String invoiceId,
      long invoiceCreated,
      long amount,
      String currency,
      int attempt,
      boolean exhausted,
      boolean actionRequired,
      String reason)
      implements PlanFact {}
}
