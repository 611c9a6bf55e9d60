package org.pathlight.payments;

/**
 * A refund staff asked for: of {@code amount} minor units of a paid gift's charge. {@code
 * idempotencyKey} is the staff request's own key, so a retry of that request (a double click, a
 * timeout) is the same refund at the processor, never a second one.
 */
public record RefundRequest(
    String processor,
    String giftPublicId,
    String paymentIntentId,
    String chargeId,
    long amount,
    String idempotencyKey) {}
