package org.pathlight.payments;

import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stripe Checkout (mode payment) through stripe-java. The idempotency key is the gift's id, so a
 * retried request can never open a second session for one gift; the metadata links the session and
 * its payment intent back to the gift.
 */
@ApplicationScoped
public class StripeCheckout {

  private static final Logger LOG = Logger.getLogger(StripeCheckout.class.getName());

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
    try {
      Session session =
          api.client()
              .v1()
              .checkout()
              .sessions()
              .create(
                  params,
                  RequestOptions.builder()
                      .setIdempotencyKey("checkout-" + request.giftPublicId())
                      .build());
      return new CheckoutSession(session.getId(), session.getUrl(), "stripe", settings.testMode());
    } catch (StripeException e) {
      LOG.log(Level.WARNING, "Stripe refused a checkout session: " + e.getMessage(), e);
      throw new PaymentUnavailable("The payment processor is not available right now.", e);
    }
  }
}
