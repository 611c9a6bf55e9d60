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

  /** Answers every following request with this HTTP status (0: answer normally). */
  public void failWith(int status) {
    failWith = status;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
    Map<String, String> form = parse(body);
    requests.add(
        new Request(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, form));
    if (failWith != 0) {
      respond(
          exchange,
          failWith,
          "{\"error\": {\"type\": \"api_error\", \"message\": \"stub told to fail\"}}");
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())
        || !"/v1/checkout/sessions".equals(exchange.getRequestURI().getPath())) {
      respond(
          exchange,
          404,
          "{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"Unrecognized request URL\"}}");
      return;
    }
    String key = headers.getOrDefault("idempotency-key", "none-" + counter.incrementAndGet());
    String id =
        sessionsByKey.computeIfAbsent(
            key, k -> "cs_test_" + counter.incrementAndGet() + "x" + System.nanoTime());
    String json =
        "{\"id\": \""
            + id
            + "\", \"object\": \"checkout.session\", \"mode\": \"payment\","
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
