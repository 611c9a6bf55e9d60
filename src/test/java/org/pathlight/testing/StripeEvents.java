package org.pathlight.testing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe events as Stripe sends them: the documented JSON of each object, and the Stripe-Signature
 * header ({@code t=…,v1=HMAC-SHA256(secret, t + "." + body)}).
 */
public final class StripeEvents {

  public static final String WEBHOOK_SECRET = "whsec_pathlight_integration_tests";

  private StripeEvents() {}

  public static String signature(String payload, String secret, Instant at) {
    long t = at.getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String event(String id, String type, String object) {
    return eventAt(id, type, object, Instant.now().getEpochSecond());
  }

  /**
   * The API version the webhook endpoint is configured with: stripe-java's own, so events have the
   * shapes its model classes read.
   */
  public static final String API_VERSION = com.stripe.Stripe.API_VERSION;

  /** An event created at a given moment (Stripe orders subscription states by it). */
  public static String eventAt(String id, String type, String object, long created) {
    return eventIn(API_VERSION, id, type, object, created);
  }

  /** An event rendered in another API version (an endpoint configured with an older one). */
  public static String eventIn(
      String apiVersion, String id, String type, String object, long created) {
    return "{\"id\": \""
        + id
        + "\", \"object\": \"event\", \"api_version\": \""
        + apiVersion
        + "\","
        + " \"created\": "
        + created
        + ", \"livemode\": false,"
        + " \"pending_webhooks\": 1, \"type\": \""
        + type
        + "\","
        + " \"data\": {\"object\": "
        + object
        + "}}";
  }

  /** Posts a payload to the webhook, signed now with the configured secret. */
  public static Api.Reply deliver(java.net.URL base, String payload) {
    return deliver(base, payload, signature(payload, WEBHOOK_SECRET, Instant.now()));
  }

  public static Api.Reply deliver(java.net.URL base, String payload, String signature) {
    return new Api(base)
        .send(
            "POST",
            "/api/stripe/webhook",
            "application/json; charset=utf-8",
            payload,
            "Stripe-Signature",
            signature);
  }

  public static String sessionCompleted(
      String evt, String giftId, String session, String pi, long amount) {
    return event(
        evt,
        "checkout.session.completed",
        "{\"id\": \""
            + session
            + "\", \"object\": \"checkout.session\", \"mode\": \"payment\","
            + " \"status\": \"complete\", \"payment_status\": \"paid\", \"amount_total\": "
            + amount
            + ","
            + " \"currency\": \"usd\", \"payment_intent\": \""
            + pi
            + "\", \"client_reference_id\": \""
            + giftId
            + "\","
            + " \"metadata\": {\"gift_id\": \""
            + giftId
            + "\"}}");
  }

  public static String sessionExpired(String evt, String giftId, String session) {
    return event(
        evt,
        "checkout.session.expired",
        "{\"id\": \""
            + session
            + "\", \"object\": \"checkout.session\", \"mode\": \"payment\","
            + " \"status\": \"expired\", \"payment_status\": \"unpaid\", \"client_reference_id\": \""
            + giftId
            + "\","
            + " \"metadata\": {\"gift_id\": \""
            + giftId
            + "\"}}");
  }

  public static String paymentSucceeded(
      String evt, String giftId, String pi, String charge, long amount) {
    return event(
        evt,
        "payment_intent.succeeded",
        "{\"id\": \""
            + pi
            + "\", \"object\": \"payment_intent\", \"status\": \"succeeded\","
            + " \"amount\": "
            + amount
            + ", \"amount_received\": "
            + amount
            + ", \"currency\": \"usd\","
            + " \"latest_charge\": \""
            + charge
            + "\", \"metadata\": {\"gift_id\": \""
            + giftId
            + "\"}}");
  }

  public static String paymentFailed(String evt, String giftId, String pi) {
    return event(
        evt,
        "payment_intent.payment_failed",
        "{\"id\": \""
            + pi
            + "\", \"object\": \"payment_intent\", \"status\": \"requires_payment_method\","
            + " \"amount\": 1000, \"currency\": \"usd\", \"metadata\": {\"gift_id\": \""
            + giftId
            + "\"},"
            + " \"last_payment_error\": {\"type\": \"card_error\", \"code\": \"card_declined\","
            + " \"message\": \"Your card was declined.\"}}");
  }

  /** Charges carry no gift metadata here: the ledger must find the gift by payment intent. */
  public static String chargeRefunded(
      String evt, String pi, String charge, long amount, long refunded) {
    return chargeRefunded(evt, pi, charge, amount, refunded, null);
  }

  /** A refunded charge that names its gift in its metadata (null: no metadata). */
  public static String chargeRefunded(
      String evt, String pi, String charge, long amount, long refunded, String giftId) {
    return event(
        evt,
        "charge.refunded",
        "{\"id\": \""
            + charge
            + "\", \"object\": \"charge\", \"amount\": "
            + amount
            + ","
            + " \"amount_refunded\": "
            + refunded
            + ", \"refunded\": "
            + (refunded >= amount)
            + ","
            + " \"currency\": \"usd\", \"payment_intent\": \""
            + pi
            + "\", \"metadata\": {"
            + (giftId == null ? "" : "\"gift_id\": \"" + giftId + "\"")
            + "}}");
  }

  /**
   * A refund event ({@code refund.created}, {@code refund.updated} or {@code refund.failed}) about
   * one refund of a charge, in the refund's documented shape (no gift metadata: the ledger finds
   * the gift by charge and payment intent).
   */
  public static String refund(
      String evt,
      String type,
      String pi,
      String charge,
      String refundId,
      long amount,
      String status) {
    return event(
        evt,
        type,
        "{\"id\": \""
            + refundId
            + "\", \"object\": \"refund\", \"amount\": "
            + amount
            + ", \"currency\": \"usd\", \"charge\": \""
            + charge
            + "\", \"payment_intent\": \""
            + pi
            + "\", \"status\": \""
            + status
            + "\", \"reason\": \"requested_by_customer\""
            + ("failed".equals(status) ? ", \"failure_reason\": \"expired_or_canceled_card\"" : "")
            + ", \"metadata\": {}}");
  }

  /** A dispute of the charge (one dispute per charge, as usual: its id follows the charge's). */
  public static String dispute(String evt, String type, String pi, String charge, String status) {
    return dispute(evt, type, pi, charge, status, "du_" + charge, 1000);
  }

  public static String dispute(
      String evt,
      String type,
      String pi,
      String charge,
      String status,
      String disputeId,
      long amount) {
    return event(
        evt,
        type,
        "{\"id\": \""
            + disputeId
            + "\", \"object\": \"dispute\", \"amount\": "
            + amount
            + ", \"currency\": \"usd\","
            + " \"charge\": \""
            + charge
            + "\", \"payment_intent\": \""
            + pi
            + "\", \"status\": \""
            + status
            + "\","
            + " \"reason\": \"fraudulent\"}");
  }

  public static String subscriptionCheckoutCompleted(
      String evt, String planId, String session, String subscription, long created) {
    return eventAt(
        evt,
        "checkout.session.completed",
        "{\"id\": \""
            + session
            + "\", \"object\": \"checkout.session\", \"mode\": \"subscription\","
            + " \"status\": \"complete\", \"payment_status\": \"paid\", \"customer\": \"cus_"
            + subscription
            + "\", \"subscription\": \""
            + subscription
            + "\", \"client_reference_id\": \""
            + planId
            + "\", \"metadata\": {\"plan_id\": \""
            + planId
            + "\"}}",
        created);
  }

  /** A subscription invoice in the 2025 API shape (the subscription under parent). */
  public static String invoice(
      String evt,
      String type,
      String planId,
      String subscription,
      String invoice,
      long invoiceCreated,
      long amount,
      String status,
      int attempts,
      Long nextAttempt,
      long created) {
    return eventAt(
        evt,
        type,
        "{\"id\": \""
            + invoice
            + "\", \"object\": \"invoice\", \"status\": \""
            + status
            + "\", \"created\": "
            + invoiceCreated
            + ", \"currency\": \"usd\", \"amount_due\": "
            + amount
            + ", \"amount_paid\": "
            + ("paid".equals(status) ? amount : 0)
            + ", \"attempt_count\": "
            + attempts
            + ", \"next_payment_attempt\": "
            + nextAttempt
            + ", \"billing_reason\": \"subscription_cycle\", \"customer\": \"cus_"
            + subscription
            + "\", \"parent\": {\"type\": \"subscription_details\", \"subscription_details\":"
            + " {\"subscription\": \""
            + subscription
            + "\", \"metadata\": {\"plan_id\": \""
            + planId
            + "\"}}}}",
        created);
  }

  /** {@code invoice_payment.paid}: which payment intent and charge paid an invoice. */
  public static String invoicePaymentPaid(
      String evt, String invoice, String paymentIntent, String charge, long amount) {
    return event(
        evt,
        "invoice_payment.paid",
        "{\"id\": \"inpay_"
            + evt
            + "\", \"object\": \"invoice_payment\", \"invoice\": \""
            + invoice
            + "\", \"amount_paid\": "
            + amount
            + ", \"currency\": \"usd\", \"status\": \"paid\", \"is_default\": true,"
            + " \"payment\": {\"type\": \"payment_intent\", \"payment_intent\": \""
            + paymentIntent
            + "\", \"charge\": \""
            + charge
            + "\"}}");
  }

  public static String subscriptionEvent(
      String evt,
      String type,
      String planId,
      String subscription,
      String status,
      boolean paused,
      long amount,
      long created) {
    StripeStub.Sub sub = new StripeStub.Sub();
    sub.status = status;
    sub.amount = amount;
    sub.planId = planId;
    if (paused) {
      sub.pauseBehavior = "void";
      sub.resumesAt = created + 30L * 86400;
    }
    return eventAt(evt, type, StripeStub.subscriptionJson(subscription, sub), created);
  }
}
