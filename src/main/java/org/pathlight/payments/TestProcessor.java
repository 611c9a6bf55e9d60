package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The built-in test processor: its own checkout page ({@link TestCheckout}), subscription changes
 * answered at once, and instalments billed on staff's word. Its answers are all made here, so it
 * never drifts from what Pathlight holds: reconciliation has nothing to read.
 */
@ApplicationScoped
class TestProcessor implements Processor {

  /** The fourth failed attempt at one invoice exhausts its retries, as Stripe's default does. */
  static final int ATTEMPTS = 4;

  @Inject TestCheckout checkout;
  @Inject Clock clock;

  @Override
  public String name() {
    return TestCheckout.PROCESSOR;
  }

  @Override
  public CheckoutSession open(CheckoutRequest request) {
    return checkout.open(request);
  }

  @Override
  public CheckoutSession open(PlanCheckoutRequest request) {
    return checkout.open(request);
  }

  @Override
  public PlanFact.State pause(PlanHandle h, long resumesAtEpoch) {
    return state(h, "pause", "active", true, resumesAtEpoch, h.amount());
  }

  @Override
  public PlanFact.State resume(PlanHandle h) {
    return state(h, "resume", "active", false, null, h.amount());
  }

  @Override
  public PlanFact.State changeAmount(PlanHandle h, long amount) {
    return state(h, "amount", "active", false, null, amount);
  }

  @Override
  public PlanFact.State cancel(PlanHandle h, String reason) {
    return state(h, "cancel", "canceled", false, null, h.amount());
  }

  /**
   * Refunded at once. The refund's id and event id come from the request's key, so a repeat of the
   * request is the same refund and a duplicate event to the ledger.
   */
  @Override
  public PaymentFact.RefundReported refund(RefundRequest r) {
    String id =
        UUID.nameUUIDFromBytes(
                ("refund:" + r.giftPublicId() + ":" + r.idempotencyKey())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString()
            .replace("-", "");
    return new PaymentFact.RefundReported(
        "test_evt_re_" + id,
        name(),
        "refund.created",
        new PaymentFact.GiftRef(r.giftPublicId(), null, r.paymentIntentId(), r.chargeId()),
        "test_re_" + id,
        r.amount(),
        "succeeded");
  }

  @Override
  public List<PaymentFact> currentCheckout(String sessionId) {
    return List.of();
  }

  @Override
  public List<PlanFact> currentPlan(PlanHandle h, String checkoutSessionId) {
    return List.of();
  }

  /**
   * A newer invoice paid or failed; after a failure the same invoice is retried (so fail, fail,
   * succeed is a recovery), and the fourth failure of one invoice exhausts its retries.
   */
  @Override
  public PlanFact instalment(PlanHandle h, TestInvoice open, boolean succeed) {
    String invoice =
        open == null ? "test_in_" + UUID.randomUUID().toString().replace("-", "") : open.id();
    // test invoices are ordered by the millisecond (Stripe's by the second they were created)
    long created = open == null ? clock.millis() : open.createdMillis();
    int attempt = open == null ? 1 : open.attempts() + 1;
    var ref = new PlanFact.PlanRef(h.planPublicId(), h.subscriptionId());
    String eventId = "test_evt_" + UUID.randomUUID();
    long now = clock.instant().getEpochSecond();
    return succeed
        ? new PlanFact.InvoicePaid(
            eventId,
            name(),
            "test.invoice_paid",
            ref,
            invoice,
            created,
            h.amount(),
            h.currency(),
            now,
            null,
            null)
        : new PlanFact.InvoiceFailed(
            eventId,
            name(),
            "test.invoice_payment_failed",
            ref,
            invoice,
            created,
            h.amount(),
            h.currency(),
            attempt,
            attempt >= ATTEMPTS,
            false,
            "The test card was declined.");
  }

  private PlanFact.State state(
      PlanHandle h, String what, String status, boolean paused, Long resumesAt, long amount) {
    return new PlanFact.State(
        "test_api_" + what + "_" + UUID.randomUUID(),
        name(),
        "test." + what,
        new PlanFact.PlanRef(h.planPublicId(), h.subscriptionId()),
        status,
        paused,
        resumesAt,
        amount,
        clock.millis(),
        "cancel".equals(what) ? "cancellation_requested" : null);
  }
}
