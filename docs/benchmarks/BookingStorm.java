// Booking storm: N volunteers book one shift of 25 seats at the same moment.
//   java docs/benchmarks/BookingStorm.java <baseUrl> <mailDir> <adminEmail> <adminPassword> <volunteers> <concurrency>
// It signs in as staff, creates a role and a 25-seat shift, has N volunteers apply (their sign-in
// links are read from the .eml files the server writes when no SMTP is set) and approves them,
// then fires every booking at once. Prints throughput, latency percentiles and the exact outcome.
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class BookingStorm {

  static HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
  static String base;
  static String csrf = "";

  public static void main(String[] args) throws Exception {
    base = args[0].replaceFirst("/$", "");
    Path mail = Path.of(args[1]);
    int n = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    String session = send("POST", "/api/staff/session", "{\"email\": \"" + args[2] + "\", \"password\": \"" + args[3] + "\"}", null).body();
    csrf = field(session, "csrfToken");
    String role = "storm-" + System.nanoTime();
    send("POST", "/api/roles", "{\"code\": \"" + role + "\", \"name\": \"Storm\", \"survivorFacing\": false}", null);
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).withNano(0);
    String shift = field(send("POST", "/api/shifts", "{\"roleCode\": \"" + role + "\", \"startsAt\": \"" + start + "\", \"endsAt\": \"" + start.plusHours(2)
        + "\", \"capacity\": 25, \"publicLocation\": \"Hall\"}", null).body(), "id");

    System.out.printf("preparing %d approved volunteers...%n", n);
    Map<String, Long> ids = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String email = "storm-" + role + "-" + i + "@example.org";
      String applied = send("POST", "/api/volunteers", "{\"email\": \"" + email + "\", \"firstName\": \"S\", \"lastName\": \"" + i
          + "\", \"birthDate\": \"1990-01-01\", \"agreesToConfidentiality\": true}", null).body();
      long id = Long.parseLong(field(applied, "id"));
      ids.put(email, id);
      send("POST", "/api/volunteers/" + id + "/decision", "{\"decision\": \"approve\"}", null);
    }
    Map<String, String> tokens = tokens(mail, ids.keySet());
    List<String> bearer = new ArrayList<>(tokens.values());

    long[] latencies = new long[bearer.size()];
    Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger next = new AtomicInteger();
    for (int w = 0; w < concurrency; w++) {
      pool.submit(() -> {
        go.await();
        int i;
        while ((i = next.getAndIncrement()) < bearer.size()) {
          long t0 = System.nanoTime();
          HttpResponse<String> r = send("POST", "/api/shifts/" + shift + "/bookings", "{}", bearer.get(i));
          latencies[i] = System.nanoTime() - t0;
          String key = r.statusCode() == 201 ? field(r.body(), "status") : r.statusCode() + " " + field(r.body(), "type");
          outcomes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        return null;
      });
    }
    long t = System.nanoTime();
    go.countDown();
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - t) / 1e9;
    Arrays.sort(latencies);
    System.out.printf("booking storm: %d bookings at 25 seats, concurrency %d, %.1f s, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, outcome %s%n",
        bearer.size(), concurrency, seconds, bearer.size() / seconds, latencies[bearer.size() / 2] / 1e6,
        latencies[(int) Math.ceil(0.99 * bearer.size()) - 1] / 1e6, latencies[bearer.size() - 1] / 1e6, new TreeMap<>(outcomes));
  }

  /** Sign-in tokens from the welcome emails (.eml, quoted-printable). */
  static Map<String, String> tokens(Path mail, java.util.Set<String> emails) throws Exception {
    Map<String, String> found = new HashMap<>();
    Pattern token = Pattern.compile("#token=([A-Za-z0-9_.-]+)");
    long deadline = System.currentTimeMillis() + 120_000;
    while (found.size() < emails.size() && System.currentTimeMillis() < deadline) {
      try (var files = Files.list(mail)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
          String text = Files.readString(f).replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
          for (String email : emails) {
            if (!found.containsKey(email) && text.contains("<" + email + ">")) {
              Matcher m = token.matcher(text);
              if (m.find()) {
                found.put(email, m.group(1));
              }
            }
          }
        }
      }
      Thread.sleep(500);
    }
    return found;
  }

  static HttpResponse<String> send(String method, String path, String json, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    } else if (!csrf.isEmpty()) {
      b.header("X-CSRF-Token", csrf);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\\s*\"?([^\",}]+)").matcher(json);
    return m.find() ? m.group(1) : "?";
  }
}
