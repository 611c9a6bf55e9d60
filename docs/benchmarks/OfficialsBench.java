// Officials directory benchmark, plain JDK: signs in as staff, imports the five published datasets
// twice (the second run must change nothing), then drives GET /api/officials?zip= with distinct
// real ZIP codes from zccd.csv. Run it with
//   java docs/benchmarks/OfficialsBench.java <baseUrl> <dataDir> <email> <password> <lookups> <concurrency>
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class OfficialsBench {

  static final String[][] FILES = {
    {"congress-legislators", "congress-legislators-current.yaml", "application/yaml"},
    {"congress-district-offices", "congress-legislators-district-offices.yaml", "application/yaml"},
    {"zccd", "zccd.csv", "text/csv"},
    {"openstates-districts", "openstates-districts.csv", "text/csv"},
    {"openstates", "openstates-all-legislators.csv", "text/csv"}
  };

  public static void main(String[] args) throws Exception {
    String base = args[0].replaceFirst("/$", "");
    Path data = Path.of(args[1]);
    int lookups = Integer.parseInt(args[4]);
    int concurrency = Integer.parseInt(args[5]);
    HttpClient client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(concurrency))
            .build();
    HttpResponse<String> session =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/staff/session"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\": \"" + args[2] + "\", \"password\": \"" + args[3] + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher csrf = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"").matcher(session.body());
    if (session.statusCode() != 200 || !csrf.find()) {
      throw new IllegalStateException("sign-in failed: " + session.body());
    }
    for (String run : new String[] {"first import", "re-import"}) {
      long total = 0;
      for (String[] f : FILES) {
        long t0 = System.nanoTime();
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/officials/imports?source=" + f[0]))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", f[2])
                    .header("X-CSRF-Token", csrf.group(1))
                    .POST(HttpRequest.BodyPublishers.ofFile(data.resolve(f[1])))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        total += ms;
        System.out.printf("%s %-26s %5d ms  HTTP %d %s%n", run, f[0], ms, r.statusCode(), r.body());
        if (r.statusCode() != 200) {
          System.exit(1);
        }
      }
      System.out.printf("%s of all five files: %d ms%n", run, total);
    }

    List<String> zips = new ArrayList<>(new TreeSet<>(zipsOf(data.resolve("zccd.csv"))));
    Collections.shuffle(zips, new Random(42));
    System.out.printf("%d distinct ZIP codes in the crosswalk%n", zips.size());
    if (lookups > zips.size()) {
      System.out.println("(more lookups than ZIP codes: the list is cycled)");
    }
    drive(client, base, zips, Math.max(10, lookups / 10), concurrency, false, new long[Math.max(10, lookups / 10)], new ConcurrentHashMap<>(), new AtomicInteger());
    // every lookup counts one hit on the client address's rate-limit row: from one address those
    // writes queue on one row; real supporters come from many addresses (X-Forwarded-For here,
    // which the server trusts only with PATHLIGHT_HTTP_TRUST_FORWARDED=true)
    for (boolean spread : new boolean[] {false, true}) {
      long[] latencies = new long[lookups];
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      AtomicInteger ambiguous = new AtomicInteger();
      long started = System.nanoTime();
      drive(client, base, zips, lookups, concurrency, spread, latencies, statuses, ambiguous);
      double seconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(latencies);
      System.out.printf(
          "lookups from %s: %d requests (distinct ZIPs), concurrency %d, %.1f s, %.0f req/s,"
              + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, statuses %s, ambiguous %d%n",
          spread ? "many addresses" : "one address", lookups, concurrency, seconds,
          lookups / seconds, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
          latencies[lookups - 1] / 1e6, new TreeMap<>(statuses), ambiguous.get());
    }
    System.exit(0);
  }

  static List<String> zipsOf(Path zccd) throws Exception {
    List<String> zips = new ArrayList<>();
    List<String> lines = Files.readAllLines(zccd);
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      if (cells.length >= 3) {
        zips.add(cells[2]);
      }
    }
    return zips;
  }

  static void drive(HttpClient client, String base, List<String> zips, int total, int concurrency,
      boolean spread, long[] latencies, Map<Integer, AtomicInteger> statuses, AtomicInteger ambiguous) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      workers.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < total) {
          String zip = zips.get(i % zips.size());
          HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/officials?zip=" + zip))
              .timeout(Duration.ofSeconds(60)).GET();
          if (spread) {
            request.header("X-Forwarded-For", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
          }
          long t0 = System.nanoTime();
          int status;
          try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            if (r.body().contains("\"ambiguous\":true")) {
              ambiguous.incrementAndGet();
            }
          } catch (Exception e) {
            status = -1;
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

  static double pct(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
