package org.pathlight.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * Every scheduled job runs the way production runs it: registered at start-up, on the managed
 * scheduler, each alone. This deployment brings every job's first run forward to one second after
 * boot, and lets the daily digest run at any hour, so all of them have run through the scheduler
 * before the tests look.
 */
@PathlightIT
class JobsIT {

  static final String[] JOBS = {
    "bounce-mailbox",
    "gift-fees",
    "gift-reconciliation",
    "giving-statements",
    "housekeeping",
    "newsletter-sends",
    "outbox",
    "plan-reconciliation",
    "rate-limit-share",
    "shift-reminders",
    "staff-session-purge",
    "subscription-request-purge",
    "volunteer-digest"
  };

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlightWith(
        Map.of(
            "pathlight.jobs.first.delay.seconds", "1",
            "pathlight.http.trust.forwarded", "true",
            "pathlight.volunteers.digest-hour", "0"));
  }

  @ArquillianResource URL base;

  private Api api() {
    return new Api(base);
  }

  @Test
  void everyJobHasRunThroughTheSchedulerAfterStartUpAndReadinessSaysSo() throws Exception {
    JsonObject jobs =
        awaitJobs(
            j -> Stream.of(JOBS).allMatch(name -> j.getString(name, "").startsWith("ok at ")),
            Duration.ofSeconds(60));
    assertThat(jobs.keySet()).contains(JOBS);
    // the digest's tick did its real work: it claimed today (organisation time) in job_run
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select period from job_run where job = 'volunteer-digest'")) {
      java.util.List<String> periods = new java.util.ArrayList<>();
      while (rs.next()) {
        periods.add(rs.getString(1));
      }
      LocalDate utcToday = LocalDate.now(ZoneOffset.UTC);
      assertThat(periods)
          .containsAnyOf(
              utcToday.toString(),
              utcToday.minusDays(1).toString(),
              utcToday.plusDays(1).toString());
    }
  }

  @Test
  void rateLimitHitsReachTheSharedCountThroughTheShareJobAndOtherInstancesCountsAreHonoured()
      throws SQLException {
    // a busy client: only the first hit of the window waits for the database; the job shares the
    // rest, so the shared row ends with every hit, the ones after the last request's share too
    String busy = "203.0.113." + (System.nanoTime() % 200 + 1);
    for (int i = 0; i < 25; i++) {
      api().get("/api/officials?zip=10001", "X-Forwarded-For", busy);
    }
    Instant deadline = Instant.now().plusSeconds(10);
    while (sharedHits("officials-lookup:" + busy) < 25) {
      assertThat(Instant.now()).as("the share job adds every hit").isBefore(deadline);
      sleep();
    }
    assertThat(sharedHits("officials-lookup:" + busy)).isEqualTo(25L);
    assertThat(
            awaitJobs(j -> j.containsKey("rate-limit-share"), ofSec(5))
                .getString("rate-limit-share"))
        .startsWith("ok at ");

    // another instance has already used this client's whole minute: the first hit here is refused
    String elsewhere = "198.51.100." + (System.nanoTime() % 200 + 1);
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "insert into rate_limit_window (bucket, window_start, hits) values ('officials-lookup:"
              + elsewhere
              + "', date_trunc('minute', now()), 60), ('officials-lookup:"
              + elsewhere
              + "', date_trunc('minute', now()) - interval '1 minute', 60), ('officials-lookup:"
              + elsewhere
              + "', date_trunc('minute', now()) + interval '1 minute', 60)");
    }
    Api.Reply refused = api().get("/api/officials?zip=10001", "X-Forwarded-For", elsewhere);
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotBlank();
  }

  private static long sharedHits(String bucket) throws SQLException {
    return TestEnvironment.count(
        "select coalesce(sum(hits), 0) from rate_limit_window where bucket = ?", bucket);
  }

  @Test
  void readinessReportsTheSchemaVersionOfTheNewestMigration() throws IOException {
    Api.Reply ready = api().get("/health/ready");
    JsonObject database = check(ready.json(), "database");
    assertThat(database.getJsonObject("data").getString("schemaVersion"))
        .isEqualTo(Integer.toString(newestMigration()));
  }

  @Test
  void theHourlyJobsDeleteWhatHasExpiredWhenRunOnTheScheduler() throws SQLException {
    long staffId;
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery("select id from staff_account order by id limit 1");
      rs.next();
      staffId = rs.getLong(1);
      s.executeUpdate(
          "insert into staff_session (token_hash, staff_id, csrf_token, created_at, last_seen_at,"
              + " expires_at) values ('it-expired-session-"
              + System.nanoTime()
              + "', "
              + staffId
              + ", 'csrf', now() - interval '2 days', now() - interval '2 days',"
              + " now() - interval '1 day')");
      s.executeUpdate(
          "insert into rate_limit_window (bucket, window_start, hits) values ('it-old-"
              + System.nanoTime()
              + "', now() - interval '3 days', 1)");
    }
    assertThat(run("staff-session-purge").getBoolean("failed")).isFalse();
    assertThat(run("housekeeping").getBoolean("failed")).isFalse();
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement()) {
      ResultSet sessions =
          s.executeQuery("select count(*) from staff_session where expires_at < now()");
      sessions.next();
      assertThat(sessions.getInt(1)).isZero();
      ResultSet windows =
          s.executeQuery(
              "select count(*) from rate_limit_window where window_start < now() - interval '2 days'");
      windows.next();
      assertThat(windows.getInt(1)).isZero();
    }
  }

  @Test
  void aFailingJobIsNotReadyAndLoggedUntilItRunsCleanlyAgainAndStopsNoOtherJob() {
    api().get("/api/test-support/log?contains=nothing"); // installs the test's log capture
    assertThat(api().post("/api/test-support/jobs/flaky?fail=true", "").status()).isEqualTo(204);
    Instant failingSince = Instant.now();
    Api.Reply down = awaitReady(r -> r.status() == 503, Duration.ofSeconds(20));
    JsonObject jobs = check(down.json(), "jobs");
    assertThat(jobs.getString("status")).isEqualTo("DOWN");
    assertThat(jobs.getJsonObject("data").getString("it-flaky"))
        .startsWith("failed at ")
        .contains("IllegalStateException")
        .doesNotContain("told to fail"); // the kind of failure, never its message
    assertThat(
            api()
                .get("/api/test-support/log?contains=Job%20it-flaky%20failed")
                .json()
                .getBoolean("found"))
        .isTrue();
    // the other jobs go on: the outbox polls every second and keeps succeeding
    JsonObject during = awaitJobs(j -> j.getString("outbox", "").startsWith("ok at "), ofSec(10));
    assertThat(Instant.parse(during.getString("outbox").substring(6))).isAfter(failingSince);

    assertThat(api().post("/api/test-support/jobs/flaky?fail=false", "").status()).isEqualTo(204);
    Api.Reply up = awaitReady(r -> r.status() == 200, Duration.ofSeconds(20));
    assertThat(check(up.json(), "jobs").getJsonObject("data").getString("it-flaky"))
        .startsWith("ok at ");
  }

  @Test
  void emailedLinksCarryTheConfiguredBaseUrlNotTheRequestsHostHeader() throws Exception {
    String email = "host" + System.nanoTime() + "@example.org";
    String body =
        "{\"email\": \""
            + email
            + "\", \"firstName\": \"Hos\", \"lastName\": \"T\", \"birthDate\": \"1990-01-01\","
            + " \"agreesToConfidentiality\": true}";
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      var out = socket.getOutputStream();
      out.write(
          ("POST /api/volunteers HTTP/1.1\r\nHost: attacker.example\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      String status = new String(socket.getInputStream().readNBytes(12));
      assertThat(status).startsWith("HTTP/1.1 2");
    }
    var mail = org.pathlight.testing.Mailbox.await(email, 1, Duration.ofSeconds(20));
    assertThat(mail).hasSize(1);
    String text = org.pathlight.testing.Mailbox.text(mail.get(0));
    assertThat(text)
        .contains("http://localhost:" + base.getPort() + "/volunteer/#token=")
        .doesNotContain("attacker.example");
  }

  private static Duration ofSec(int s) {
    return Duration.ofSeconds(s);
  }

  private JsonObject run(String job) {
    Api.Reply reply = api().post("/api/test-support/jobs/" + job + "/run", "");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private JsonObject awaitJobs(Predicate<JsonObject> until, Duration timeout) {
    Api.Reply last = awaitReady(r -> until.test(jobsData(r)), timeout);
    return jobsData(last);
  }

  private static JsonObject jobsData(Api.Reply ready) {
    JsonObject jobs = check(ready.json(), "jobs");
    return jobs.containsKey("data") ? jobs.getJsonObject("data") : JsonObject.EMPTY_JSON_OBJECT;
  }

  private Api.Reply awaitReady(Predicate<Api.Reply> until, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Api.Reply reply = api().get("/health/ready");
    while (!until.test(reply)) {
      assertThat(Instant.now()).as("waiting for /health/ready: " + reply.body()).isBefore(deadline);
      sleep();
      reply = api().get("/health/ready");
    }
    return reply;
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }

  private static int newestMigration() throws IOException {
    Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      return files
          .map(f -> version.matcher(f.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .max()
          .orElseThrow();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
