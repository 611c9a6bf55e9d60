package org.pathlight.payments;

import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

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

  /**
   * Stripe's fee on a payment: the payment intent read with its latest charge's balance transaction
   * expanded. Empty until the charge has a balance transaction, or when it settled in another
   * currency than the gift's (the fee is then in the settlement currency, not comparable).
   */
  java.util.OptionalLong fee(String paymentIntentId, String currency) {
    PaymentIntent pi =
        api.call(
            "a payment intent",
            c ->
                c.v1()
                    .paymentIntents()
                    .retrieve(
                        paymentIntentId,
                        com.stripe.param.PaymentIntentRetrieveParams.builder()
                            .addExpand("latest_charge.balance_transaction")
                            .build(),
                        RequestOptions.getDefault()));
    com.stripe.model.Charge charge = pi.getLatestChargeObject();
    com.stripe.model.BalanceTransaction bt =
        charge == null ? null : charge.getBalanceTransactionObject();
    if (bt == null || bt.getFee() == null || !currency.equalsIgnoreCase(bt.getCurrency())) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(bt.getFee());
  }

  /**
   * What Stripe holds for a gift's checkout now, as facts for the gift ledger (reconciliation after
   * a missed {@code checkout.session.completed} or {@code .expired}): paid, with its payment intent
   * and charge and the time the payment was made; expired; or nothing while it is still open. The
   * fact ids derive from the session, so reading it again adds nothing.
   */
  List<PaymentFact> current(String sessionId) {
    Session s =
        api.call(
            "a checkout session",
            c ->
                c.v1()
                    .checkout()
                    .sessions()
                    .retrieve(
                        sessionId,
                        SessionRetrieveParams.builder().addExpand("payment_intent").build(),
                        RequestOptions.getDefault()));
    if (!"payment".equals(s.getMode())) {
      return List.of();
    }
    String giftId = s.getMetadata() == null ? null : s.getMetadata().get("gift_id");
    if (giftId == null) {
      giftId = s.getClientReferenceId();
    }
    if ("complete".equals(s.getStatus()) && "paid".equals(s.getPaymentStatus())) {
      PaymentIntent pi = s.getPaymentIntentObject();
      // the payment intent of a Checkout payment is created when the donor pays
      long at =
          pi != null && pi.getCreated() != null
              ? pi.getCreated()
              : s.getCreated() == null ? 0 : s.getCreated();
      return List.of(
          new PaymentFact.Paid(
              "reconcile_" + s.getId() + "_paid",
              StripeEvents.PROCESSOR,
              "reconcile.checkout",
              new PaymentFact.GiftRef(
                  giftId,
                  s.getId(),
                  s.getPaymentIntent(),
                  pi == null ? null : pi.getLatestCharge()),
              s.getAmountTotal() == null ? 0 : s.getAmountTotal(),
              s.getCurrency(),
              Instant.ofEpochSecond(at)));
    }
    if ("expired".equals(s.getStatus())) {
      return List.of(
          new PaymentFact.Expired(
              "reconcile_" + s.getId() + "_expired",
              StripeEvents.PROCESSOR,
              "reconcile.checkout",
              new PaymentFact.GiftRef(giftId, s.getId(), null, null)));
    }
    return List.of();
  }
}
