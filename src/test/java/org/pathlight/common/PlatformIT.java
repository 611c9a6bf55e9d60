package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Operations;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.RawHttp;
import org.pathlight.testing.TestEnvironment;

/** The platform every component stands on: schema, errors, headers, health, supporters. */
@PathlightIT
class PlatformIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api api() {
    return new Api(base);
  }

  private Api admin() {
    return Api.sharedAdmin(base);
  }

  // --- schema -----------------------------------------------------------------------------

  @Test
  void migrationsBuildTheWholeSchemaOnAnEmptyDatabase() throws SQLException {
    TestEnvironment env = TestEnvironment.get();
    String url = env.createEmptyDatabase("pathlight_empty_" + System.nanoTime());
    var result =
        Flyway.configure()
            .dataSource(url, env.dbUser(), env.dbPassword())
            .locations("classpath:db/migration")
            .load()
            .migrate();
    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
    try (Connection c = java.sql.DriverManager.getConnection(url, env.dbUser(), env.dbPassword());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select table_name from information_schema.tables where table_schema = 'public'")) {
      Set<String> tables = new java.util.HashSet<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      assertThat(tables)
          .contains(
              "supporter",
              "staff_account",
              "staff_session",
              "staff_api_token",
              "audit_event",
              "outbox_message",
              "rate_limit_window",
              "revoked_token");
    }
  }

  @Test
  void readinessReportsTheMigratedSchema() {
    Api.Reply ready = api().get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\"", "\"UP\"", "schemaVersion");
    assertThat(api().get("/health/live").status()).isEqualTo(200);
  }

  @Test
  void openApiDescribesTheApi() {
    Api.Reply openapi = api().get("/openapi", "Accept", "application/json");
    assertThat(openapi.status()).as(openapi.body()).isEqualTo(200);
    assertThat(openapi.body()).contains("/api/staff/session", "/api/supporters");
  }

  @Test
  void theServedOpenApiDocumentPassesAStrictValidator() {
    Api.Reply served = api().get("/openapi.yaml", "Accept", "application/yaml");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.contentType()).startsWith("application/yaml");
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getPaths())
        .containsKeys("/api/staff/session", "/api/supporters", "/api/campaigns/{slug}/letters");
    assertThat(parsed.getOpenAPI().getExtensions()).isNull();
  }

  // --- errors are problem documents --------------------------------------------------------

  @Test
  void validationErrorsNameEachField() {
    Api.Reply reply = api().post("/api/staff/session", "{\"email\": \"\"}");
    assertProblem(reply, 400, "validation");
    List<String> fields =
        reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("field"))
            .toList();
    assertThat(fields).containsExactlyInAnyOrder("email", "password");
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertProblem(
        api().post("/api/staff/session", "{\"email\": \"a@b.c\","), 400, "malformed-json");
    assertProblem(api().post("/api/staff/session", "[1, 2]"), 400, "malformed-json");
  }

  @Test
  void aWrongValueTypeIsABadRequest() {
    Api admin = admin();
    assertProblem(
        admin.post("/api/staff/tokens", "{\"name\": {\"nested\": true}}"), 400, "malformed-json");
  }

  @Test
  void unknownFieldsAreRefusedSoTyposAreNotSilentlyDropped() {
    Api.Reply reply =
        api().post("/api/staff/session", json("email", "a@b.c", "password", "x", "pasword", "y"));
    assertProblem(reply, 400, "unknown-field");
    assertThat(reply.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("pasword");
  }

  @Test
  void aMissingBodyIsABadRequest() {
    assertProblem(
        api().send("POST", "/api/staff/session", "application/json", null), 400, "missing-body");
  }

  @Test
  void aWrongContentTypeIs415() {
    Api.Reply reply = api().send("POST", "/api/staff/session", "text/plain", "email=a");
    assertProblem(reply, 415, "unsupported-media-type");
  }

  @Test
  void anUnknownPathIs404ForTheApiAndForPages() {
    assertProblem(api().get("/api/no-such-thing"), 404, "not-found");
    assertProblem(api().get("/no-such-page"), 404, "not-found");
    Api.Reply page = api().get("/no-such-page", "Accept", "text/html");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.body()).contains("Not found", "1-888-373-7888");
  }

  @Test
  void aWrongMethodIs405WithAllow() {
    Api.Reply reply = api().send("PUT", "/api/staff/session", "application/json", "{}");
    assertProblem(reply, 405, "method-not-allowed");
    assertThat(reply.header("Allow")).contains("POST");
  }

  @Test
  void anOversizedBodyIs413WhetherDeclaredOrStreamed() {
    String big = "{\"email\": \"" + "a".repeat(70_000) + "\", \"password\": \"x\"}";
    assertProblem(api().post("/api/staff/session", big), 413, "body-too-large");
    assertProblem(
        api().sendChunked("POST", "/api/staff/session", "application/json", big.getBytes()),
        413,
        "body-too-large");
  }

  @Test
  void anUnexpectedFailureIs500WithAnIdThatIsInTheLog() {
    Api.Reply reply = api().get("/api/test-support/boom");
    assertProblem(reply, 500, "internal");
    String errorId = reply.json().getString("errorId");
    assertThat(reply.body()).contains(errorId).doesNotContain("hunter2", "IllegalState");
    assertThat(api().get("/api/test-support/log?contains=" + errorId).json().getBoolean("found"))
        .isTrue();
  }

  // --- hostile input: every operation, one place -----------------------------------------

  @Test
  void aControlCharacterInAnyQueryOrPathParameterIsA400NamingIt() {
    List<String> wrong = new ArrayList<>();
    for (Api caller : List.of(api(), admin())) {
      for (Operations.Operation op : Operations.documented()) {
        String param = op.queryParameters().isEmpty() ? "probe" : op.queryParameters().get(0);
        expectInvalid(wrong, op, caller, op.pathWith("1") + "?" + param + "=a%00b", param);
        if (op.hasPathParameters()) {
          expectInvalid(wrong, op, caller, op.pathWith("a%01b"), "path");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static void expectInvalid(
      List<String> wrong, Operations.Operation op, Api caller, String path, String field) {
    Api.Reply reply =
        caller.send(
            op.method(),
            path,
            op.sendsBody() ? "application/json" : null,
            op.sendsBody() ? "{}" : null);
    if (reply.status() != 400
        || !String.valueOf(reply.contentType()).startsWith("application/problem+json")
        || !reply.body().contains("\"field\":\"" + field + "\"")
        || reply.header("Content-Security-Policy") == null) {
      wrong.add(op + " " + path + " -> " + reply.status() + " " + reply.body());
    }
  }

  @Test
  void aControlCharacterAnywhereInAnyJsonBodyIsA400NamingTheField() {
    Set<String> strict = Operations.takingJsonBodies();
    Set<String> reading = Operations.takingBodies();
    Set<String> documented =
        Operations.documented().stream().map(Object::toString).collect(Collectors.toSet());
    assertThat(documented).containsAll(strict);
    assertThat(strict).contains("POST /api/staff/session", "POST /api/campaigns/{slug}/letters");
    List<String> wrong = new ArrayList<>();
    for (Api caller : List.of(api(), admin())) {
      boolean anonymous = caller != admin();
      for (Operations.Operation op : Operations.documented()) {
        if (!op.sendsBody()) {
          continue;
        }
        String path = op.pathWith("1");
        Api.Reply nul =
            caller.send(op.method(), path, "application/json", "{\"probe\": \"a\\u0000b\"}");
        Api.Reply trailing = caller.send(op.method(), path, "application/json", "{} xyz");
        if (anonymous && nul.status() == 401 && isProblem(nul) && trailing.status() == 401) {
          continue; // a staff call: sign-in comes first, and reads no body
        }
        if (!strict.contains(op.toString())) {
          // not a JSON call (a webhook, a file import): still a problem, never a 500; a call that
          // reads no body at all (an unlock, a publish) may do its work and ignore it
          boolean readsBody = reading.contains(op.toString());
          for (Api.Reply r : List.of(nul, trailing)) {
            boolean ignored = !readsBody && r.status() < 400;
            if (!ignored && (r.status() < 400 || r.status() >= 500 || !isProblem(r))) {
              wrong.add(op + " -> " + r.status() + " " + r.body());
            }
          }
          continue;
        }
        if (nul.status() != 400
            || !isProblem(nul)
            || !nul.body().contains("\"type\":\"/problems/validation\"")
            || !nul.body().contains("\"field\":\"probe\"")) {
          wrong.add(op + " NUL -> " + nul.status() + " " + nul.body());
        }
        if (trailing.status() != 400 || !trailing.body().contains("/problems/malformed-json")) {
          wrong.add(op + " trailing -> " + trailing.status() + " " + trailing.body());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static boolean isProblem(Api.Reply reply) {
    return String.valueOf(reply.contentType()).startsWith("application/problem+json")
        && !reply.body().contains("Exception");
  }

  @Test
  void aNulInARealFieldIsRefusedAndWritesNothing() throws SQLException {
    String email = "nul" + System.nanoTime() + "@example.org";
    JsonObject problem =
        assertProblem(
            api()
                .post(
                    "/api/volunteers",
                    "{\"email\": \""
                        + email
                        + "\", \"firstName\": \"A\\u0000\","
                        + " \"lastName\": \"B\", \"birthDate\": \"1990-01-01\","
                        + " \"agreesToConfidentiality\": true}"),
            400,
            "validation");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("firstName");
    assertProblem(
        admin()
            .post("/api/supporters", "{\"email\": \"" + email + "\", \"lastName\": \"\\u0000\"}"),
        400,
        "validation");
    assertProblem(admin().get("/api/supporters?q=%00"), 400, "validation");
    assertThat(count("select count(*) from supporter where email = '" + email + "'")).isZero();
  }

  @Test
  void wrongJsonTypesAreRefusedNamingTheFieldNotCoerced() throws SQLException {
    Api admin = admin();
    long shifts = count("select count(*) from shift");
    Map<String, String[]> cases = new java.util.LinkedHashMap<>();
    cases.put(
        "capacity",
        new String[] {
          "/api/shifts",
          "{\"roleCode\": \"x\", \"startsAt\": \"2030-01-01T10:00Z\", \"endsAt\":"
              + " \"2030-01-01T12:00Z\", \"capacity\": 4294967298, \"publicLocation\": \"Hall\"}"
        });
    cases.put(
        "amount",
        new String[] {
          "/api/donations/offline",
          "{\"email\": \"a@example.org\", \"source\": \"cash\", \"amount\": \"12\","
              + " \"currency\": \"usd\", \"receivedOn\": \"2026-01-01\"}"
        });
    cases.put("email", new String[] {"/api/staff/session", "{\"email\": 12, \"password\": \"x\"}"});
    cases.put(
        "password",
        new String[] {"/api/staff/session", "{\"email\": \"a@b.c\", \"password\": true}"});
    cases.put(
        "agreesToConfidentiality",
        new String[] {"/api/volunteers", "{\"agreesToConfidentiality\": \"true\"}"});
    cases.put(
        "requirements.minAge",
        new String[] {
          "/api/roles",
          "{\"code\": \"x\", \"name\": \"X\", \"survivorFacing\": false,"
              + " \"requirements\": {\"minAge\": 2.5}}"
        });
    cases.put("optIn", new String[] {"/api/campaigns/x/letters", "{\"optIn\": \"yes\"}"});
    cases.put("minutes", new String[] {"/api/shifts/1/checkins", "{\"minutes\": [1]}"});
    cases.forEach(
        (field, call) -> {
          JsonObject problem = assertProblem(admin.post(call[0], call[1]), 400, "malformed-json");
          assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field"))
              .as(call[0])
              .isEqualTo(field);
        });
    JsonObject nullInList =
        assertProblem(
            admin.post(
                "/api/campaigns",
                "{\"slug\": \"nulls\", \"title\": \"T\", \"targets\": [\"senate\", null]}"),
            400,
            "validation");
    assertThat(nullInList.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("targets[1]");
    assertThat(count("select count(*) from shift")).isEqualTo(shifts);
    assertThat(count("select count(*) from campaign where slug = 'nulls'")).isZero();
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void theGeneratedWadlIsNotServed() {
    assertProblem(api().get("/api/application.wadl"), 404, "not-found");
    assertProblem(api().get("/api/application.wadl?detail=true"), 404, "not-found");
  }

  // --- headers ----------------------------------------------------------------------------

  @Test
  void everyResponseCarriesSecurityHeaders() {
    for (String path : List.of("/", "/staff/", "/api/no-such-thing", "/assets/site.css")) {
      Api.Reply reply = api().get(path, "Accept", "*/*");
      assertThat(reply.header("Content-Security-Policy"))
          .as(path)
          .contains("frame-ancestors 'none'", "script-src 'self'")
          .doesNotContain("unsafe-inline");
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
      // served over plain http here: no HSTS
      assertThat(reply.header("Strict-Transport-Security")).isNull();
    }
  }

  // --- the HTTP layer ---------------------------------------------------------------------

  private RawHttp.Answer raw(String requestLine, String... headerLines) {
    return RawHttp.send(
        base,
        requestLine
            + "\r\n"
            + String.join("", Arrays.stream(headerLines).map(h -> h + "\r\n").toList())
            + "Accept: application/json\r\nConnection: close\r\n\r\n");
  }

  @Test
  void anUnknownMethodIsAProblemWithTheSecurityHeaders() {
    for (String path : List.of("/", "/assets/site.css", "/no-such-page")) {
      RawHttp.Answer answer = raw("FOO " + path + " HTTP/1.1", "Host: localhost");
      assertThat(answer.status()).as(path).isEqualTo(501);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.body())
          .contains("\"type\":\"/problems/not-implemented\"", "\"status\":501")
          .doesNotContainIgnoringCase("payara")
          .doesNotContain("<html");
      assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
    RawHttp.Answer api = raw("FOO /api/giving HTTP/1.1", "Host: localhost");
    assertThat(api.status()).isEqualTo(405);
    assertThat(api.body()).contains("/problems/method-not-allowed");
    assertThat(api.header("Content-Security-Policy")).isNotNull();
  }

  @Test
  void aHostileHostHeaderIsA400Problem() {
    for (String host : List.of("bad host", "evil.example/phish", "x\"><script>")) {
      RawHttp.Answer answer = raw("GET /api/giving HTTP/1.1", "Host: " + host);
      assertThat(answer.status()).as(host).isEqualTo(400);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
      assertThat(answer.body()).contains("\"field\":\"Host\"");
      assertThat(answer.header("Content-Security-Policy")).isNotNull();
    }
  }

  @Test
  void noAnswerNamesTheServerProduct() {
    assertThat(api().get("/api/giving").header("Server")).isNull();
    assertThat(api().get("/api/giving").header("X-Powered-By")).isNull();
    assertThat(api().get("/no-such-page", "Accept", "text/html").header("Server")).isNull();
  }

  /**
   * What Grizzly refuses while parsing, before any servlet or filter runs (so no error page and no
   * filter can reach it): the answer is bare, but it names no product and leaks nothing.
   */
  @Test
  void theHttpParsersOwnRefusalsNameNoProductAndLeakNothing() {
    Map<String, RawHttp.Answer> refusals = new java.util.LinkedHashMap<>();
    refusals.put(
        "header too large",
        raw("GET / HTTP/1.1", "Host: localhost", "X-Big: " + "a".repeat(20_000)));
    refusals.put(
        "request line too long", raw("GET /" + "a".repeat(9_000) + " HTTP/1.1", "Host: localhost"));
    refusals.put("no Host", raw("GET /api/giving HTTP/1.1"));
    refusals.put("unknown HTTP version", raw("GET /api/giving HTTP/3.7", "Host: localhost"));
    refusals.put("dot segments", raw("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "Host: localhost"));
    refusals.put("NUL in the path", raw("GET /api/campaigns/a%00b HTTP/1.1", "Host: localhost"));
    refusals.put(
        "body on a GET",
        RawHttp.send(
            base,
            "GET /api/giving HTTP/1.1\r\nHost: localhost\r\nContent-Length: 7\r\n"
                + "Connection: close\r\n\r\n{\"a\":1}"));
    refusals.forEach(
        (what, answer) -> {
          assertThat(answer.status()).as(what).isBetween(400, 505);
          assertThat(answer.header("Server")).as(what).isNull();
          assertThat(answer.header("X-Powered-By")).as(what).isNull();
          assertThat(answer.body())
              .as(what)
              .doesNotContainIgnoringCase("payara")
              .doesNotContain("Exception", "\tat ");
        });
  }

  @Test
  void theHomePageShowsTheOrganisationAndTheHotline() {
    Api.Reply home = api().get("/", "Accept", "text/html");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body())
        .contains("Safe Harbor Test Org", "1-888-373-7888", "233733", "tel:18883737888")
        .doesNotContain("<script>", "http://", "https://");
  }

  // --- rate limiting ----------------------------------------------------------------------

  @Test
  void aRateLimitAnswers429WithRetryAfterOncePassed() {
    String bucket = "it-" + System.nanoTime();
    for (int i = 0; i < 3; i++) {
      assertThat(
              api()
                  .post("/api/test-support/rate-limit?bucket=" + bucket + "&hits=3", "{}")
                  .status())
          .isEqualTo(204);
    }
    Api.Reply limited =
        api().post("/api/test-support/rate-limit?bucket=" + bucket + "&hits=3", "{}");
    assertProblem(limited, 429, "rate-limited");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
  }

  // --- signed links ---------------------------------------------------------------------

  @Test
  void signedLinksAreRevokedOneByOne() {
    String older =
        api()
            .post("/api/test-support/tokens?purpose=manage&subject=supporter:9", "{}")
            .json()
            .getString("token");
    String newer =
        api()
            .post("/api/test-support/tokens?purpose=manage&subject=supporter:9", "{}")
            .json()
            .getString("token");
    assertThat(valid(older, "manage")).as("an older link still works").isTrue();
    assertThat(valid(newer, "manage")).isTrue();
    assertThat(valid(newer, "calendar")).as("bound to its purpose").isFalse();
    api().post("/api/test-support/tokens/revoke?purpose=manage&token=" + older, "{}");
    assertThat(valid(older, "manage")).isFalse();
    assertThat(valid(newer, "manage")).isTrue();
  }

  private boolean valid(String token, String purpose) {
    return api()
        .get("/api/test-support/tokens/verify?purpose=" + purpose + "&token=" + token)
        .json()
        .getBoolean("valid");
  }

  // --- supporters -------------------------------------------------------------------------

  @Test
  void concurrentCreationOfOneEmailYieldsOnePerson() throws Exception {
    Api admin = admin();
    String local = "racer" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Api.Reply>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String email = (i % 2 == 0 ? local : local.toUpperCase()) + "@Example.org";
        calls.add(() -> admin.post("/api/supporters", json("email", email, "firstName", "Ada")));
      }
      List<Api.Reply> replies = new ArrayList<>();
      for (Future<Api.Reply> f : pool.invokeAll(calls)) {
        replies.add(f.get());
      }
      assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 201));
      assertThat(replies.stream().filter(r -> r.status() == 201).count())
          .as("exactly one request created the person")
          .isEqualTo(1);
      Set<Long> ids =
          replies.stream()
              .map(r -> r.json().getJsonNumber("id").longValue())
              .collect(Collectors.toSet());
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from supporter where lower(email) = '"
                    + local
                    + "@example.org'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void aSupporterIsMatchedByEmailAndEditsAreAudited() {
    Api admin = admin();
    String email = "grace" + System.nanoTime() + "@example.org";
    JsonObject created =
        admin.post("/api/supporters", json("email", email, "firstName", "Grace")).json();
    long id = created.getJsonNumber("id").longValue();
    Api.Reply again =
        admin.post("/api/supporters", json("email", email.toUpperCase(), "lastName", "Hopper"));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("lastName")).isEqualTo("Hopper");
    assertThat(again.json().getString("firstName")).isEqualTo("Grace");

    Api.Reply edited =
        admin.patch(
            "/api/supporters/" + id,
            "{\"safeContact\": {\"discreetSender\": true, \"noPostalMail\": true,"
                + " \"doNotFeature\": false}}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().getJsonObject("safeContact").getBoolean("discreetSender")).isTrue();

    Api.Reply trail = admin.get("/api/audit?entityType=supporter&entityId=" + id);
    assertThat(trail.status()).isEqualTo(200);
    JsonObject entry = trail.array().getJsonObject(0);
    assertThat(entry.getString("action")).isEqualTo("supporter.updated");
    assertThat(entry.getString("actor")).isEqualTo("staff:" + TestEnvironment.ADMIN_EMAIL);
    assertThat(entry.getString("before")).contains("\"discreetSender\": false");
    assertThat(entry.getString("after")).contains("\"discreetSender\": true");
  }

  @Test
  void badSupporterInputWritesNothing() throws SQLException {
    Api admin = admin();
    String email = "not-an-email-" + System.nanoTime();
    Api.Reply reply = admin.post("/api/supporters", json("email", email, "phone", "call me"));
    assertProblem(reply, 400, "validation");
    assertThat(reply.body()).contains("\"email\"", "\"phone\"");
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select count(*) from supporter where email = '" + email + "'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertProblem(admin.get("/api/supporters?limit=0"), 400, "validation");
    assertProblem(admin.get("/api/supporters/999999999"), 404, "not-found");
  }
}
