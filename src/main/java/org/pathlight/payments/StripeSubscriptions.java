package org.pathlight.payments;

import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.common.EmptyParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Recurring gifts on Stripe: a Price per amount, currency and interval (found by lookup key, else
 * created with an idempotency key, so never twice), Checkout in subscription mode with the plan's
 * id in the subscription's metadata, and the changes a donor or staff make. Each change returns the
 * subscription as Stripe answered it, which the plan ledger applies like an event.
 */
@ApplicationScoped
public class StripeSubscriptions {

  private static final Logger LOG = Logger.getLogger(StripeSubscriptions.class.getName());

  @Inject StripeApi api;
  @Inject PaymentSettings settings;
  @Inject Clock clock;

  CheckoutSession open(PlanCheckoutRequest r) {
    String price = price(r.amount(), r.currency(), r.frequency(), r.description());
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
            .setSuccessUrl(r.successUrl())
            .setCancelUrl(r.cancelUrl())
            .setCustomerEmail(r.email())
            .setClientReferenceId(r.planPublicId())
            .putMetadata("plan_id", r.planPublicId())
            .setSubscriptionData(
                SessionCreateParams.SubscriptionData.builder()
                    .putMetadata("plan_id", r.planPublicId())
                    .setDescription(r.description())
                    .build())
            .addLineItem(
                SessionCreateParams.LineItem.builder().setQuantity(1L).setPrice(price).build())
            .build();
    Session session =
        call(
            () ->
                api.client()
                    .v1()
                    .checkout()
                    .sessions()
                    .create(params, key("checkout-plan-" + r.planPublicId())));
    return new CheckoutSession(session.getId(), session.getUrl(), "stripe", settings.testMode());
  }

  /** The Price for this amount and interval: reused when it exists, created once otherwise. */
  String price(long amount, String currency, String frequency, String description) {
    String lookup =
        "pathlight_" + currency.toLowerCase(Locale.ROOT) + "_" + amount + "_" + frequency;
    var found =
        call(
            () ->
                api.client()
                    .v1()
                    .prices()
                    .list(PriceListParams.builder().addLookupKey(lookup).setActive(true).build()));
    if (found.getData() != null && !found.getData().isEmpty()) {
      return found.getData().get(0).getId();
    }
    PriceCreateParams.Recurring.Builder recurring = PriceCreateParams.Recurring.builder();
    switch (frequency) {
      case "quarterly" ->
          recurring.setInterval(PriceCreateParams.Recurring.Interval.MONTH).setIntervalCount(3L);
      case "annually" -> recurring.setInterval(PriceCreateParams.Recurring.Interval.YEAR);
      default -> recurring.setInterval(PriceCreateParams.Recurring.Interval.MONTH);
    }
    Price created =
        call(
            () ->
                api.client()
                    .v1()
                    .prices()
                    .create(
                        PriceCreateParams.builder()
                            .setCurrency(currency)
                            .setUnitAmount(amount)
                            .setLookupKey(lookup)
                            .setRecurring(recurring.build())
                            .setProductData(
                                PriceCreateParams.ProductData.builder()
                                    .setName("Recurring gift (" + frequency + ")")
                                    .build())
                            .build(),
                        key("price-" + lookup)));
    return created.getId();
  }

  PlanFact.State pause(PlanHandle h, long resumesAtEpoch) {
    return update(
        h,
        SubscriptionUpdateParams.builder()
            .setPauseCollection(
                SubscriptionUpdateParams.PauseCollection.builder()
                    .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID)
                    .setResumesAt(resumesAtEpoch)
                    .build())
            .build(),
        "pause");
  }

  PlanFact.State resume(PlanHandle h) {
    return update(
        h,
        SubscriptionUpdateParams.builder().setPauseCollection(EmptyParam.EMPTY).build(),
        "resume");
  }

  PlanFact.State changeAmount(PlanHandle h, long amount) {
    String price = price(amount, h.currency(), h.frequency(), h.description());
    Subscription current =
        call(() -> api.client().v1().subscriptions().retrieve(h.subscriptionId()));
    String item = current.getItems().getData().get(0).getId();
    return update(
        h,
        SubscriptionUpdateParams.builder()
            .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setPrice(price).build())
            .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
            .build(),
        "amount-" + amount);
  }

  PlanFact.State cancel(PlanHandle h, String reason) {
    Subscription s =
        call(
            () ->
                api.client()
                    .v1()
                    .subscriptions()
                    .cancel(
                        h.subscriptionId(),
                        SubscriptionCancelParams.builder()
                            .setCancellationDetails(
                                SubscriptionCancelParams.CancellationDetails.builder()
                                    .setComment(reason == null ? "" : reason)
                                    .build())
                            .build(),
                        key("cancel-" + h.subscriptionId())));
    return answer(s, "cancel");
  }

  /** Stripe's current view of the subscription, for reconciliation. */
  PlanFact.State current(PlanHandle h) {
    return answer(
        call(() -> api.client().v1().subscriptions().retrieve(h.subscriptionId())), "reconcile");
  }

  /**
   * Checkout in setup mode for the plan's customer: the new card is attached to the subscription
   * (its default payment method, the one that failed) when the session completes.
   */
  String cardUpdate(PlanHandle h, String returnUrl) {
    Session session =
        call(
            () ->
                api.client()
                    .v1()
                    .checkout()
                    .sessions()
                    .create(
                        SessionCreateParams.builder()
                            .setMode(SessionCreateParams.Mode.SETUP)
                            .setCustomer(h.customerId())
                            .setCurrency(h.currency())
                            .setSuccessUrl(returnUrl)
                            .setCancelUrl(returnUrl)
                            .putMetadata("plan_id", h.planPublicId())
                            .putMetadata("subscription_id", h.subscriptionId())
                            .setSetupIntentData(
                                SessionCreateParams.SetupIntentData.builder()
                                    .putMetadata("plan_id", h.planPublicId())
                                    .putMetadata("subscription_id", h.subscriptionId())
                                    .build())
                            .build()));
    return session.getUrl();
  }

  /** After a setup-mode checkout: the new card becomes the subscription's payment method. */
  void useCard(String subscriptionId, String setupIntentId) {
    var intent = call(() -> api.client().v1().setupIntents().retrieve(setupIntentId));
    call(
        () ->
            api.client()
                .v1()
                .subscriptions()
                .update(
                    subscriptionId,
                    SubscriptionUpdateParams.builder()
                        .setDefaultPaymentMethod(intent.getPaymentMethod())
                        .build(),
                    key("card-" + setupIntentId)));
  }

  private PlanFact.State update(PlanHandle h, SubscriptionUpdateParams params, String what) {
    Subscription s =
        call(
            () ->
                api.client()
                    .v1()
                    .subscriptions()
                    .update(h.subscriptionId(), params, key(UUID.randomUUID().toString())));
    return answer(s, what);
  }

  private PlanFact.State answer(Subscription s, String what) {
    return StripePlanEvents.state(
        "api_" + what + "_" + UUID.randomUUID(), "api." + what, s, clock.millis());
  }

  private static RequestOptions key(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }

  interface StripeCall<T> {
    T run() throws StripeException;
  }

  private static <T> T call(StripeCall<T> call) {
    try {
      return call.run();
    } catch (StripeException e) {
      LOG.log(Level.WARNING, "Stripe refused a subscription call: " + e.getMessage(), e);
      throw new PaymentUnavailable("The payment processor is not available right now.", e);
    }
  }
}
