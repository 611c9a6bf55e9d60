package org.pathlight.payments;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Translates the Stripe events the gift ledger cares about into {@link PaymentFact}s. */
final class StripeEvents {

  static final String PROCESSOR = "stripe";

  private StripeEvents() {}

  /**
   * The event types the ledgers act on. One of these that cannot be read is refused loudly (see
   * {@link StripeWebhookResource}); any other type is acknowledged and ignored.
   */
  static final java.util.Set<String> NEEDED =
      java.util.Set.of(
          "checkout.session.completed",
          "checkout.session.expired",
          "payment_intent.succeeded",
          "payment_intent.payment_failed",
          "charge.refunded",
          "refund.created",
          "refund.updated",
          "refund.failed",
          "charge.refund.updated",
          "charge.dispute.created",
          "charge.dispute.updated",
          "charge.dispute.closed",
          "charge.dispute.funds_withdrawn",
          "charge.dispute.funds_reinstated",
          "customer.subscription.created",
          "customer.subscription.updated",
          "customer.subscription.paused",
          "customer.subscription.resumed",
          "customer.subscription.deleted",
          "invoice.paid",
          "invoice.payment_failed",
          "invoice.payment_action_required",
          "invoice_payment.paid");

  /**
   * The event's object, when stripe-java can read it: the event was rendered in the library's major
   * API version ({@link com.stripe.Stripe#API_VERSION}, e.g. 2026-07-29.dahlia: any dated version
   * of the same major release has the same shapes). Empty otherwise: an event of an older shape (an
   * invoice without {@code parent}, say) would be misread, so it is not read at all.
   */
  static Optional<StripeObject> object(Event event) {
    try {
      return event.getDataObjectDeserializer().getObject();
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Why an event's object could not be read (for the log, the stored event and the problem). */
  static String unreadable(Event event) {
    if (event.getApiVersion() != null
        && !majorOf(event.getApiVersion()).equals(com.stripe.Stripe.MAJOR_API_VERSION)) {
      return "it was rendered in API version "
          + event.getApiVersion()
          + ", whose shapes this server does not read";
    }
    try {
      event.getDataObjectDeserializer().deserializeUnsafe();
      return "its object is missing";
    } catch (EventDataObjectDeserializationException | RuntimeException e) {
      return "its object does not parse";
    }
  }

  private static String majorOf(String apiVersion) {
    int dot = apiVersion.indexOf('.');
    return dot < 0 ? apiVersion : apiVersion.substring(dot + 1);
  }

  static Optional<PaymentFact> translate(Event event, StripeObject object) {
    String id = event.getId();
    String type = event.getType();
    Instant at = Instant.ofEpochSecond(event.getCreated() == null ? 0 : event.getCreated());
    return Optional.ofNullable(
        switch (type) {
          case "checkout.session.completed" -> {
            Session s = (Session) object;
            yield "paid".equals(s.getPaymentStatus()) && "payment".equals(s.getMode())
                ? new PaymentFact.Paid(
                    id,
                    PROCESSOR,
                    type,
                    new PaymentFact.GiftRef(
                        giftId(s.getMetadata(), s.getClientReferenceId()),
                        s.getId(),
                        s.getPaymentIntent(),
                        null),
                    s.getAmountTotal() == null ? 0 : s.getAmountTotal(),
                    s.getCurrency(),
                    at)
                : null;
          }
          case "checkout.session.expired" -> {
            Session s = (Session) object;
            // subscription and card-update sessions are not gifts
            yield !"payment".equals(s.getMode())
                ? null
                : new PaymentFact.Expired(
                    id,
                    PROCESSOR,
                    type,
                    new PaymentFact.GiftRef(
                        giftId(s.getMetadata(), s.getClientReferenceId()), s.getId(), null, null));
          }
          case "payment_intent.succeeded" -> {
            PaymentIntent pi = (PaymentIntent) object;
            yield new PaymentFact.Paid(
                id,
                PROCESSOR,
                type,
                new PaymentFact.GiftRef(
                    giftId(pi.getMetadata(), null), null, pi.getId(), pi.getLatestCharge()),
                pi.getAmountReceived() == null ? 0 : pi.getAmountReceived(),
                pi.getCurrency(),
                at);
          }
          case "payment_intent.payment_failed" -> {
            PaymentIntent pi = (PaymentIntent) object;
            String reason =
                pi.getLastPaymentError() == null
                    ? "The payment failed."
                    : pi.getLastPaymentError().getMessage();
            yield new PaymentFact.Failed(
                id,
                PROCESSOR,
                type,
                new PaymentFact.GiftRef(giftId(pi.getMetadata(), null), null, pi.getId(), null),
                reason);
          }
          case "charge.refunded" -> {
            Charge c = (Charge) object;
            yield new PaymentFact.Refunded(
                id,
                PROCESSOR,
                type,
                new PaymentFact.GiftRef(
                    giftId(c.getMetadata(), null), null, c.getPaymentIntent(), c.getId()),
                c.getAmountRefunded() == null ? 0 : c.getAmountRefunded());
          }
          case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated" -> {
            Refund r = (Refund) object;
            yield new PaymentFact.RefundReported(
                id,
                PROCESSOR,
                type,
                new PaymentFact.GiftRef(
                    giftId(r.getMetadata(), null), null, r.getPaymentIntent(), r.getCharge()),
                r.getId(),
                r.getAmount() == null ? 0 : r.getAmount(),
                refundStatus(r.getStatus()));
          }
          case "charge.dispute.created",
              "charge.dispute.updated",
              "charge.dispute.closed",
              "charge.dispute.funds_withdrawn",
              "charge.dispute.funds_reinstated" -> {
            Dispute d = (Dispute) object;
            String stripeStatus = String.valueOf(d.getStatus());
            String funds =
                type.endsWith("funds_withdrawn")
                    ? "withdrawn"
                    : type.endsWith("funds_reinstated") ? "reinstated" : null;
            yield new PaymentFact.Disputed(
                id,
                PROCESSOR,
                type,
                new PaymentFact.GiftRef(null, null, d.getPaymentIntent(), d.getCharge()),
                disputeStage(stripeStatus, funds),
                d.getId(),
                stripeStatus.startsWith("warning_"),
                d.getAmount() == null ? 0 : d.getAmount(),
                funds);
          }
          default -> null;
        });
  }

  /**
   * Stripe's dispute status as a stage: won, or an inquiry closed without a chargeback
   * (warning_closed), is won; lost is lost; every other status (needs_response, under_review,
   * warning_needs_response, warning_under_review) is open. Funds reinstated after a dispute mean it
   * was decided for us.
   */
  static String disputeStage(String stripeStatus, String funds) {
    if ("reinstated".equals(funds)) {
      return "won";
    }
    return switch (stripeStatus) {
      case "won", "warning_closed" -> "won";
      case "lost" -> "lost";
      default -> "open";
    };
  }

  /** Stripe's refund status, or pending for a status this server does not know. */
  static String refundStatus(String stripeStatus) {
    return switch (String.valueOf(stripeStatus)) {
      case "succeeded", "failed", "canceled", "requires_action" -> stripeStatus;
      default -> "pending";
    };
  }

  private static String giftId(Map<String, String> metadata, String fallback) {
    if (metadata != null && metadata.get("gift_id") != null) {
      return metadata.get("gift_id");
    }
    return fallback;
  }
}
