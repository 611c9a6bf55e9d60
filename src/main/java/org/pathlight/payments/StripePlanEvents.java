package org.pathlight.payments;

import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import java.util.Map;
import java.util.Optional;

/** Translates the Stripe events about subscriptions and their invoices into {@link PlanFact}s. */
final class StripePlanEvents {

  private StripePlanEvents() {}

  static Optional<PlanFact> translate(Event event, StripeObject object) {
    String id = event.getId();
    String type = event.getType();
    long at = event.getCreated() == null ? 0 : event.getCreated();
    String p = StripeEvents.PROCESSOR;
    return Optional.ofNullable(
        switch (type) {
          case "checkout.session.completed" -> {
            Session s = (Session) object;
            yield "subscription".equals(s.getMode())
                ? new PlanFact.Started(
                    id,
                    p,
                    type,
                    new PlanFact.PlanRef(planId(s.getMetadata()), s.getSubscription()),
                    s.getId(),
                    s.getCustomer(),
                    at)
                : null;
          }
          case "customer.subscription.created",
              "customer.subscription.updated",
              "customer.subscription.paused",
              "customer.subscription.resumed",
              "customer.subscription.deleted" ->
              state(id, type, (Subscription) object, at * 1000);
          case "invoice.paid", "invoice.payment_failed", "invoice.payment_action_required" ->
              invoice(id, type, (Invoice) object, at, null);
          case "invoice_payment.paid" -> {
            InvoicePayment ip = (InvoicePayment) object;
            yield ip.getPayment() == null || ip.getInvoice() == null
                ? null
                : new PlanFact.InvoicePayment(
                    id,
                    p,
                    type,
                    new PlanFact.PlanRef(null, null),
                    ip.getInvoice(),
                    ip.getPayment().getPaymentIntent(),
                    ip.getPayment().getCharge());
          }
          default -> null;
        });
  }

  /**
   * An invoice as the fact its state implies ({@code type} says which: paid, payment_failed or
   * payment_action_required); {@code fallback} names the plan when the invoice does not (an invoice
   * read back from Stripe for a known plan). Null for an invoice of no subscription.
   */
  static PlanFact invoice(String id, String type, Invoice i, long at, PlanFact.PlanRef fallback) {
    PlanFact.PlanRef ref = ref(i);
    if (ref == null) {
      ref = fallback;
    }
    if (ref == null) {
      return null;
    }
    long created = i.getCreated() == null ? at : i.getCreated();
    if ("invoice.paid".equals(type)) {
      return new PlanFact.InvoicePaid(
          id,
          StripeEvents.PROCESSOR,
          type,
          ref,
          i.getId(),
          created,
          i.getAmountPaid() == null ? 0 : i.getAmountPaid(),
          i.getCurrency(),
          at,
          payment(i, true),
          payment(i, false));
    }
    boolean action = type.endsWith("action_required");
    return new PlanFact.InvoiceFailed(
        id,
        StripeEvents.PROCESSOR,
        type,
        ref,
        i.getId(),
        created,
        i.getAmountDue() == null ? 0 : i.getAmountDue(),
        i.getCurrency(),
        i.getAttemptCount() == null ? 1 : i.getAttemptCount().intValue(),
        !action && i.getNextPaymentAttempt() == null,
        action,
        action ? "Your bank asked you to confirm the payment." : "Your card was declined.");
  }

  /** A subscription object as a plan state (also used for Stripe's answers to our changes). */
  static PlanFact.State state(String id, String type, Subscription s, long atMillis) {
    Long amount = null;
    if (s.getItems() != null
        && s.getItems().getData() != null
        && !s.getItems().getData().isEmpty()
        && s.getItems().getData().get(0).getPrice() != null) {
      var item = s.getItems().getData().get(0);
      Long unit = item.getPrice().getUnitAmount();
      amount = unit == null ? null : unit * (item.getQuantity() == null ? 1 : item.getQuantity());
    }
    return new PlanFact.State(
        id,
        StripeEvents.PROCESSOR,
        type,
        new PlanFact.PlanRef(planId(s.getMetadata()), s.getId()),
        type.endsWith(".deleted") ? "canceled" : s.getStatus(),
        s.getPauseCollection() != null && s.getPauseCollection().getBehavior() != null,
        s.getPauseCollection() == null ? null : s.getPauseCollection().getResumesAt(),
        amount,
        atMillis,
        s.getCancellationDetails() == null ? null : s.getCancellationDetails().getReason());
  }

  /** The paid payment intent (or charge) of an invoice, when the event carries its payments. */
  private static String payment(Invoice i, boolean intent) {
    if (i.getPayments() == null || i.getPayments().getData() == null) {
      return null;
    }
    return i.getPayments().getData().stream()
        .filter(ip -> ip.getPayment() != null && "paid".equals(ip.getStatus()))
        .map(ip -> intent ? ip.getPayment().getPaymentIntent() : ip.getPayment().getCharge())
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private static PlanFact.PlanRef ref(Invoice i) {
    if (i.getParent() == null || i.getParent().getSubscriptionDetails() == null) {
      return null; // not a subscription invoice
    }
    var details = i.getParent().getSubscriptionDetails();
    return new PlanFact.PlanRef(planId(details.getMetadata()), details.getSubscription());
  }

  private static String planId(Map<String, String> metadata) {
    return metadata == null ? null : metadata.get("plan_id");
  }
}
