package org.pathlight.payments;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
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
   * The event's object, read tolerantly of an API version other than the library's own (only stable
   * fields are used); empty when it cannot be read.
   */
  static Optional<StripeObject> object(Event event) {
    try {
      return Optional.ofNullable(event.getDataObjectDeserializer().deserializeUnsafe());
    } catch (EventDataObjectDeserializationException e) {
      return Optional.empty();
    }
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
          case "charge.dispute.created", "charge.dispute.closed" -> {
            Dispute d = (Dispute) object;
            String status =
                type.endsWith("created")
                    ? "open"
                    : switch (String.valueOf(d.getStatus())) {
                      case "won", "warning_closed" -> "won";
                      case "lost" -> "lost";
                      default -> "open";
                    };
            yield new PaymentFact.Disputed(
                id,
                PROCESSOR,
                type,
                new PaymentFact.GiftRef(null, null, d.getPaymentIntent(), d.getCharge()),
                status);
          }
          default -> null;
        });
  }

  private static String giftId(Map<String, String> metadata, String fallback) {
    if (metadata != null && metadata.get("gift_id") != null) {
      return metadata.get("gift_id");
    }
    return fallback;
  }
}
