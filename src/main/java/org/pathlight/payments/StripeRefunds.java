package org.pathlight.payments;

import com.stripe.model.Refund;
import com.stripe.param.RefundCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Refunds on Stripe (the Refunds API), by payment intent when the gift knows it and by charge
 * otherwise, with an idempotency key made from the staff request's key: stripe-java's own retries
 * and ours are one refund.
 */
@ApplicationScoped
class StripeRefunds {

  @Inject StripeApi api;

  PaymentFact.RefundReported refund(RefundRequest r) {
    var params =
        RefundCreateParams.builder().setAmount(r.amount()).putMetadata("gift_id", r.giftPublicId());
    if (r.paymentIntentId() != null) {
      params.setPaymentIntent(r.paymentIntentId());
    } else if (r.chargeId() != null) {
      params.setCharge(r.chargeId());
    } else {
      throw new PaymentRefused("this gift has no Stripe payment to refund.");
    }
    Refund refund =
        api.callRefusable(
            "a refund",
            c ->
                c.v1()
                    .refunds()
                    .create(
                        params.build(),
                        StripeApi.key("refund-" + r.giftPublicId() + "-" + r.idempotencyKey())));
    return new PaymentFact.RefundReported(
        // the answer is stored like an event: one per refund and state it reports
        "answer_" + refund.getId() + "_" + refund.getStatus(),
        StripeEvents.PROCESSOR,
        "refund.created",
        new PaymentFact.GiftRef(
            r.giftPublicId(),
            null,
            refund.getPaymentIntent() == null ? r.paymentIntentId() : refund.getPaymentIntent(),
            refund.getCharge() == null ? r.chargeId() : refund.getCharge()),
        refund.getId(),
        refund.getAmount() == null ? r.amount() : refund.getAmount(),
        refund.getStatus() == null ? "pending" : refund.getStatus());
  }
}
