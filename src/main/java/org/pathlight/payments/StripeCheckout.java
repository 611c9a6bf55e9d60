package org.pathlight.payments;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stripe Checkout (mode payment) through stripe-java. The idempotency key is the gift's id, so a
 * retried request can never open a second session for one gift; the metadata links the session and
 * its payment intent back to the gift.
 */
@ApplicationScoped
public class StripeCheckout {

  @Inject PaymentSettings settings;
  @Inject StripeApi api;

  CheckoutSession open(CheckoutRequest request) {
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setSuccessUrl(request.successUrl())
            .setCancelUrl(request.cancelUrl())
            .setCustomerEmail(request.email())
            .setClientReferenceId(request.giftPublicId())
            .putMetadata("gift_id", request.giftPublicId())
            .setSubmitType(SessionCreateParams.SubmitType.DONATE)
            .setPaymentIntentData(
                SessionCreateParams.PaymentIntentData.builder()
                    .putMetadata("gift_id", request.giftPublicId())
                    .setDescription(request.description())
                    .build())
            .addLineItem(
                SessionCreateParams.LineItem.builder()
                    .setQuantity(1L)
                    .setPriceData(
                        SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(request.currency())
                            .setUnitAmount(request.amount())
                            .setProductData(
                                SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName(request.description())
                                    .build())
                            .build())
                    .build())
            .build();
    Session session =
        api.call(
            "a checkout session",
            client ->
                client
                    .v1()
                    .checkout()
                    .sessions()
                    .create(params, StripeApi.key("checkout-" + request.giftPublicId())));
    return new CheckoutSession(session.getId(), session.getUrl(), "stripe", settings.testMode());
  }
}
