// What load.sh needs that a plain URL cannot give it, against a running Pathlight:
//   java docs/benchmarks/LoadFixtures.java volunteer <base> <mailDir> <adminEmail> <adminPassword>
//       a role, ten open shifts and one approved volunteer; prints the volunteer's bearer token
//   java docs/benchmarks/LoadFixtures.java campaign <base> <adminEmail> <adminPassword>
//       a published letter campaign to the U.S. senators and representative; prints its slug
//   java docs/benchmarks/LoadFixtures.java webhooks <secret> <count> <file>
//       <count> Stripe events, each new, signed now: one line each, "signature<TAB>body"
//   java docs/benchmarks/LoadFixtures.java storm <base> <mailDir> <adminEmail> <adminPassword> <volunteers> <concurrency>
//       the booking storm: N approved volunteers book one 25-seat shift at the same moment;
//       prints the throughput, latency percentiles and the exact outcome (25 confirmed)
//   java docs/benchmarks/LoadFixtures.java acked <base> <seconds> <concurrency> <file>
//       one-time gifts through <base> for that long; writes the id of every gift answered 201, and
//       prints the answers per second (scale-out.sh kills an instance meanwhile)
//   java docs/benchmarks/LoadFixtures.java double-pay <base> <instance>...
//       a gift through <base>, then its test checkout paid on every instance at once, 5 times each;
//       prints the donor's email and the gift id
//   java docs/benchmarks/LoadFixtures.java webhook-race <secret> <instance>...
//       one new signed Stripe event delivered to every instance at once, 5 times each; prints its id
// Volunteers' sign-in links are read from the .eml files the server writes when no SMTP is set
// (<mailDir> may list several folders, one per instance, separated by colons).
import java.io.BufferedWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class LoadFixtures {

  static HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
  static String base;
  static String csrf = "";

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "volunteer" -> {
        base = args[1].replaceFirst("/$", "");
        signIn(args[3], args[4]);
        String role = role();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).withNano(0);
        for (int i = 0; i < 10; i++) {
          shift(role, start.plusDays(i), 8);
        }
        String email = "bench-volunteer-" + System.nanoTime() + "@example.org";
        approve(Set.of(email));
        System.out.println(tokens(Path.of(args[2]), Set.of(email)).get(email));
      }
      case "campaign" -> {
        base = args[1].replaceFirst("/$", "");
        signIn(args[2], args[3]);
        String slug = "bench-" + System.nanoTime();
        expect(201, send("POST", "/api/campaigns", "{\"slug\": \"" + slug + "\", \"title\": \"End forced labor\","
            + " \"subject\": \"Please support the Supply Chain Transparency Act\", \"letterTemplate\":"
            + " \"Dear {{officialTitle}} {{officialName}},\\n\\nAs your constituent in {{city}}, I ask for your support.\\n\\n{{personalNote}}\","
            + " \"targets\": [\"us-senate\", \"us-house\"]}", null));
        expect(200, send("POST", "/api/campaigns/" + slug + "/publish", "{}", null));
        System.out.println(slug);
      }
      case "webhooks" -> {
        String secret = args[1];
        int count = Integer.parseInt(args[2]);
        String run = Long.toString(System.nanoTime(), 36);
        long created = Instant.now().getEpochSecond();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]))) {
          for (int i = 0; i < count; i++) {
            String id = run + "_" + i;
            String body = "{\"id\": \"evt_bench_" + id + "\", \"object\": \"event\", \"api_version\": \"2026-07-29.dahlia\","
                + " \"created\": " + created + ", \"type\": \"payment_intent.succeeded\","
                + " \"data\": {\"object\": {\"id\": \"pi_bench_" + id + "\", \"object\": \"payment_intent\","
                + " \"amount\": 4500, \"amount_received\": 4500, \"currency\": \"usd\", \"status\": \"succeeded\","
                + " \"metadata\": {}}}}";
            out.write(sign(body, secret, created));
            out.write('\t');
            out.write(body);
            out.write('\n');
          }
        }
      }
      case "storm" -> storm(args);
      case "acked" -> acked(args[1].replaceFirst("/$", ""), Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
      case "double-pay" -> doublePay(args);
      case "webhook-race" -> {
        Path one = Files.createTempFile("event", ".txt");
        main(new String[] {"webhooks", args[1], "1", one.toString()});
        String[] line = Files.readString(one).strip().split("\t", 2);
        Files.delete(one);
        List<String> targets = List.of(args).subList(2, args.length);
        all(targets, 5, target -> HttpRequest.newBuilder(URI.create(target + "/api/stripe/webhook"))
            .header("Content-Type", "application/json").header("Stripe-Signature", line[0])
            .POST(HttpRequest.BodyPublishers.ofString(line[1])).build());
        System.out.println(field(line[1], "id"));
      }
      default -> throw new IllegalArgumentException("unknown fixture " + args[0]);
    }
  }

  static void storm(String[] args) throws Exception {
    base = args[1].replaceFirst("/$", "");
    Path mail = Path.of(args[2]);
    int n = Integer.parseInt(args[5]);
    int concurrency = Integer.parseInt(args[6]);
    signIn(args[3], args[4]);
    String shift = shift(role(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).withNano(0), 25);

    System.out.printf("preparing %d approved volunteers...%n", n);
    Set<String> emails = new java.util.HashSet<>();
    String run = Long.toString(System.nanoTime(), 36);
    for (int i = 0; i < n; i++) {
      emails.add("storm-" + run + "-" + i + "@example.org");
    }
    approve(emails);
    List<String> bearer = new ArrayList<>(tokens(mail, emails).values());

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
    String roster = send("GET", "/api/shifts/" + shift + "/roster", null, null).body();
    int confirmed = roster.split("\"status\":\\s*\"confirmed\"", -1).length - 1;
    System.out.printf("booking storm: %d bookings at 25 seats, concurrency %d, %.1f s, %.0f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, outcome %s, roster confirmed %d%n",
        bearer.size(), concurrency, seconds, bearer.size() / seconds, latencies[bearer.size() / 2] / 1e6,
        latencies[(int) Math.ceil(0.99 * bearer.size()) - 1] / 1e6, latencies[bearer.size() - 1] / 1e6, new TreeMap<>(outcomes), confirmed);
    if (confirmed != 25) {
      throw new IllegalStateException("the roster has " + confirmed + " confirmed, not 25");
    }
  }

  /** Sends the request each target makes {@code times} times, all at the same moment. */
  static void all(List<String> targets, int times, java.util.function.Function<String, HttpRequest> request) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(targets.size() * times);
    for (String target : targets) {
      for (int i = 0; i < times; i++) {
        sent.add(pool.submit(() -> {
          go.await();
          return client.send(request.apply(target.replaceFirst("/$", "")), HttpResponse.BodyHandlers.ofString()).statusCode();
        }));
      }
    }
    go.countDown();
    for (var f : sent) {
      f.get();
    }
    pool.shutdown();
  }

  static void doublePay(String[] args) throws Exception {
    base = args[1].replaceFirst("/$", "");
    String email = "double-" + System.nanoTime() + "@example.org";
    String started = expect(201, send("POST", "/api/donations", "{\"amount\": 2500, \"currency\": \"usd\", \"frequency\": \"once\","
        + " \"fundCode\": \"safe-housing\", \"email\": \"" + email + "\", \"firstName\": \"Dee\", \"lastName\": \"Double\"}", null)).body();
    String checkout = field(started, "checkoutUrl");
    String path = URI.create(checkout).getPath();
    all(List.of(args).subList(2, args.length), 5, target -> HttpRequest.newBuilder(URI.create(target + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("outcome=succeeded")).build());
    System.out.println(email + " " + field(started, "id"));
  }

  static void acked(String target, int seconds, int concurrency, Path out) throws Exception {
    base = target;
    long end = System.currentTimeMillis() + seconds * 1000L;
    Map<Long, AtomicInteger> perSecond = new ConcurrentHashMap<>();
    AtomicInteger failed = new AtomicInteger();
    List<String> acked = java.util.Collections.synchronizedList(new ArrayList<>());
    String run = Long.toString(System.nanoTime(), 36);
    AtomicInteger next = new AtomicInteger();
    long start = System.currentTimeMillis();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    for (int w = 0; w < concurrency; w++) {
      pool.submit(() -> {
        while (System.currentTimeMillis() < end) {
          int i = next.getAndIncrement();
          try {
            HttpResponse<String> r = send("POST", "/api/donations", "{\"amount\": 4500, \"currency\": \"usd\", \"frequency\": \"once\","
                + " \"fundCode\": \"safe-housing\", \"email\": \"acked-" + run + "-" + i + "@example.org\", \"firstName\": \"A\", \"lastName\": \"K\"}", null);
            if (r.statusCode() == 201) {
              acked.add(field(r.body(), "id"));
              perSecond.computeIfAbsent((System.currentTimeMillis() - start) / 1000, k -> new AtomicInteger()).incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          } catch (RuntimeException e) {
            failed.incrementAndGet();
          }
        }
        return null;
      });
    }
    pool.shutdown();
    pool.awaitTermination(seconds + 120, TimeUnit.SECONDS);
    Files.write(out, acked);
    System.out.printf("acknowledged %d gifts, %d requests failed; answered per second: %s%n", acked.size(), failed.get(), new TreeMap<>(perSecond));
  }

  static void signIn(String email, String password) {
    HttpResponse<String> session = expect(200, send("POST", "/api/staff/session", "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}", null));
    csrf = field(session.body(), "csrfToken");
  }

  static String role() {
    String role = "bench-" + System.nanoTime();
    expect(201, send("POST", "/api/roles", "{\"code\": \"" + role + "\", \"name\": \"Bench\", \"survivorFacing\": false}", null));
    return role;
  }

  static String shift(String role, OffsetDateTime start, int capacity) {
    return field(expect(201, send("POST", "/api/shifts", "{\"roleCode\": \"" + role + "\", \"startsAt\": \"" + start + "\", \"endsAt\": \"" + start.plusHours(2)
        + "\", \"capacity\": " + capacity + ", \"publicLocation\": \"Hall\"}", null)).body(), "id");
  }

  /** Each email applies; then staff approve them, found by email in the screening queue. */
  static void approve(Set<String> emails) {
    for (String email : emails) {
      expect(202, send("POST", "/api/volunteers", "{\"email\": \"" + email + "\", \"firstName\": \"S\", \"lastName\": \"V\","
          + " \"birthDate\": \"1990-01-01\", \"agreesToConfidentiality\": true}", null));
    }
    Matcher applied = Pattern.compile("\"email\":\"([^\"]+)\"[^{}]*?\"id\":(\\d+)")
        .matcher(send("GET", "/api/volunteers?status=applied", null, null).body());
    int approved = 0;
    while (applied.find()) {
      if (emails.contains(applied.group(1))) {
        expect(200, send("POST", "/api/volunteers/" + applied.group(2) + "/decision", "{\"decision\": \"approve\"}", null));
        approved++;
      }
    }
    if (approved != emails.size()) {
      throw new IllegalStateException("found " + approved + " of " + emails.size() + " applicants to approve");
    }
  }

  /** Sign-in tokens from the welcome emails (.eml, quoted-printable). */
  static Map<String, String> tokens(Path mail, Set<String> emails) throws Exception {
    Map<String, String> found = new HashMap<>();
    Pattern token = Pattern.compile("#token=([A-Za-z0-9_.-]+)");
    long deadline = System.currentTimeMillis() + 120_000;
    while (found.size() < emails.size() && System.currentTimeMillis() < deadline) {
      List<Path> all = new ArrayList<>();
      for (String dir : mail.toString().split(":")) {
        if (Files.isDirectory(Path.of(dir))) {
          try (var files = Files.list(Path.of(dir))) {
            all.addAll(files.filter(p -> p.toString().endsWith(".eml")).toList());
          }
        }
      }
      {
        for (Path f : all) {
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
    if (found.size() < emails.size()) {
      throw new IllegalStateException("only " + found.size() + " of " + emails.size() + " welcome emails arrived");
    }
    return found;
  }

  static HttpResponse<String> expect(int status, HttpResponse<String> r) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  static HttpResponse<String> send(String method, String path, String json, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json");
    if (json == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }
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

  static String sign(String body, String secret, long t) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\\s*\"?([^\",}]+)").matcher(json);
    return m.find() ? m.group(1) : "?";
  }
}
