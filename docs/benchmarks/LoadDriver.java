// A small closed-loop HTTP load driver for Pathlight, with no dependencies: run it with
//   java docs/benchmarks/LoadDriver.java <baseUrl> <scenario> <requests> <concurrency>
// Scenarios: health (GET /health/live, a trivial endpoint), funds (GET /api/funds),
// checkout (POST /api/donations with the test processor), webhook (signed Stripe events to
// POST /api/stripe/webhook; needs PATHLIGHT_STRIPE_WEBHOOK_SECRET on the server and the same value
// in the environment variable BENCH_WEBHOOK_SECRET). Prints throughput and latency percentiles.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class LoadDriver {

  static final AtomicInteger errors = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: java docs/benchmarks/LoadDriver.java <baseUrl> <health|funds|checkout|webhook> <requests> <concurrency>");
      System.exit(2);
    }
    String base = args[0].replaceFirst("/$", "");
    String scenario = args[1];
    int total = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    String secret = System.getenv().getOrDefault("BENCH_WEBHOOK_SECRET", "");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(concurrency)).build();
    String run = Long.toString(System.nanoTime(), 36);

    // warm-up: a tenth of the requests, not measured
    drive(client, base, scenario, Math.max(10, total / 10), concurrency, secret, run + "w", new long[Math.max(10, total / 10)], new ConcurrentHashMap<>());

    long[] latencies = new long[total];
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    drive(client, base, scenario, total, concurrency, secret, run, latencies, statuses);
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(latencies);
    System.out.printf("%s: %d requests, concurrency %d, %.1f s, %.0f req/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s%n",
        scenario, total, concurrency, seconds, total / seconds,
        pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies[total - 1] / 1e6, new TreeMap<>(statuses));
    System.exit(0);
  }

  static void drive(HttpClient client, String base, String scenario, int total, int concurrency, String secret,
      String run, long[] latencies, Map<Integer, AtomicInteger> statuses) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      workers.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < total) {
          HttpRequest request = request(base, scenario, run + "-" + i, secret);
          long t0 = System.nanoTime();
          int status;
          try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (Exception e) {
            status = -1;
            if (errors.getAndIncrement() < 3) {
              System.err.println("request failed: " + e);
            }
          }
          latencies[i] = System.nanoTime() - t0;
          statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
        return null;
      });
    }
    workers.shutdown();
    workers.awaitTermination(1, TimeUnit.HOURS);
  }

  static HttpRequest request(String base, String scenario, String id, String secret) {
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60));
    switch (scenario) {
      case "health" -> b.uri(URI.create(base + "/health/live")).GET();
      case "funds" -> b.uri(URI.create(base + "/api/funds")).GET();
      case "checkout" -> b.uri(URI.create(base + "/api/donations"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 4500, \"currency\": \"usd\", \"frequency\": \"once\","
              + " \"fundCode\": \"safe-housing\", \"email\": \"bench-" + id + "@example.org\","
              + " \"firstName\": \"Bench\", \"lastName\": \"Mark\", \"coverFees\": true}"));
      case "webhook" -> {
        String body = "{\"id\": \"evt_bench_" + id + "\", \"object\": \"event\", \"api_version\": \"2025-09-30.clover\","
            + " \"created\": " + Instant.now().getEpochSecond() + ", \"type\": \"payment_intent.succeeded\","
            + " \"data\": {\"object\": {\"id\": \"pi_bench_" + id + "\", \"object\": \"payment_intent\","
            + " \"amount\": 4500, \"amount_received\": 4500, \"currency\": \"usd\", \"status\": \"succeeded\","
            + " \"metadata\": {}}}}";
        b.uri(URI.create(base + "/api/stripe/webhook"))
            .header("Content-Type", "application/json")
            .header("Stripe-Signature", sign(body, secret))
            .POST(HttpRequest.BodyPublishers.ofString(body));
      }
      default -> throw new IllegalArgumentException("unknown scenario " + scenario);
    }
    return b.build();
  }

  static String sign(String body, String secret) {
    try {
      long t = Instant.now().getEpochSecond();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static double pct(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
