package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/** One-time giving through the built-in test processor, receipts, offline gifts, staff views. */
@PathlightIT
class GivingIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api api() {
    return new Api(base);
  }

  static String gift(String email, long amount, String fund, Object... extra) {
    var b =
        Json.createObjectBuilder()
            .add("amount", amount)
            .add("currency", "usd")
            .add("frequency", "once")
            .add("fundCode", fund)
            .add("email", email)
            .add("firstName", "Ada")
            .add("lastName", "Lovelace");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      Object v = extra[i + 1];
      if (v instanceof Boolean flag) {
        b.add((String) extra[i], flag);
      } else if (v instanceof jakarta.json.JsonValue j) {
        b.add((String) extra[i], j);
      } else {
        b.add((String) extra[i], String.valueOf(v));
      }
    }
    return b.build().toString();
  }

  /** Starts a gift and goes through the TEST checkout with the given outcome. */
  private JsonObject giveAndPay(String email, long amount, String outcome) {
    return status(throughTestCheckout(base, gift(email, amount, "safe-housing"), outcome));
  }

  /** Starts a gift (or plan) and goes through the TEST checkout with this outcome: its id. */
  static String throughTestCheckout(URL base, String body, String outcome) {
    Api.Reply started = new Api(base).post("/api/donations", body);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String checkout = started.json().getString("checkoutUrl");
    Api.Reply paid =
        new Api(base)
            .send(
                "POST",
                checkout.substring(checkout.indexOf("/give/test-checkout/")),
                "application/x-www-form-urlencoded",
                "outcome=" + outcome,
                "Accept",
                "text/html");
    assertThat(paid.status()).isIn(200, 302, 303);
    return started.json().getString("id");
  }

  private JsonObject status(String id) {
    return api().get("/api/donations/" + id + "/status").json();
  }

  private static int count(String sql) throws Exception {
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private JsonObject plan(String id) {
    return Api.sharedAdmin(base).get("/api/plans").array().getValuesAs(JsonObject.class).stream()
        .filter(p -> p.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aMonthlyGiftRunsItsWholeLifeOnTheTestProcessor() {
    String email = "testplan" + System.nanoTime() + "@example.org";
    Api.Reply started =
        api()
            .post(
                "/api/donations",
                gift(email, 2000, "counseling").replace("\"once\"", "\"monthly\""));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().getString("id");
    assertThat(started.json().getBoolean("test")).isTrue();
    String checkout = started.json().getString("checkoutUrl");
    Api.Reply paid =
        api()
            .send(
                "POST",
                checkout.substring(checkout.indexOf("/give/test-checkout/")),
                "application/x-www-form-urlencoded",
                "outcome=succeeded",
                "Accept",
                "text/html");
    assertThat(paid.status()).isIn(200, 302, 303);
    assertThat(plan(id).getString("status")).isEqualTo("active");

    Api staff = Api.sharedAdmin(base);
    String bill = "/api/plans/" + id + "/test-instalment";
    assertThat(staff.post(bill, "{\"outcome\": \"succeed\"}").json().getString("status"))
        .isEqualTo("active");
    assertThat(staff.post(bill, "{\"outcome\": \"fail\"}").json().getString("status"))
        .isEqualTo("failing");
    assertThat(staff.post(bill, "{\"outcome\": \"fail\"}").json().getString("status"))
        .isEqualTo("failing");
    assertThat(staff.post(bill, "{\"outcome\": \"succeed\"}").json().getString("status"))
        .isEqualTo("active");
    assertProblem(staff.post(bill, "{\"outcome\": \"maybe\"}"), 400, "validation");

    var mail = Mailbox.await(email, 5, Duration.ofSeconds(30));
    assertThat(mail.stream().filter(m -> Mailbox.subject(m).contains("Thank you for your gift")))
        .hasSize(3);
    assertThat(mail.stream().filter(m -> Mailbox.subject(m).contains("did not go through")))
        .hasSize(1);
    JsonObject summary = staff.get("/api/plans/summary").json();
    assertThat(summary.getJsonNumber("recoveredInstalments").longValue()).isGreaterThanOrEqualTo(1);

    // the donor cancels from the link in the welcome email
    String token =
        Mailbox.link(
            mail.stream()
                .filter(m -> Mailbox.subject(m).contains("gift has started"))
                .findFirst()
                .orElseThrow(),
            java.util.regex.Pattern.compile("#token=(\\S+)"));
    Api.Reply canceled =
        api()
            .post(
                "/api/manage/" + token + "/plans/" + id,
                "{\"action\": \"cancel\", \"reason\": \"Testing\"}");
    assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
    assertThat(canceled.json().getString("status")).isEqualTo("canceled");
    assertProblem(staff.post(bill, "{\"outcome\": \"succeed\"}"), 409, "plan-not-billing");
  }

  @Test
  void fundsAndGivingSettingsArePublic() {
    Api.Reply funds = api().get("/api/funds");
    assertThat(funds.status()).isEqualTo(200);
    JsonObject housing =
        funds.array().getValuesAs(JsonObject.class).stream()
            .filter(f -> f.getString("code").equals("safe-housing"))
            .findFirst()
            .orElseThrow();
    assertThat(housing.getBoolean("restricted")).isTrue();
    assertThat(housing.getJsonArray("askAmounts").getJsonObject(0).getString("label"))
        .contains("one night of safe housing");
    JsonObject giving = api().get("/api/giving").json();
    assertThat(giving.getBoolean("test")).isTrue();
    assertThat(giving.getJsonNumber("minAmount").longValue()).isEqualTo(500);
  }

  @Test
  void aGiftThroughTheTestCheckoutIsReceiptedByEmail() throws Exception {
    String email = Mailbox.unique("donor");
    Api.Reply started =
        api()
            .post(
                "/api/donations",
                gift(
                    email,
                    4500,
                    "safe-housing",
                    "coverFees",
                    true,
                    "newsletter",
                    true,
                    "tribute",
                    Json.createObjectBuilder()
                        .add("kind", "memory")
                        .add("name", "Grace Hopper")
                        .build()));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    JsonObject body = started.json();
    assertThat(body.getString("status")).isEqualTo("pending");
    assertThat(body.getBoolean("test")).isTrue();
    assertThat(body.getJsonNumber("fee").longValue()).isEqualTo(132); // (4500 + 30) / 0.978
    assertThat(body.getJsonNumber("amount").longValue()).isEqualTo(4632);
    String checkout = body.getString("checkoutUrl");
    String path = checkout.substring(checkout.indexOf("/give/test-checkout/"));
    Api.Reply page = api().get(path, "Accept", "text/html");
    assertThat(page.body()).contains("TEST PAYMENT PAGE", "$46.32", "Safe housing");

    Api.Reply paid =
        api()
            .send(
                "POST",
                path,
                "application/x-www-form-urlencoded",
                "outcome=succeeded",
                "Accept",
                "text/html");
    assertThat(paid.status()).isEqualTo(302);
    assertThat(paid.header("Location")).contains("/give/thanks?gift=" + body.getString("id"));
    // a double click changes nothing
    api()
        .send(
            "POST",
            path,
            "application/x-www-form-urlencoded",
            "outcome=succeeded",
            "Accept",
            "text/html");

    JsonObject status = status(body.getString("id"));
    assertThat(status.getString("status")).isEqualTo("succeeded");
    assertThat(status.getString("receiptNumber")).matches("\\d{4}-\\d{6}");

    List<MimeMessage> receipts = Mailbox.await(email, "[TEST]", 1, Duration.ofSeconds(20));
    // the newsletter box asks the donor to confirm; nothing is subscribed until they do
    Mailbox.await(
        email, "Please confirm your sign-up: Impact newsletter", 1, Duration.ofSeconds(20));
    Mailbox.sleep(1500);
    assertThat(Mailbox.to(email)).hasSize(2);
    assertThat(Mailbox.withSubject(email, "Please confirm your sign-up: Impact newsletter"))
        .hasSize(1);
    assertThat(
            TestEnvironment.count(
                "select count(*) from topic_subscription t join supporter s on s.id = t.supporter_id"
                    + " where s.email = ? and t.subscribed",
                email))
        .isZero();
    MimeMessage receipt = receipts.get(0);
    // a receipt is not bulk mail: no one-click unsubscribe
    assertThat(receipt.getHeader("List-Unsubscribe")).isNull();
    assertThat(receipt.getSubject())
        .startsWith("[TEST]")
        .contains(status.getString("receiptNumber"));
    String text = Mailbox.text(receipt);
    assertThat(text)
        .contains(
            "Safe Harbor Test Org",
            "EIN 12-3456789",
            "$46.32",
            "$1.32 you added to cover processing fees",
            "Safe housing",
            "in memory of Grace Hopper",
            "No goods or services were provided in exchange for this contribution.",
            status.getString("receiptNumber"),
            "TEST RECEIPT");
  }

  @Test
  void aDeclinedTestCardFailsTheGiftAndSendsNoReceipt() {
    String email = Mailbox.unique("declined");
    JsonObject status = giveAndPay(email, 2500, "declined");
    assertThat(status.getString("status")).isEqualTo("failed");
    Mailbox.sleep(1500);
    assertThat(Mailbox.to(email)).isEmpty();
  }

  @Test
  void badGiftsAreRefusedFieldByFieldAndWriteNothing() throws Exception {
    String email = Mailbox.unique("bad");
    assertThat(field(api().post("/api/donations", gift(email, 100, "safe-housing"))))
        .isEqualTo("amount");
    assertThat(field(api().post("/api/donations", gift(email, 999_999_999L, "safe-housing"))))
        .isEqualTo("amount");
    assertThat(field(api().post("/api/donations", gift(email, 4500, "no-such-fund"))))
        .isEqualTo("fundCode");
    assertThat(
            field(
                api()
                    .post(
                        "/api/donations",
                        gift(email, 4500, "safe-housing").replace("\"usd\"", "\"eur\""))))
        .isEqualTo("currency");
    assertThat(field(api().post("/api/donations", gift("not-an-email", 4500, "safe-housing"))))
        .isEqualTo("email");
    assertThat(
            field(
                api()
                    .post(
                        "/api/donations",
                        gift(email, 4500, "safe-housing").replace("\"Ada\"", "\"\""))))
        .isEqualTo("firstName");
    assertThat(
            field(
                api()
                    .post(
                        "/api/donations",
                        gift(
                            email,
                            4500,
                            "safe-housing",
                            "tribute",
                            Json.createObjectBuilder().add("kind", "honor").build()))))
        .isEqualTo("tribute.name");
    assertProblem(
        api()
            .post(
                "/api/donations",
                gift(email, 4500, "safe-housing").replace("\"once\"", "\"weekly\"")),
        400,
        "validation");
    assertProblem(
        api().post("/api/donations", gift(email, 4500, "safe-housing", "website", "http://spam")),
        400,
        "rejected");
    assertProblem(api().post("/api/donations", "{\"amount\": \"lots\"}"), 400, "malformed-json");
    assertThat(count("select count(*) from supporter where email = '" + email + "'")).isZero();
  }

  private static String field(Api.Reply reply) {
    JsonObject problem = assertProblem(reply, 400, "validation");
    return problem.getJsonArray("errors").getJsonObject(0).getString("field");
  }

  @Test
  void checkoutCreationIsRateLimitedPerEmail() {
    String email = Mailbox.unique("carder");
    for (int i = 0; i < 5; i++) {
      assertThat(api().post("/api/donations", gift(email, 500, "prevention")).status())
          .isEqualTo(201);
    }
    Api.Reply limited = api().post("/api/donations", gift(email, 500, "prevention"));
    assertProblem(limited, 429, "rate-limited");
    assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
  }

  @Test
  void aRepeatedIdempotencyKeyReturnsTheSameGift() throws Exception {
    String email = Mailbox.unique("doubleclick");
    String key = "key-" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Api.Reply>> clicks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        clicks.add(
            () ->
                api()
                    .post(
                        "/api/donations", gift(email, 2500, "counseling"), "Idempotency-Key", key));
      }
      Set<String> ids = new TreeSet<>();
      Set<String> checkouts = new TreeSet<>();
      for (Future<Api.Reply> f : pool.invokeAll(clicks)) {
        assertThat(f.get().status()).as(f.get().body()).isEqualTo(201);
        ids.add(f.get().json().getString("id"));
        assertThat(f.get().json().containsKey("checkoutUrl")).as(f.get().body()).isTrue();
        assertThat(f.get().json().isNull("checkoutUrl")).as(f.get().body()).isFalse();
        checkouts.add(f.get().json().getString("checkoutUrl"));
      }
      assertThat(ids).hasSize(1);
      assertThat(checkouts).as("every answer carries the one checkout").hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    // the same key with another body is another request's key: refused, nothing written
    assertProblem(
        api().post("/api/donations", gift(email, 9900, "counseling"), "Idempotency-Key", key),
        422,
        "idempotency-key-reused");
    assertProblem(
        api()
            .post(
                "/api/donations",
                gift(Mailbox.unique("otherclick"), 2500, "counseling")
                    .replace("\"once\"", "\"monthly\""),
                "Idempotency-Key",
                key),
        422,
        "idempotency-key-reused");
    assertThat(
            count(
                "select count(*) from gift g join supporter s on s.id = g.supporter_id where s.email = '"
                    + email
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void fiftyConcurrentSuccessesNeverShareAReceiptNumber() throws Exception {
    List<String> checkouts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      JsonObject started =
          api().post("/api/donations", gift(Mailbox.unique("many" + i), 1000, "legal-aid")).json();
      String url = started.getString("checkoutUrl");
      checkouts.add(url.substring(url.indexOf("/give/test-checkout/")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<String> numbers = new ArrayList<>();
    try {
      List<Callable<Api.Reply>> pays = new ArrayList<>();
      for (String path : checkouts) {
        pays.add(
            () ->
                api()
                    .send(
                        "POST",
                        path,
                        "application/x-www-form-urlencoded",
                        "outcome=succeeded",
                        "Accept",
                        "text/html"));
      }
      for (Future<Api.Reply> f : pool.invokeAll(pays)) {
        String location = f.get().header("Location");
        assertThat(location).as(f.get().body()).isNotNull();
        numbers.add(
            status(location.substring(location.indexOf("gift=") + 5)).getString("receiptNumber"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(new TreeSet<>(numbers)).hasSize(50);
    List<Integer> sequence =
        numbers.stream().map(n -> Integer.parseInt(n.substring(5))).sorted().toList();
    assertThat(sequence.get(49) - sequence.get(0)).as("no gaps among them").isEqualTo(49);
  }

  @Test
  void offlineGiftsAreReceiptedWithTheRightWording() throws Exception {
    Api staff = Api.sharedAdmin(base);
    String checkDonor = Mailbox.unique("check");
    Api.Reply check =
        staff.post(
            "/api/donations/offline",
            json(
                "email",
                checkDonor,
                "firstName",
                "Chuck",
                "lastName",
                "Check",
                "source",
                "check",
                "amount",
                20000,
                "currency",
                "usd",
                "fundCode",
                "legal-aid",
                "receivedOn",
                "2026-11-02",
                "reference",
                "check #1042"));
    assertThat(check.status()).as(check.body()).isEqualTo(201);
    assertThat(check.json().getString("status")).isEqualTo("succeeded");
    assertThat(Mailbox.text(Mailbox.await(checkDonor, 1, Duration.ofSeconds(20)).get(0)))
        .contains("by check", "$200.00", "November 2, 2026", "No goods or services were provided");

    String gala = Mailbox.unique("gala");
    staff.post(
        "/api/donations/offline",
        json(
            "email",
            gala,
            "source",
            "cash",
            "amount",
            15000,
            "currency",
            "usd",
            "receivedOn",
            "2026-11-03",
            "benefitValue",
            6000));
    assertThat(Mailbox.text(Mailbox.await(gala, 1, Duration.ofSeconds(20)).get(0)))
        .contains(
            "estimated fair market value of $60.00",
            "tax-deductible part of your contribution is $90.00");

    String daf = Mailbox.unique("daf");
    staff.post(
        "/api/donations/offline",
        json(
            "email",
            daf,
            "source",
            "daf",
            "amount",
            100000,
            "currency",
            "usd",
            "receivedOn",
            "2026-11-04"));
    assertThat(Mailbox.text(Mailbox.await(daf, 1, Duration.ofSeconds(20)).get(0)))
        .contains("donor-advised fund", "not a receipt for a personal tax deduction")
        .contains("You may not deduct this grant", "contributed to the fund")
        .doesNotContain("already received any tax deduction");

    String kind = Mailbox.unique("inkind");
    Api.Reply inKind =
        staff.post(
            "/api/donations/offline",
            json(
                "email",
                kind,
                "source",
                "in_kind",
                "amount",
                0,
                "currency",
                "usd",
                "receivedOn",
                "2026-11-05",
                "inKindDescription",
                "40 winter coats"));
    assertThat(inKind.status()).as(inKind.body()).isEqualTo(201);
    assertThat(Mailbox.text(Mailbox.await(kind, 1, Duration.ofSeconds(20)).get(0)))
        .contains("We received: 40 winter coats", "We do not state a value")
        .contains("Gift in kind:    40 winter coats")
        .doesNotContain("$0.00", "Amount:");

    assertProblem(
        staff.post(
            "/api/donations/offline",
            json(
                "email",
                kind,
                "source",
                "in_kind",
                "amount",
                500,
                "currency",
                "usd",
                "receivedOn",
                "2026-11-05",
                "inKindDescription",
                "coats")),
        400,
        "validation");
    assertProblem(
        staff.post(
            "/api/donations/offline",
            json(
                "email",
                kind,
                "source",
                "cash",
                "amount",
                500,
                "currency",
                "usd",
                "receivedOn",
                "yesterday")),
        400,
        "validation");
    assertThat(staff.get("/api/audit?entityType=gift").body())
        .contains("gift.recorded", "check #1042");
  }

  private Api.Reply offline(String email, Object... fields) {
    List<Object> pairs = new ArrayList<>(List.of("email", email));
    pairs.addAll(List.of(fields));
    return Api.sharedAdmin(base).post("/api/donations/offline", json(pairs.toArray()));
  }

  private static List<String> fieldsOf(Api.Reply reply) {
    assertProblem(reply, 400, "validation");
    return reply.json().getJsonArray("errors").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getString("field"))
        .toList();
  }

  @Test
  void badOfflineGiftsAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
    String email = Mailbox.unique("badoffline");
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago"));
    String yesterday = today.minusDays(1).toString();
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "check",
                    "amount",
                    5000,
                    "currency",
                    "xyz",
                    "receivedOn",
                    yesterday)))
        .containsExactly("currency");
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "check",
                    "amount",
                    5000,
                    "currency",
                    "eur",
                    "receivedOn",
                    yesterday)))
        .containsExactly("currency");
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "cash",
                    "amount",
                    5000,
                    "currency",
                    "usd",
                    "receivedOn",
                    today.plusDays(2).toString())))
        .containsExactly("receivedOn");
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "cash",
                    "amount",
                    5000,
                    "currency",
                    "usd",
                    "receivedOn",
                    "1999-06-01")))
        .containsExactly("receivedOn");
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "check",
                    "amount",
                    100_000_001L,
                    "currency",
                    "usd",
                    "receivedOn",
                    yesterday)))
        .containsExactly("amount");
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "check",
                    "amount",
                    5_000_000_000_000_000_000L,
                    "currency",
                    "usd",
                    "receivedOn",
                    yesterday)))
        .containsExactly("amount");
    assertThat(
            fieldsOf(
                offline(
                    email,
                    "source",
                    "daf",
                    "amount",
                    100000,
                    "currency",
                    "usd",
                    "receivedOn",
                    yesterday,
                    "benefitValue",
                    2000)))
        .containsExactly("benefitValue");
    assertThat(
            count(
                "select count(*) from gift g join supporter s on s.id = g.supporter_id"
                    + " where s.email = '"
                    + email
                    + "'"))
        .isZero();
    // the largest gift allowed is receipted
    Api.Reply max =
        offline(
            email,
            "source",
            "check",
            "amount",
            100_000_000L,
            "currency",
            "usd",
            "receivedOn",
            yesterday);
    assertThat(max.status()).as(max.body()).isEqualTo(201);
  }

  @Test
  void everyDoorRefusesACurrencyTheOrganisationDoesNotAccept() {
    Api.Reply yen =
        api()
            .post(
                "/api/donations",
                gift(Mailbox.unique("yen"), 5000, "counseling").replace("\"usd\"", "\"jpy\""));
    assertProblem(yen, 400, "validation");
    assertThat(yen.body()).contains("currency");
    Api.Reply yenMonthly =
        api()
            .post(
                "/api/donations",
                gift(Mailbox.unique("yenm"), 5000, "counseling")
                    .replace("\"usd\"", "\"jpy\"")
                    .replace("\"once\"", "\"monthly\""));
    assertProblem(yenMonthly, 400, "validation");
    Api.Reply fund =
        Api.sharedAdmin(base)
            .post(
                "/api/funds",
                "{\"code\": \"yen-fund-"
                    + (System.nanoTime() % 100000)
                    + "\", \"name\": \"Yen\", \"restricted\": false, \"askAmounts\":"
                    + " [{\"amount\": 500, \"currency\": \"jpy\", \"label\": \"500 yen\"}]}");
    assertProblem(fund, 400, "validation");
    assertThat(fund.body()).contains("askAmounts[0].currency");
  }

  @Test
  void aRecurringGiftKeepsAnonymityAndTheTributeOnEveryInstalment() {
    String email = "tribute" + System.nanoTime() + "@example.org";
    Api.Reply started =
        api()
            .post(
                "/api/donations",
                gift(
                        email,
                        3000,
                        "counseling",
                        "anonymous",
                        true,
                        "tribute",
                        Json.createObjectBuilder()
                            .add("kind", "memory")
                            .add("name", "Grace Hopper")
                            .build())
                    .replace("\"once\"", "\"monthly\""));
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String checkout = started.json().getString("checkoutUrl");
    Api.Reply paid =
        api()
            .send(
                "POST",
                checkout.substring(checkout.indexOf("/give/test-checkout/")),
                "application/x-www-form-urlencoded",
                "outcome=succeeded",
                "Accept",
                "text/html");
    assertThat(paid.status()).as(paid.body()).isIn(200, 302, 303);
    assertThat(plan(started.json().getString("id")).getString("status")).isEqualTo("active");
    Api staff = Api.sharedAdmin(base);
    Api.Reply second =
        staff.post(
            "/api/plans/" + started.json().getString("id") + "/test-instalment",
            "{\"outcome\": \"succeed\"}");
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    Api.Reply listed = staff.get("/api/donations?q=" + email);
    List<JsonObject> gifts = listed.array().getValuesAs(JsonObject.class);
    assertThat(gifts).as(listed.body()).hasSize(2).allMatch(g -> g.getBoolean("anonymous"));
    for (JsonObject row : gifts) {
      JsonObject gift =
          staff.get("/api/donations/" + row.getString("id")).json().getJsonObject("gift");
      assertThat(gift.getString("tributeKind")).isEqualTo("memory");
      assertThat(gift.getString("tributeName")).isEqualTo("Grace Hopper");
    }
    List<MimeMessage> receipts =
        Mailbox.await(email, 3, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.subject(m).contains("Thank you for your gift"))
            .toList();
    assertThat(receipts).hasSize(2);
    assertThat(receipts)
        .allSatisfy(
            m ->
                assertThat(Mailbox.text(m))
                    .contains("in memory of Grace Hopper", "You asked to give anonymously"));
  }

  @Test
  void giftsAreFilteredAndExportedByTheDateTheyWereReceived() {
    String email = Mailbox.unique("december");
    int lastYear = java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")).getYear() - 1;
    Api.Reply check =
        offline(
            email,
            "source",
            "check",
            "amount",
            7500,
            "currency",
            "usd",
            "receivedOn",
            lastYear + "-12-30");
    assertThat(check.status()).as(check.body()).isEqualTo(201);
    Api staff = Api.sharedAdmin(base);
    String q = "&q=" + email.substring(0, 16);
    assertThat(
            staff
                .get(
                    "/api/donations?from="
                        + lastYear
                        + "-01-01&to="
                        + (lastYear + 1)
                        + "-01-01"
                        + q)
                .array())
        .hasSize(1);
    assertThat(staff.get("/api/donations?from=" + (lastYear + 1) + "-01-01" + q).array()).isEmpty();
    String csv =
        staff
            .get(
                "/api/donations/export.csv?from="
                    + lastYear
                    + "-01-01&to="
                    + (lastYear + 1)
                    + "-01-01"
                    + q,
                "Accept",
                "text/csv")
            .body();
    assertThat(csv).startsWith("id,created_at,received_on,").contains(lastYear + "-12-30", "75.00");
  }

  @Test
  void staffListSearchExportAndDetail() throws Exception {
    String email = Mailbox.unique("listed");
    JsonObject paid = giveAndPay(email, 3000, "succeeded");
    Api staff = Api.sharedAdmin(base);
    Api.Reply list = staff.get("/api/donations?q=" + email.substring(0, 14) + "&status=succeeded");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.array()).hasSize(1);
    assertThat(list.array().getJsonObject(0).getString("donorEmail")).isEqualTo(email);

    Api.Reply detail = staff.get("/api/donations/" + paid.getString("id"));
    assertThat(detail.json().getJsonObject("gift").getString("status")).isEqualTo("succeeded");
    assertThat(detail.json().getJsonArray("events").getJsonObject(0).getString("type"))
        .isEqualTo("test.payment_succeeded");

    Api.Reply csv =
        staff.get("/api/donations/export.csv?q=" + email.substring(0, 14), "Accept", "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).startsWith("id,created_at").contains(email, "30.00");

    assertProblem(api().get("/api/donations"), 401, "unauthorized");
    assertProblem(staff.get("/api/donations?status=lost"), 400, "validation");
    assertProblem(staff.get("/api/donations/not-a-gift"), 404, "not-found");
  }

  @Test
  void aDiscreetDonorGetsANeutralSenderAndSubject() {
    String email = Mailbox.unique("discreet");
    Api staff = Api.sharedAdmin(base);
    long id =
        staff.post("/api/supporters", json("email", email)).json().getJsonNumber("id").longValue();
    staff.patch(
        "/api/supporters/" + id,
        "{\"safeContact\": {\"discreetSender\": true, \"noPostalMail\": false, \"doNotFeature\": true}}");
    giveAndPay(email, 2000, "succeeded");
    MimeMessage receipt = Mailbox.await(email, 1, Duration.ofSeconds(20)).get(0);
    assertThat(Mailbox.from(receipt)).contains("Notifications").doesNotContain("Safe Harbor");
    assertThat(Mailbox.subject(receipt)).contains("Your receipt").doesNotContain("Safe Harbor");
  }
}
