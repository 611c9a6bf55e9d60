package org.pathlight.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server shaped like Stripe's API, for stripe-java in the tests: it answers {@code
 * POST /v1/checkout/sessions} with a Checkout Session object as Stripe documents it, honours
 * Idempotency-Key (same key, same session), records every request, and can be told to fail.
 */
public final class StripeStub {

  /** A request as stripe-java sent it. */
  public record Request(
      String method, String path, Map<String, String> headers, Map<String, String> form) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> sessionsByKey = new ConcurrentHashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile int failWith;
  private volatile long checkoutDelayMillis;

  /** Answers each new checkout session only after this long (0: at once), like a slow Stripe. */
  public void delayCheckouts(long millis) {
    checkoutDelayMillis = millis;
  }

  public StripeStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests made since {@code mark} (a size of {@link #requests()} taken earlier). */
  public List<Request> requestsSince(int mark) {
    List<Request> all = requests();
    return all.subList(mark, all.size());
  }

  public Request last() {
    List<Request> all = requests();
    return all.get(all.size() - 1);
  }

  private static String error(String type, String message) {
    return "{\"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}";
  }

  /** Answers every following request with this HTTP status (0: answer normally). */
  public void failWith(int status) {
    failWith = status;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    // stripe-java sends POST parameters in the body, GET and DELETE parameters in the query
    Map<String, String> form =
        "POST".equals(method) ? parse(body) : parse(query == null ? "" : query);
    requests.add(new Request(method, path, headers, form));
    if (failWith != 0) {
      respond(exchange, failWith, error("api_error", "stub told to fail"));
      return;
    }
    String other = billing(method, path, headers, form);
    if (other != null && other.startsWith("!")) { // "!404{...}": an error Stripe answers
      respond(exchange, Integer.parseInt(other.substring(1, 4)), other.substring(4));
      return;
    }
    if (other != null) {
      respond(exchange, 200, other);
      return;
    }
    Price linePrice = pricesById.get(form.getOrDefault("line_items[0][price]", ""));
    if (linePrice != null && !linePrice.active()) {
      respond(
          exchange,
          400,
          error("invalid_request_error", "The price specified is inactive: " + linePrice.id()));
      return;
    }
    if (!"POST".equals(method) || !"/v1/checkout/sessions".equals(path)) {
      respond(exchange, 404, error("invalid_request_error", "Unrecognized request URL"));
      return;
    }
    if (checkoutDelayMillis > 0) {
      try {
        Thread.sleep(checkoutDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String key = headers.getOrDefault("idempotency-key", "none-" + counter.incrementAndGet());
    String id =
        sessionsByKey.computeIfAbsent(
            key, k -> "cs_test_" + counter.incrementAndGet() + "x" + System.nanoTime());
    sessions.putIfAbsent(
        id,
        new OpenedSession(
            form.getOrDefault("mode", "payment"),
            form.getOrDefault("line_items[0][price_data][unit_amount]", "0"),
            form.getOrDefault("metadata[gift_id]", "")));
    String json =
        "{\"id\": \""
            + id
            + "\", \"object\": \"checkout.session\", \"mode\": \""
            + form.getOrDefault("mode", "payment")
            + "\","
            + " \"status\": \"open\", \"payment_status\": \"unpaid\","
            + " \"url\": \"https://checkout.stripe.test/c/pay/"
            + id
            + "\","
            + " \"amount_total\": "
            + form.getOrDefault("line_items[0][price_data][unit_amount]", "0")
            + ","
            + " \"currency\": \""
            + form.getOrDefault("line_items[0][price_data][currency]", "usd")
            + "\","
            + " \"client_reference_id\": \""
            + form.getOrDefault("client_reference_id", "")
            + "\","
            + " \"customer_email\": \""
            + form.getOrDefault("customer_email", "")
            + "\","
            + " \"success_url\": \""
            + form.getOrDefault("success_url", "")
            + "\","
            + " \"metadata\": {\"gift_id\": \""
            + form.getOrDefault("metadata[gift_id]", "")
            + "\"},"
            + " \"livemode\": false}";
    respond(exchange, 200, json);
  }

  /** A price as the stub keeps it; {@code active} false once archived. */
  public record Price(String id, long amount, String currency, String lookupKey, boolean active) {}

  private final Map<String, Price> pricesByIdempotencyKey = new ConcurrentHashMap<>();

  /** Archives the price holding this lookup key, as staff would in Stripe's dashboard. */
  public void archivePrice(String lookupKey) {
    Price p = pricesByKey.get(lookupKey);
    Price archived = new Price(p.id(), p.amount(), p.currency(), p.lookupKey(), false);
    pricesByKey.put(lookupKey, archived);
    pricesById.put(p.id(), archived);
  }

  /** A subscription as the stub keeps it (created on first use, active, one item). */
  public static final class Sub {
    public volatile String status = "active";
    public volatile String priceId;
    public volatile long amount = 1000;
    public volatile String pauseBehavior;
    public volatile Long resumesAt;
    public volatile String defaultPaymentMethod;
    public volatile String planId = "";

    /** Stripe's cancellation_details.reason once canceled (payment_failed, …), or null. */
    public volatile String cancellationReason;

    /** The latest invoice, when a test sets one: id, status (paid, open), attempts, paid at. */
    public volatile String latestInvoice;

    public volatile String latestInvoiceStatus = "paid";
    public volatile int latestInvoiceAttempts = 1;
    public volatile Long latestInvoicePaidAt;
    public volatile long latestInvoiceCreated = System.currentTimeMillis() / 1000;

    /**
     * Earlier paid invoices (ids), listed by {@code GET /v1/invoices?subscription=…&status=paid};
     * the n-th (from 0) was created n+1 months before the latest invoice and paid a minute after.
     */
    public final List<String> earlierPaidInvoices =
        new java.util.concurrent.CopyOnWriteArrayList<>();
  }

  private final Map<String, String> completedSessions = new ConcurrentHashMap<>();

  /** A session as it was opened: its mode, amount and gift. */
  private record OpenedSession(String mode, String amount, String giftId) {}

  private final Map<String, OpenedSession> sessions = new ConcurrentHashMap<>();

  /** How a payment-mode session ended: paid (with its payment intent and charge), or expired. */
  private record Outcome(String status, String paymentIntent, String charge, long paidAt) {}

  private final Map<String, Outcome> paymentOutcomes = new ConcurrentHashMap<>();

  /** The donor paid this payment-mode session at {@code paidAt} (GET shows it complete, paid). */
  public void payPaymentSession(
      String sessionId, String paymentIntent, String charge, long paidAt) {
    paymentOutcomes.put(sessionId, new Outcome("complete", paymentIntent, charge, paidAt));
  }

  private record Settlement(long fee, String currency) {}

  private final Map<String, Settlement> settlements = new ConcurrentHashMap<>();

  /**
   * The charge of this payment intent settled: its balance transaction says Stripe kept {@code fee}
   * (minor units of {@code currency}). Until then the charge has no balance transaction.
   */
  public void settle(String paymentIntent, long fee, String currency) {
    settlements.put(paymentIntent, new Settlement(fee, currency));
  }

  /** This payment-mode session expired unpaid. */
  public void expirePaymentSession(String sessionId) {
    paymentOutcomes.put(sessionId, new Outcome("expired", null, null, 0));
  }

  /** The Checkout Session opened with this idempotency key, if any. */
  public String sessionFor(String idempotencyKey) {
    return sessionsByKey.get(idempotencyKey);
  }

  /** The donor completed this session (GET shows it complete with its subscription). */
  public void completeSession(String sessionId, String subscriptionId) {
    completedSessions.put(sessionId, subscriptionId);
  }

  private final Map<String, Price> pricesByKey = new ConcurrentHashMap<>();
  private final Map<String, Price> pricesById = new ConcurrentHashMap<>();
  private final Map<String, Sub> subscriptions = new ConcurrentHashMap<>();

  public Sub subscription(String id) {
    return subscriptions.computeIfAbsent(id, k -> new Sub());
  }

  private final Map<String, String> refundsByKey = new ConcurrentHashMap<>();
  private volatile String refuseRefunds;

  /**
   * Refuses every new refund as Stripe refuses an invalid request, with this message (null: no).
   */
  public void refuseRefunds(String message) {
    refuseRefunds = message;
  }

  /** The POST /v1/refunds requests it received (each retry counts). */
  public List<Request> refundRequests() {
    return requests().stream().filter(r -> "/v1/refunds".equals(r.path())).toList();
  }

  /** A refund as Stripe answers it: one per idempotency key, created succeeded. */
  private String refund(Map<String, String> headers, Map<String, String> form) {
    String key = headers.getOrDefault("idempotency-key", "none-" + counter.incrementAndGet());
    String known = refundsByKey.get(key);
    if (known != null) {
      return known;
    }
    if (refuseRefunds != null) {
      return "!400" + error("invalid_request_error", refuseRefunds);
    }
    String pi = form.get("payment_intent");
    String charge = form.get("charge");
    String json =
        "{\"id\": \"re_test_"
            + counter.incrementAndGet()
            + "\", \"object\": \"refund\", \"amount\": "
            + Long.parseLong(form.getOrDefault("amount", "0"))
            + ", \"currency\": \"usd\", \"status\": \"succeeded\", \"payment_intent\": "
            + (pi == null ? "null" : "\"" + pi + "\"")
            + ", \"charge\": "
            + (charge == null ? "null" : "\"" + charge + "\"")
            + ", \"metadata\": {\"gift_id\": \""
            + form.getOrDefault("metadata[gift_id]", "")
            + "\"}}";
    return refundsByKey.computeIfAbsent(key, k -> json);
  }

  /** Prices, subscriptions and setup intents; null when the path is not one of them. */
  private String billing(
      String method, String path, Map<String, String> headers, Map<String, String> form) {
    if ("/v1/refunds".equals(path) && "POST".equals(method)) {
      return refund(headers, form);
    }
    if ("/v1/prices".equals(path) && "GET".equals(method)) {
      String key = form.getOrDefault("lookup_keys[0]", "");
      Price p = pricesByKey.get(key);
      if (p != null && "true".equals(form.get("active")) && !p.active()) {
        p = null;
      }
      return "{\"object\": \"list\", \"url\": \"/v1/prices\", \"has_more\": false, \"data\": ["
          + (p == null ? "" : priceJson(p))
          + "]}";
    }
    if ("/v1/prices".equals(path) && "POST".equals(method)) {
      String idem = headers.getOrDefault("idempotency-key", "none-" + counter.incrementAndGet());
      Price replay = pricesByIdempotencyKey.get(idem);
      if (replay != null) {
        return priceJson(pricesById.get(replay.id()));
      }
      String lookup = form.get("lookup_key");
      Price holder = lookup == null ? null : pricesByKey.get(lookup);
      if (holder != null && !"true".equals(form.get("transfer_lookup_key"))) {
        return "!400"
            + error(
                "invalid_request_error",
                "A price (" + holder.id() + ") already uses that lookup key.");
      }
      Price p =
          new Price(
              "price_" + counter.incrementAndGet(),
              Long.parseLong(form.getOrDefault("unit_amount", "0")),
              form.getOrDefault("currency", "usd"),
              lookup,
              true);
      if (holder != null) {
        Price old = pricesById.get(holder.id());
        pricesById.put(
            old.id(), new Price(old.id(), old.amount(), old.currency(), null, old.active()));
      }
      if (lookup != null) {
        pricesByKey.put(lookup, p);
      }
      pricesById.put(p.id(), p);
      pricesByIdempotencyKey.put(idem, p);
      return priceJson(p);
    }
    if (path.startsWith("/v1/payment_intents/") && "GET".equals(method)) {
      return paymentIntentJson(path.substring("/v1/payment_intents/".length()));
    }
    if (path.startsWith("/v1/checkout/sessions/") && "GET".equals(method)) {
      String id = path.substring("/v1/checkout/sessions/".length());
      OpenedSession opened = sessions.get(id);
      if (opened != null && "payment".equals(opened.mode())) {
        return paymentSessionJson(id, opened, paymentOutcomes.get(id), form);
      }
      String sub = completedSessions.get(id);
      return "{\"id\": \""
          + id
          + "\", \"object\": \"checkout.session\", \"mode\": \"subscription\", \"status\": \""
          + (sub == null ? "open" : "complete")
          + "\", \"subscription\": "
          + (sub == null ? "null" : "\"" + sub + "\"")
          + ", \"customer\": \"cus_stub\", \"created\": 1700000000}";
    }
    if (path.startsWith("/v1/subscriptions/")) {
      String id = path.substring("/v1/subscriptions/".length());
      Sub sub = subscription(id);
      if ("DELETE".equals(method)) {
        sub.status = "canceled";
      } else if ("POST".equals(method)) {
        if (form.containsKey("pause_collection")) {
          sub.pauseBehavior = null;
          sub.resumesAt = null;
        }
        if (form.containsKey("pause_collection[behavior]")) {
          sub.pauseBehavior = form.get("pause_collection[behavior]");
          sub.resumesAt =
              form.containsKey("pause_collection[resumes_at]")
                  ? Long.parseLong(form.get("pause_collection[resumes_at]"))
                  : null;
        }
        if (form.containsKey("items[0][price]")) {
          Price p = pricesById.get(form.get("items[0][price]"));
          sub.priceId = p.id();
          sub.amount = p.amount();
        }
        if (form.containsKey("default_payment_method")) {
          sub.defaultPaymentMethod = form.get("default_payment_method");
        }
      }
      return subscriptionJson(id, sub, "latest_invoice".equals(form.get("expand[0]")));
    }
    if ("/v1/invoices".equals(path) && "GET".equals(method)) {
      Sub sub = subscription(form.getOrDefault("subscription", ""));
      StringBuilder data = new StringBuilder();
      int n = 0;
      for (String invoice : sub.earlierPaidInvoices) {
        long created = sub.latestInvoiceCreated - (n + 1) * 30L * 86400;
        data.append(data.isEmpty() ? "" : ", ")
            .append(
                invoiceJson(
                    invoice, form.get("subscription"), sub, "paid", created, 1, created + 60));
        n++;
      }
      if (sub.latestInvoice != null && "paid".equals(sub.latestInvoiceStatus)) {
        data.append(data.isEmpty() ? "" : ", ")
            .append(
                invoiceJson(
                    sub.latestInvoice,
                    form.get("subscription"),
                    sub,
                    "paid",
                    sub.latestInvoiceCreated,
                    sub.latestInvoiceAttempts,
                    sub.latestInvoicePaidAt));
      }
      return "{\"object\": \"list\", \"url\": \"/v1/invoices\", \"has_more\": false, \"data\": ["
          + data
          + "]}";
    }
    if (path.startsWith("/v1/setup_intents/")) {
      String id = path.substring("/v1/setup_intents/".length());
      return "{\"id\": \""
          + id
          + "\", \"object\": \"setup_intent\", \"status\": \"succeeded\","
          + " \"payment_method\": \"pm_new_for_"
          + id
          + "\"}";
    }
    return null;
  }

  private static String priceJson(Price p) {
    return "{\"id\": \""
        + p.id()
        + "\", \"object\": \"price\", \"active\": "
        + p.active()
        + ", \"currency\": \""
        + p.currency()
        + "\", \"unit_amount\": "
        + p.amount()
        + ", \"lookup_key\": "
        + (p.lookupKey() == null ? "null" : "\"" + p.lookupKey() + "\"")
        + ", \"type\": \"recurring\", \"recurring\": {\"interval\": \"month\", \"interval_count\": 1}}";
  }

  public static String subscriptionJson(String id, Sub sub) {
    return subscriptionJson(id, sub, false);
  }

  private static String subscriptionJson(String id, Sub sub, boolean expandInvoice) {
    String invoice = sub.latestInvoice;
    String latest =
        invoice == null
            ? "null"
            : !expandInvoice
                ? "\"" + invoice + "\""
                : invoiceJson(
                    invoice,
                    id,
                    sub,
                    sub.latestInvoiceStatus,
                    sub.latestInvoiceCreated,
                    sub.latestInvoiceAttempts,
                    sub.latestInvoicePaidAt);
    return "{\"id\": \""
        + id
        + "\", \"latest_invoice\": "
        + latest
        + ", \"object\": \"subscription\", \"status\": \""
        + sub.status
        + "\","
        + " \"customer\": \"cus_stub\", \"currency\": \"usd\", \"created\": 1700000000,"
        + " \"cancellation_details\": {\"reason\": "
        + (sub.cancellationReason == null ? "null" : "\"" + sub.cancellationReason + "\"")
        + "},"
        + " \"metadata\": {\"plan_id\": \""
        + sub.planId
        + "\"},"
        + " \"default_payment_method\": "
        + (sub.defaultPaymentMethod == null ? "null" : "\"" + sub.defaultPaymentMethod + "\"")
        + ","
        + " \"pause_collection\": "
        + (sub.pauseBehavior == null
            ? "null"
            : "{\"behavior\": \""
                + sub.pauseBehavior
                + "\", \"resumes_at\": "
                + sub.resumesAt
                + "}")
        + ", \"items\": {\"object\": \"list\", \"has_more\": false, \"url\": \"/v1/subscription_items\", \"data\": [{\"id\": \"si_"
        + id
        + "\", \"object\": \"subscription_item\", \"quantity\": 1, \"price\": {\"id\": \""
        + (sub.priceId == null ? "price_initial" : sub.priceId)
        + "\", \"object\": \"price\", \"currency\": \"usd\", \"unit_amount\": "
        + sub.amount
        + "}}]}}";
  }

  /**
   * A payment intent a paid session holds, its latest charge and (once settled) the charge's
   * balance transaction expanded, as {@code expand[]=latest_charge.balance_transaction} asks.
   */
  private String paymentIntentJson(String id) {
    Outcome paid =
        paymentOutcomes.values().stream()
            .filter(o -> id.equals(o.paymentIntent()))
            .findFirst()
            .orElse(null);
    if (paid == null) {
      return "!404" + error("invalid_request_error", "No such payment_intent: '" + id + "'");
    }
    Settlement settled = settlements.get(id);
    String bt =
        settled == null
            ? "null"
            : "{\"id\": \"txn_"
                + id
                + "\", \"object\": \"balance_transaction\", \"fee\": "
                + settled.fee()
                + ", \"currency\": \""
                + settled.currency()
                + "\", \"status\": \"available\"}";
    return "{\"id\": \""
        + id
        + "\", \"object\": \"payment_intent\", \"status\": \"succeeded\", \"currency\": \"usd\","
        + " \"created\": "
        + paid.paidAt()
        + ", \"latest_charge\": {\"id\": \""
        + paid.charge()
        + "\", \"object\": \"charge\", \"paid\": true, \"currency\": \"usd\","
        + " \"balance_transaction\": "
        + bt
        + "}}";
  }

  private static String paymentSessionJson(
      String id, OpenedSession opened, Outcome outcome, Map<String, String> form) {
    boolean paid = outcome != null && "complete".equals(outcome.status());
    String pi =
        !paid
            ? "null"
            : !"payment_intent".equals(form.get("expand[0]"))
                ? "\"" + outcome.paymentIntent() + "\""
                : "{\"id\": \""
                    + outcome.paymentIntent()
                    + "\", \"object\": \"payment_intent\", \"status\": \"succeeded\","
                    + " \"amount\": "
                    + opened.amount()
                    + ", \"amount_received\": "
                    + opened.amount()
                    + ", \"currency\": \"usd\", \"created\": "
                    + outcome.paidAt()
                    + ", \"latest_charge\": \""
                    + outcome.charge()
                    + "\", \"metadata\": {\"gift_id\": \""
                    + opened.giftId()
                    + "\"}}";
    return "{\"id\": \""
        + id
        + "\", \"object\": \"checkout.session\", \"mode\": \"payment\", \"status\": \""
        + (outcome == null ? "open" : outcome.status())
        + "\", \"payment_status\": \""
        + (paid ? "paid" : "unpaid")
        + "\", \"amount_total\": "
        + opened.amount()
        + ", \"currency\": \"usd\", \"created\": 1700000000, \"payment_intent\": "
        + pi
        + ", \"client_reference_id\": \""
        + opened.giftId()
        + "\", \"metadata\": {\"gift_id\": \""
        + opened.giftId()
        + "\"}}";
  }

  private static String invoiceJson(
      String invoice,
      String subscription,
      Sub sub,
      String status,
      long created,
      int attempts,
      Long paidAt) {
    return "{\"id\": \""
        + invoice
        + "\", \"object\": \"invoice\", \"status\": \""
        + status
        + "\", \"created\": "
        + created
        + ", \"currency\": \"usd\", \"amount_due\": "
        + sub.amount
        + ", \"amount_paid\": "
        + ("paid".equals(status) ? sub.amount : 0)
        + ", \"attempt_count\": "
        + attempts
        + ", \"next_payment_attempt\": "
        + ("paid".equals(status) ? "null" : "1900000000")
        + ", \"status_transitions\": {\"paid_at\": "
        + paidAt
        + "}, \"parent\": {\"type\": \"subscription_details\","
        + " \"subscription_details\": {\"subscription\": \""
        + subscription
        + "\", \"metadata\": {\"plan_id\": \""
        + sub.planId
        + "\"}}}}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Request-Id", "req_stub");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(k, v);
    }
    return form;
  }
}
