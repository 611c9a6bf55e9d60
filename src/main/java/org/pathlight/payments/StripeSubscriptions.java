package org.pathlight.payments;

import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.common.EmptyParam;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Recurring gifts on Stripe: a Price per amount, currency and interval (found by lookup key, else
 * created with an idempotency key, so never twice), Checkout in subscription mode with the plan's
 * id in the subscription's metadata, and the changes a donor or staff make. Each change returns the
 * subscription as Stripe answered it, which the plan ledger applies like an event.
 */
@ApplicationScoped
public class StripeSubscriptions {

  @Inject StripeApi api;
  @Inject PaymentSettings settings;
  @Inject Clock clock;

  CheckoutSession open(PlanCheckoutRequest r) {
    String price = price(r.amount(), r.currency(), r.frequency());
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
        api.call(
            "a subscription checkout",
            c ->
                c.v1()
                    .checkout()
                    .sessions()
                    .create(params, StripeApi.key("checkout-plan-" + r.planPublicId())));
    return new CheckoutSession(session.getId(), session.getUrl(), "stripe", settings.testMode());
  }

  /**
   * The Price for this amount and interval: reused while it is active, created once otherwise. A
   * price staff archived in Stripe's dashboard is replaced by a new one that takes over its lookup
   * key ({@code transfer_lookup_key}), so gifts at that amount never stop.
   */
  String price(long amount, String currency, Frequency frequency) {
    String lookup =
        "pathlight_" + currency.toLowerCase(Locale.ROOT) + "_" + amount + "_" + frequency.word();
    var found =
        api.call(
            "a price lookup",
            c -> c.v1().prices().list(PriceListParams.builder().addLookupKey(lookup).build()));
    Price holder =
        found.getData() == null || found.getData().isEmpty() ? null : found.getData().get(0);
    if (holder != null && !Boolean.FALSE.equals(holder.getActive())) {
      return holder.getId();
    }
    PriceCreateParams.Recurring.Builder recurring = PriceCreateParams.Recurring.builder();
    switch (frequency) {
      case QUARTERLY ->
          recurring.setInterval(PriceCreateParams.Recurring.Interval.MONTH).setIntervalCount(3L);
      case ANNUALLY -> recurring.setInterval(PriceCreateParams.Recurring.Interval.YEAR);
      case MONTHLY -> recurring.setInterval(PriceCreateParams.Recurring.Interval.MONTH);
    }
    PriceCreateParams params =
        PriceCreateParams.builder()
            .setCurrency(currency)
            .setUnitAmount(amount)
            .setLookupKey(lookup)
            .setTransferLookupKey(holder != null)
            .setRecurring(recurring.build())
            .setProductData(
                PriceCreateParams.ProductData.builder()
                    .setName("Recurring gift (" + frequency.word() + ")")
                    .build())
            .build();
    String key =
        holder == null ? "price-" + lookup : "price-" + lookup + "-after-" + holder.getId();
    Price created = api.call("a price", c -> c.v1().prices().create(params, StripeApi.key(key)));
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
    String price = price(amount, h.currency(), h.frequency());
    Subscription current =
        api.call("a subscription", c -> c.v1().subscriptions().retrieve(h.subscriptionId()));
    String item = current.getItems().getData().get(0).getId();
    return update(
        h,
        SubscriptionUpdateParams.builder()
            .addItem(SubscriptionUpdateParams.Item.builder().setId(item).setPrice(price).build())
            .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.NONE)
            .build(),
        "amount");
  }

  PlanFact.State cancel(PlanHandle h, String reason) {
    SubscriptionCancelParams params =
        SubscriptionCancelParams.builder()
            .setCancellationDetails(
                SubscriptionCancelParams.CancellationDetails.builder()
                    .setComment(reason == null ? "" : reason)
                    .build())
            .build();
    return answer(
        api.call(
            "a cancellation",
            c ->
                c.v1()
                    .subscriptions()
                    .cancel(
                        h.subscriptionId(), params, StripeApi.key("cancel-" + h.subscriptionId()))),
        "cancel");
  }

  /**
   * Checkout in setup mode for the plan's customer: the new card is attached to the subscription
   * (its default payment method, the one that failed) when the session completes.
   */
  String cardUpdate(PlanHandle h, String returnUrl) {
    SessionCreateParams params =
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
            .build();
    return api.call("a card update", c -> c.v1().checkout().sessions().create(params)).getUrl();
  }

  /**
   * After a setup-mode checkout: the new card becomes the subscription's payment method; false (and
   * no change) when the subscription has ended, since an ended subscription takes no card and will
   * never charge again.
   */
  boolean useCard(String subscriptionId, String setupIntentId) {
    Subscription current =
        api.call("a subscription", c -> c.v1().subscriptions().retrieve(subscriptionId));
    if ("canceled".equals(current.getStatus())
        || "incomplete_expired".equals(current.getStatus())) {
      return false;
    }
    var intent = api.call("a setup intent", c -> c.v1().setupIntents().retrieve(setupIntentId));
    SubscriptionUpdateParams params =
        SubscriptionUpdateParams.builder()
            .setDefaultPaymentMethod(intent.getPaymentMethod())
            .build();
    api.call(
        "the new card",
        c ->
            c.v1()
                .subscriptions()
                .update(subscriptionId, params, StripeApi.key("card-" + setupIntentId)));
    return true;
  }

  /**
   * What Stripe holds for a plan now, as facts for the plan ledger (reconciliation after missed
   * webhooks): the completed checkout when the plan never heard of its subscription, the
   * subscription's state, and its latest invoice when paid or failing. Invoice fact ids are derived
   * from the invoice and attempt, so reading the same invoice again adds nothing.
   */
  List<PlanFact> current(PlanHandle h, String checkoutSessionId) {
    List<PlanFact> facts = new ArrayList<>();
    String subscriptionId = h.subscriptionId();
    if (subscriptionId == null) {
      if (checkoutSessionId == null) {
        return facts;
      }
      Session session =
          api.call(
              "a checkout session", c -> c.v1().checkout().sessions().retrieve(checkoutSessionId));
      if (!"complete".equals(session.getStatus()) || session.getSubscription() == null) {
        return facts;
      }
      subscriptionId = session.getSubscription();
      facts.add(
          new PlanFact.Started(
              "reconcile_" + session.getId() + "_completed",
              StripeEvents.PROCESSOR,
              "reconcile.checkout",
              new PlanFact.PlanRef(h.planPublicId(), subscriptionId),
              session.getId(),
              session.getCustomer(),
              session.getCreated() == null
                  ? clock.instant().getEpochSecond()
                  : session.getCreated()));
    }
    String id = subscriptionId;
    Subscription sub =
        api.call(
            "a subscription",
            c ->
                c.v1()
                    .subscriptions()
                    .retrieve(
                        id,
                        SubscriptionRetrieveParams.builder().addExpand("latest_invoice").build(),
                        RequestOptions.getDefault()));
    long now = clock.millis();
    facts.add(
        StripePlanEvents.state("reconcile_" + id + "_" + now, "reconcile.subscription", sub, now));
    Invoice latest = sub.getLatestInvoiceObject();
    long attempts =
        latest == null || latest.getAttemptCount() == null ? 0 : latest.getAttemptCount();
    PlanFact.PlanRef ref = new PlanFact.PlanRef(h.planPublicId(), id);
    // every paid invoice of the lookback, not only the latest: an older instalment whose webhook
    // was missed is back-filled too (the ledger keeps one gift per invoice)
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Invoice paid : paidInvoices(id, latest)) {
      if (seen.add(paid.getId())) {
        Long paidAt =
            paid.getStatusTransitions() == null ? null : paid.getStatusTransitions().getPaidAt();
        facts.add(
            StripePlanEvents.invoice(
                "reconcile_" + paid.getId() + "_paid",
                "invoice.paid",
                paid,
                paidAt == null ? now / 1000 : paidAt,
                ref));
      }
    }
    if (latest != null && "open".equals(latest.getStatus()) && attempts > 0) {
      facts.add(
          StripePlanEvents.invoice(
              "reconcile_" + latest.getId() + "_attempt_" + attempts,
              "invoice.payment_failed",
              latest,
              now / 1000,
              ref));
    }
    return facts;
  }

  /**
   * How far back reconciliation looks for paid invoices: a year and a month covers annual gifts.
   */
  static final java.time.Duration INVOICE_LOOKBACK = java.time.Duration.ofDays(400);

  /**
   * The subscription's paid invoices created within {@link #INVOICE_LOOKBACK}, oldest first, with
   * the latest one when it is paid (one page of 100: a monthly plan has 14 in that time).
   */
  private List<Invoice> paidInvoices(String subscriptionId, Invoice latest) {
    InvoiceListParams params =
        InvoiceListParams.builder()
            .setSubscription(subscriptionId)
            .setStatus(InvoiceListParams.Status.PAID)
            .setCreated(
                InvoiceListParams.Created.builder()
                    .setGte(clock.instant().minus(INVOICE_LOOKBACK).getEpochSecond())
                    .build())
            .setLimit(100L)
            .build();
    List<Invoice> paid =
        new ArrayList<>(
            api.call("the paid invoices", c -> c.v1().invoices().list(params)).getData());
    if (latest != null && "paid".equals(latest.getStatus())) {
      paid.add(latest);
    }
    paid.sort(
        java.util.Comparator.comparing(
            i -> i.getCreated() == null ? Long.MAX_VALUE : i.getCreated()));
    return paid;
  }

  /** stripe-java gives each POST its own idempotency key and reuses it on its retries. */
  private PlanFact.State update(PlanHandle h, SubscriptionUpdateParams params, String what) {
    return answer(
        api.call(
            "a subscription change",
            c -> c.v1().subscriptions().update(h.subscriptionId(), params)),
        what);
  }

  private PlanFact.State answer(Subscription s, String what) {
    PlanFact.State state =
        StripePlanEvents.state(
            "api_" + what + "_" + UUID.randomUUID(), "api." + what, s, clock.millis());
    if ("cancel".equals(what) && state.endedReason() == null) {
      // we asked for the cancellation ourselves
      return new PlanFact.State(
          state.eventId(),
          state.processor(),
          state.type(),
          state.plan(),
          state.status(),
          state.collectionPaused(),
          state.resumesAt(),
          state.amount(),
          state.atMillis(),
          "cancellation_requested");
    }
    return state;
  }
}
