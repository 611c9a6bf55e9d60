package org.pathlight.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server shaped like the US Census Bureau's geocoder ({@code GET
 * /geocoder/geographies/onelineaddress?address=…&benchmark=…&vintage=…&format=json}), answering
 * with its JSON layout: {@code result.addressMatches[].geographies} keyed by layer name, with the
 * layer's fields ({@code STATE}, {@code CD119}, {@code BASENAME}, …). It knows a few addresses:
 *
 * <ul>
 *   <li>"350 Fifth Avenue" (ZIP 10001/10118): NY-12, state senate 47, assembly 75;
 *   <li>"20 West 34th Street": NY-10, a state senate district the directory does not have (99);
 *   <li>"500 Pennsylvania": a match in Pennsylvania's 3rd district (not in a NY ZIP);
 *   <li>an address with "timeout" answers after 10 s; with "broken", HTTP 500.
 * </ul>
 *
 * Anything else has no match. Every request's address is recorded.
 */
public final class CensusStub {

  private final HttpServer server;
  private final List<String> addresses = new CopyOnWriteArrayList<>();

  public CensusStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext("/geocoder/geographies/onelineaddress", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort() + "/geocoder";
  }

  /** The one-line addresses asked so far. */
  public List<String> addresses() {
    return List.copyOf(addresses);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String address = "";
    String query = exchange.getRequestURI().getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("address")) {
        address = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    addresses.add(address);
    String a = address.toLowerCase(Locale.ROOT);
    if (a.contains("timeout")) {
      sleep(10_000);
    }
    if (a.contains("broken")) {
      send(exchange, 500, "{\"errors\":[\"internal error\"],\"status\":\"500\"}");
      return;
    }
    String match;
    if (a.contains("350 fifth")) {
      match = match("350 5TH AVE, NEW YORK, NY, 10118", "36", "12", "47", "75");
    } else if (a.contains("20 west 34th")) {
      match = match("20 W 34TH ST, NEW YORK, NY, 10001", "36", "10", "99", null);
    } else if (a.contains("500 pennsylvania")) {
      match = match("500 PENNSYLVANIA AVE, PHILADELPHIA, PA, 19106", "42", "03", "001", "182");
    } else {
      match = null;
    }
    String input =
        "\"input\":{\"address\":{\"address\":\""
            + address.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"},\"benchmark\":{\"benchmarkName\":\"Public_AR_Current\"},"
            + "\"vintage\":{\"vintageName\":\"Current_Current\"}}";
    send(
        exchange,
        200,
        "{\"result\":{" + input + ",\"addressMatches\":[" + (match == null ? "" : match) + "]}}");
  }

  private static String match(
      String matched, String stateFips, String cd, String upper, String lower) {
    StringBuilder g = new StringBuilder();
    g.append("\"States\":[{\"STATE\":\"").append(stateFips).append("\",\"BASENAME\":\"x\"}],");
    g.append("\"119th Congressional Districts\":[{\"GEOID\":\"")
        .append(stateFips)
        .append(cd)
        .append("\",\"CD119\":\"")
        .append(cd)
        .append("\",\"STATE\":\"")
        .append(stateFips)
        .append("\",\"BASENAME\":\"")
        .append(Integer.parseInt(cd))
        .append("\",\"NAME\":\"Congressional District ")
        .append(Integer.parseInt(cd))
        .append("\",\"CDSESSN\":\"119\"}]");
    if (upper != null) {
      g.append(legislative("Upper", "SLDU", "State Senate District ", stateFips, upper));
    }
    if (lower != null) {
      g.append(legislative("Lower", "SLDL", "Assembly District ", stateFips, lower));
    }
    return "{\"matchedAddress\":\""
        + matched
        + "\",\"coordinates\":{\"x\":-73.98,\"y\":40.74},"
        + "\"tigerLine\":{\"side\":\"L\",\"tigerLineId\":\"59653655\"},"
        + "\"addressComponents\":{\"zip\":\""
        + matched.substring(matched.length() - 5)
        + "\"},\"geographies\":{"
        + g
        + "}}";
  }

  /** A state legislative district layer as the geocoder writes it (SLDU "047", BASENAME "47"). */
  private static String legislative(
      String chamber, String field, String name, String stateFips, String code) {
    int n = Integer.parseInt(code);
    return ",\"2024 State Legislative Districts - "
        + chamber
        + "\":[{\"GEOID\":\""
        + stateFips
        + String.format("%03d", n)
        + "\",\""
        + field
        + "\":\""
        + String.format("%03d", n)
        + "\",\"STATE\":\""
        + stateFips
        + "\",\"BASENAME\":\""
        + n
        + "\",\"NAME\":\""
        + name
        + n
        + "\"}]";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
