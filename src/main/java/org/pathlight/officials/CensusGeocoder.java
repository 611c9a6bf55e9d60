package org.pathlight.officials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The optional live address lookup: the US Census Bureau's geocoder ({@code
 * geographies/onelineaddress}) maps a street address to its congressional and state legislative
 * districts. Off unless {@code pathlight.geocoder.census.url} is set (e.g. {@code
 * https://geocoding.geo.census.gov/geocoder}); the offline ZIP path never needs it. Any failure (no
 * match, a timeout, an unexpected answer) is "not located": the ZIP lookup carries on without it.
 * The address leaves Pathlight only for this call, and is not logged.
 */
@ApplicationScoped
public class CensusGeocoder {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(CensusGeocoder.class.getName());

  /**
   * Where an address lies: the state, its House district (Pathlight's code) and state districts.
   */
  public record Place(String state, String house, String stateUpper, String stateLower) {}

  @Inject
  @ConfigProperty(name = "pathlight.geocoder.census.url")
  Optional<String> baseUrl;

  @Inject
  @ConfigProperty(name = "pathlight.geocoder.timeout.ms", defaultValue = "4000")
  int timeoutMs;

  private volatile HttpClient client;

  public boolean enabled() {
    return baseUrl.filter(u -> !u.isBlank()).isPresent();
  }

  /** The districts of a street address in a ZIP code, when the geocoder is on and finds it. */
  public Optional<Place> locate(String address, String zip) {
    if (!enabled() || address == null || address.isBlank()) {
      return Optional.empty();
    }
    String url =
        baseUrl.orElseThrow().strip().replaceFirst("/+$", "")
            + "/geographies/onelineaddress?address="
            + URLEncoder.encode(address.strip() + ", " + zip, StandardCharsets.UTF_8)
            + "&benchmark=Public_AR_Current&vintage=Current_Current&format=json";
    try {
      HttpResponse<String> response =
          client()
              .send(
                  HttpRequest.newBuilder(URI.create(url))
                      .timeout(Duration.ofMillis(timeoutMs))
                      .header("Accept", "application/json")
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        LOG.warning("Census geocoder answered HTTP " + response.statusCode() + "; using the ZIP");
        return Optional.empty();
      }
      return parse(response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Census geocoder failed (" + e + "); using the ZIP");
      return Optional.empty();
    }
  }

  /** Reads the first address match's districts from a geocoder answer. */
  static Optional<Place> parse(String body) {
    JsonObject root;
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      root = reader.readObject();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    JsonArray matches =
        root.getJsonObject("result") == null
            ? null
            : root.getJsonObject("result").getJsonArray("addressMatches");
    if (matches == null || matches.isEmpty()) {
      return Optional.empty();
    }
    JsonObject geographies = matches.getJsonObject(0).getJsonObject("geographies");
    if (geographies == null) {
      return Optional.empty();
    }
    JsonObject cd = first(geographies, "Congressional Districts");
    if (cd == null) {
      return Optional.empty();
    }
    String state = FIPS.get(cd.getString("STATE", ""));
    String number =
        cd.keySet().stream()
            .filter(k -> k.matches("CD\\d+"))
            .map(k -> cd.getString(k, ""))
            .findFirst()
            .orElse("");
    if (state == null || !number.matches("\\d{1,2}")) {
      return Optional.empty();
    }
    int n = Integer.parseInt(number);
    // 00 is an at-large seat; 98 is the non-voting delegate of DC and the territories
    String house = n == 0 || n == 98 ? Districts.AT_LARGE : Districts.house(n);
    return Optional.of(
        new Place(
            state,
            house,
            basename(first(geographies, "State Legislative Districts - Upper")),
            basename(first(geographies, "State Legislative Districts - Lower"))));
  }

  /** The first feature of the layer whose name contains {@code layer} (vintage-proof). */
  private static JsonObject first(JsonObject geographies, String layer) {
    for (Map.Entry<String, JsonValue> e : geographies.entrySet()) {
      if (e.getKey().contains(layer)
          && e.getValue() instanceof JsonArray features
          && !features.isEmpty()
          && features.get(0) instanceof JsonObject feature) {
        return feature;
      }
    }
    return null;
  }

  /** A legislative district's name as Open States writes it ({@code 47}, not {@code 047}). */
  private static String basename(JsonObject feature) {
    if (feature == null) {
      return null;
    }
    String name = feature.getString("BASENAME", "").strip();
    if (name.isEmpty() || name.equalsIgnoreCase("ZZZ")) {
      return null; // ZZZ: not in any district (water)
    }
    return name.matches("0*\\d+") ? String.valueOf(Integer.parseInt(name)) : name;
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      c =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofMillis(timeoutMs))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      client = c;
    }
    return c;
  }

  /** State FIPS codes to postal abbreviations (the 50 states, DC and the territories). */
  private static final Map<String, String> FIPS =
      Map.ofEntries(
          Map.entry("01", "AL"),
          Map.entry("02", "AK"),
          Map.entry("04", "AZ"),
          Map.entry("05", "AR"),
          Map.entry("06", "CA"),
          Map.entry("08", "CO"),
          Map.entry("09", "CT"),
          Map.entry("10", "DE"),
          Map.entry("11", "DC"),
          Map.entry("12", "FL"),
          Map.entry("13", "GA"),
          Map.entry("15", "HI"),
          Map.entry("16", "ID"),
          Map.entry("17", "IL"),
          Map.entry("18", "IN"),
          Map.entry("19", "IA"),
          Map.entry("20", "KS"),
          Map.entry("21", "KY"),
          Map.entry("22", "LA"),
          Map.entry("23", "ME"),
          Map.entry("24", "MD"),
          Map.entry("25", "MA"),
          Map.entry("26", "MI"),
          Map.entry("27", "MN"),
          Map.entry("28", "MS"),
          Map.entry("29", "MO"),
          Map.entry("30", "MT"),
          Map.entry("31", "NE"),
          Map.entry("32", "NV"),
          Map.entry("33", "NH"),
          Map.entry("34", "NJ"),
          Map.entry("35", "NM"),
          Map.entry("36", "NY"),
          Map.entry("37", "NC"),
          Map.entry("38", "ND"),
          Map.entry("39", "OH"),
          Map.entry("40", "OK"),
          Map.entry("41", "OR"),
          Map.entry("42", "PA"),
          Map.entry("44", "RI"),
          Map.entry("45", "SC"),
          Map.entry("46", "SD"),
          Map.entry("47", "TN"),
          Map.entry("48", "TX"),
          Map.entry("49", "UT"),
          Map.entry("50", "VT"),
          Map.entry("51", "VA"),
          Map.entry("53", "WA"),
          Map.entry("54", "WV"),
          Map.entry("55", "WI"),
          Map.entry("56", "WY"),
          Map.entry("60", "AS"),
          Map.entry("66", "GU"),
          Map.entry("69", "MP"),
          Map.entry("72", "PR"),
          Map.entry("78", "VI"));
}
