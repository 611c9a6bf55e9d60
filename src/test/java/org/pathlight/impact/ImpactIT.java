package org.pathlight.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * Impact end to end, five years ago (no other test gives or counts anything then): a fund and a
 * service type of its own, two restricted gifts and two unrestricted ones, six months of services
 * and spending at $50 a night, published quarters, and what each donor sees.
 *
 * <p>At $50 a night and 100 nights a month, January costs $5,000: the $3,000 gift (oldest) and
 * $2,000 of the $4,000 one. February takes the other $2,000 and leaves $3,000 to unrestricted
 * money; March to June are wholly unrestricted.
 */
@PathlightIT
class ImpactIT {

  private static final String FUND = "it-respite";
  private static final String TYPE = "it-respite-night";
  private static final String SMALL = "it-outreach-visit";

  /** Five years back: old enough to be published, young enough for offline gifts. */
  private static final int Y = LocalDate.now(ZoneId.of("America/Chicago")).getYear() - 5;

  private static final Pattern TOKEN = Pattern.compile("#token=([^\\s\"<&]+)");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private static final Map<String, String> DONORS = new TreeMap<>();
  private static final Map<String, String> EMAILS = new TreeMap<>();
  private static boolean attempted;

  private Api staff() {
    return Api.sharedAdmin(base);
  }

  private Api.Reply put(String path, String body) {
    return staff().send("PUT", path, "application/json", body);
  }

  private Api.Reply csv(String path, String body) {
    return staff().send("POST", path, "text/csv", body);
  }

  /** The fixture, once per run: the same data whatever order the tests run in. */
  @BeforeEach
  void fixture() {
    synchronized (DONORS) {
      if (attempted) {
        assertThat(DONORS).as("the fixture failed in an earlier test").hasSize(4);
        return;
      }
      attempted = true;
      assertThat(
              staff()
                  .post(
                      "/api/funds",
                      json(
                          "code",
                          FUND,
                          "name",
                          "Respite (test)",
                          "description",
                          "Respite nights",
                          "restricted",
                          true))
                  .status())
          .isEqualTo(201);
      for (String[] t :
          List.of(
              new String[] {TYPE, "Respite", "night of respite", "nights of respite", FUND},
              new String[] {SMALL, "Outreach", "outreach visit", "outreach visits", null})) {
        Api.Reply created =
            staff()
                .post(
                    "/api/impact/service-types",
                    Json.createObjectBuilder()
                        .add("code", t[0])
                        .add("program", "rescue")
                        .add("name", t[1])
                        .add("unit", t[2])
                        .add("unitPlural", t[3])
                        .add(
                            "funds",
                            t[4] == null
                                ? Json.createArrayBuilder()
                                : Json.createArrayBuilder().add(t[4]))
                        .build()
                        .toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
      }
      DONORS.put("A", give("A", 300_000, FUND, "" + (Y - 1) + "-12-01"));
      DONORS.put("B", give("B", 400_000, FUND, "" + (Y - 1) + "-12-15"));
      DONORS.put("C", give("C", 1_000_000, "where-most-needed", "" + Y + "-02-01"));
      DONORS.put("D", give("D", 500_000, "where-most-needed", "" + Y + "-03-01"));
      StringBuilder services = new StringBuilder("serviceType,month,count\n");
      StringBuilder spending = new StringBuilder("serviceType,month,amount,currency\n");
      for (int m = 1; m <= 6; m++) {
        services.append(TYPE).append("," + Y + "-0").append(m).append(",100\n");
        spending.append(TYPE).append("," + Y + "-0").append(m).append(",500000,usd\n");
        services.append(SMALL).append("," + Y + "-0").append(m).append(m == 1 ? ",3\n" : ",0\n");
        spending.append(SMALL).append("," + Y + "-0").append(m).append(",20000,usd\n");
      }
      Api.Reply imported = csv("/api/impact/services/import", services.toString());
      assertThat(imported.status()).as(imported.body()).isEqualTo(200);
      assertThat(imported.json().getInt("lines")).isEqualTo(12);
      assertThat(csv("/api/impact/spending/import", spending.toString()).status()).isEqualTo(200);
      Api.Reply released = staff().post("/api/impact/releases/" + Y + "-01", "");
      assertThat(released.status()).as(released.body()).isEqualTo(200);
      for (String q : List.of("" + Y + "-Q1", "" + Y + "-Q2")) {
        Api.Reply published = staff().post("/api/impact/publications", json("period", q));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
      }
    }
  }

  /** An offline check received on {@code day}; the donor's manage token from its receipt. */
  private String give(String who, long amount, String fund, String day) {
    String email = Mailbox.unique("impact-" + who);
    EMAILS.put(who, email);
    Api.Reply gift =
        staff()
            .post(
                "/api/donations/offline",
                json(
                    "email",
                    email,
                    "firstName",
                    "Donor",
                    "lastName",
                    who,
                    "source",
                    "check",
                    "amount",
                    amount,
                    "currency",
                    "usd",
                    "fundCode",
                    fund,
                    "receivedOn",
                    day,
                    "reference",
                    "impact-it-" + who));
    assertThat(gift.status()).as(gift.body()).isEqualTo(201);
    // a one-time donor asks for a link to their giving, as on the manage page
    assertThat(new Api(base).post("/api/manage/link", json("email", email)).status())
        .isEqualTo(202);
    return Mailbox.link(
        Mailbox.await(email, 2, Duration.ofSeconds(30)).stream()
            .filter(m -> Mailbox.text(m).contains("#token="))
            .findFirst()
            .orElseThrow(),
        TOKEN);
  }

  private JsonObject fund() {
    return staff().get("/api/impact/funds").array().getValuesAs(JsonObject.class).stream()
        .filter(f -> f.getString("fund").equals(FUND))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Long> releasedByMonth(JsonObject fund) {
    Map<String, Long> out = new TreeMap<>();
    for (JsonObject r : fund.getJsonArray("releases").getValuesAs(JsonObject.class)) {
      out.merge(
          r.getString("month"),
          r.getJsonObject("amount").getJsonNumber("amount").longValue(),
          Long::sum);
    }
    return out;
  }

  private JsonObject donor(String who) {
    Api.Reply reply = new Api(base).get("/api/manage/" + DONORS.get(who) + "/impact?year=" + Y);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static long units(JsonObject impact, String type) {
    return impact.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
        .filter(l -> l.getString("serviceType").equals(type))
        .mapToLong(l -> l.isNull("units") ? -1 : l.getJsonNumber("units").longValue())
        .sum();
  }

  @Test
  void oldestRestrictedGiftsAreReleasedFirstAndNeverBeyondWhatWasDelivered() throws Exception {
    JsonObject fund = fund();
    assertThat(fund.getJsonObject("received").getJsonNumber("amount").longValue())
        .as("$7,000 less what a refund test may have taken first")
        .isEqualTo(700_000 - refundedOfB());
    Map<String, Long> byMonth = releasedByMonth(fund);
    // a refund test may have run first; either way January is wholly released
    assertThat(byMonth.get("" + Y + "-01")).isEqualTo(500_000);
    assertThat(byMonth.keySet()).allMatch(m -> m.compareTo("" + Y + "-03") < 0);
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select g.reference, sum(r.amount) from fund_release r join gift g on g.id = r.gift_id"
                    + " where r.month = '"
                    + Y
                    + "-01' group by 1 order by 1")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("impact-it-A");
      assertThat(r.getLong(2)).isEqualTo(300_000);
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("impact-it-B");
      assertThat(r.getLong(2)).isEqualTo(200_000);
    }
    // a re-run with nothing changed changes nothing
    JsonObject before = fund();
    assertThat(staff().post("/api/impact/releases/" + Y + "-01", "").status()).isEqualTo(200);
    assertThat(fund().toString()).isEqualTo(before.toString());
  }

  @Test
  void aRefundReversesWhatTheGiftNoLongerHas() throws Exception {
    synchronized (DONORS) {
      try (Connection c = TestEnvironment.get().connect();
          Statement s = c.createStatement()) {
        // what a $1,000 refund of B's check leaves on the gift (the refund path itself is
        // covered in the donations tests)
        s.executeUpdate(
            "update gift set refunded_amount = 100000, status = 'partially_refunded'"
                + " where reference = 'impact-it-B'");
      }
      // the hourly job, run as its schedule would, notices and redoes the ledger
      Api.Reply run = new Api(base).post("/api/test-support/jobs/impact-releases/run", "");
      assertThat(run.status()).as(run.body()).isEqualTo(200);
      assertThat(run.json().getBoolean("failed")).isFalse();
      Map<String, Long> byMonth = releasedByMonth(fund());
      assertThat(byMonth)
          .containsEntry("" + Y + "-01", 500_000L)
          .containsEntry("" + Y + "-02", 100_000L);
      JsonObject fund = fund();
      assertThat(fund.getJsonObject("balance").getJsonNumber("amount").longValue()).isZero();
      assertThat(units(donor("B"), TYPE)).isEqualTo(60); // 40 + 20 nights
    }
  }

  @Test
  void donorsSeeWhatTheirGiftsFundedAndTogetherTheyAddUpToWhatGiftsFunded() throws Exception {
    synchronized (DONORS) {
      aRefundReversesWhatTheGiftNoLongerHasOnce();
      JsonObject a = donor("A");
      assertThat(a.getString("sentence"))
          .isEqualTo("In " + Y + " your gifts helped fund 60 nights of respite.");
      // unrestricted: $15,000 against what restricted money left uncovered: 480 nights
      // ($24,000) and January's 3 outreach visits ($200), so 480 x 15,000 / 24,200 = 297.52
      // nights, shared 2:1 between C and D (198.35 and 99.17: whole nights are shown)
      assertThat(units(donor("C"), TYPE)).isEqualTo(198);
      assertThat(units(donor("D"), TYPE)).isEqualTo(99);
      long total = 0;
      for (String who : DONORS.keySet()) {
        total += units(donor(who), TYPE);
      }
      assertThat(total)
          .as("every donor's whole nights add up to the 417.52 nights gifts funded, less rounding")
          .isEqualTo(417);
      // C's year-end statement says the same, after the tax summary and apart from it
      Api.Download pdf =
          new Api(base)
              .download(
                  "/api/manage/" + DONORS.get("C") + "/statements/" + Y + ".pdf",
                  "application/pdf");
      assertThat(pdf.status()).isEqualTo(200);
      String text = org.pathlight.testing.Pdfs.text(pdf.body()).replaceAll("\\s+", " ");
      assertThat(text)
          .contains("What your gifts helped fund", "198 nights of respite", "Total deductible");
      assertThat(text.indexOf("What your gifts helped fund"))
          .isGreaterThan(text.indexOf("Total deductible"));
      // the outreach visits had a quarter of 3: no donor sees a number for them
      JsonObject c = donor("C");
      assertThat(c.toString()).doesNotContain("\"units\":3,");
      assertThat(c.getJsonArray("lines").getValuesAs(JsonObject.class))
          .filteredOn(l -> l.getString("serviceType").equals(SMALL))
          .allSatisfy(l -> assertThat(l.isNull("units")).isTrue());
    }
  }

  private static long refundedOfB() {
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("select refunded_amount from gift where reference = 'impact-it-B'")) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  private void aRefundReversesWhatTheGiftNoLongerHasOnce() throws Exception {
    if (refundedOfB() == 0) {
      aRefundReversesWhatTheGiftNoLongerHas();
    }
  }

  @Test
  void thePublicSeesPublishedQuartersWithSmallCountsAndTheirComplementsHidden() {
    JsonObject report = new Api(base).get("/api/impact/public").json();
    assertThat(report.getInt("threshold")).isEqualTo(11);
    Map<String, JsonObject> q1 = new TreeMap<>();
    for (JsonObject p : report.getJsonArray("periods").getValuesAs(JsonObject.class)) {
      if (p.getString("period").equals("" + Y + "-Q1")) {
        p.getJsonArray("services")
            .getValuesAs(JsonObject.class)
            .forEach(s -> q1.put(s.getString("serviceType"), s));
      }
    }
    assertThat(q1.get(TYPE).getInt("count")).isEqualTo(300);
    assertThat(q1.get(SMALL).isNull("count")).isTrue();
    assertThat(q1.get(SMALL).getString("display")).isEqualTo("fewer than 11");
    assertThat(report.toString()).doesNotContain("\"count\":3,", "\"count\":3}");
    // the unit costs: $50 a night with its basis; the outreach units (3 + 0 ...) and the
    // spending that would give them back are not shown
    Map<String, JsonObject> costs = new TreeMap<>();
    new Api(base)
        .get("/api/impact/unit-costs")
        .array()
        .getValuesAs(JsonObject.class)
        .forEach(u -> costs.put(u.getString("serviceType"), u));
    assertThat(costs.get(TYPE).getJsonObject("unitCost").getInt("amount")).isEqualTo(5000);
    assertThat(costs.get(TYPE).getJsonObject("basis").getInt("units")).isEqualTo(600);
    assertThat(costs.get(TYPE).getJsonObject("basis").getString("text"))
        .isEqualTo(
            "$50.00 a night: $30,000.00 spent on 600 nights of respite, Jul "
                + (Y - 1)
                + " to Jun "
                + Y);
    JsonObject small = costs.get(SMALL).getJsonObject("basis");
    assertThat(small.get("units")).as(small.toString()).isEqualTo(jakarta.json.JsonValue.NULL);
    assertThat(small.get("spent")).as(small.toString()).isIn(null, jakarta.json.JsonValue.NULL);
    assertThat(small.getString("text"))
        .startsWith("$400.00 an outreach visit")
        .doesNotContain("$1,200");
  }

  @Test
  void thePublicImpactPageDrawsPublishedQuartersAndHidesSmallOnes() {
    Api.Reply page = new Api(base).get("/impact");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("<svg", "Respite", "fewer than 11", "$50.00 a night")
        .doesNotContain("<script src=\"http");
    // the outreach quarter of 3 has no bar of its own height: only the hatched stub
    assertThat(page.body()).contains("class=\"hidden-cell\"");
  }

  /**
   * In Chromium at 390 px: the staff grid shows an error beside a cell in plain words and saves a
   * good count; the public page draws the quarters; the donor's manage page says what their gifts
   * funded. Screenshots in target/screenshots.
   */
  @Test
  void staffEnterCountsOnTheGridAndDonorsAndThePublicSeeTheResult() throws Exception {
    org.openqa.selenium.chrome.ChromeDriver browser = org.pathlight.testing.Browser.start();
    try {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
      var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20));
      String root = base.toString().replaceFirst("/$", "");
      browser.get(root + "/staff/");
      browser.findElement(org.openqa.selenium.By.id("email")).sendKeys(TestEnvironment.ADMIN_EMAIL);
      browser
          .findElement(org.openqa.selenium.By.id("password"))
          .sendKeys(TestEnvironment.ADMIN_PASSWORD);
      browser
          .findElement(org.openqa.selenium.By.cssSelector("#signin button[type=submit]"))
          .click();
      wait.until(d -> d.findElement(org.openqa.selenium.By.id("staff-home")).isDisplayed());
      bindRespiteAsks();
      browser.get(root + "/staff/impact");
      wait.until(d -> d.findElement(org.openqa.selenium.By.id("staff-app")).isDisplayed());
      // the grid for the year of the fixture: its January respite count is there
      ((org.openqa.selenium.JavascriptExecutor) browser)
          .executeScript("document.getElementById('grid-to').value = arguments[0];", Y + "-12");
      browser.findElement(org.openqa.selenium.By.cssSelector("#grid-range button")).click();
      String cell = "#grid input[data-type='" + TYPE + "'][data-month='" + Y + "-11']";
      wait.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector(cell)).isEmpty());
      // the page's first load of the grid (this month) may replace it once more: type when it holds
      wait.until(
          d -> {
            try {
              var box = d.findElement(org.openqa.selenium.By.cssSelector(cell));
              box.clear();
              box.sendKeys("-3");
              return "-3".equals(box.getAttribute("value"));
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
              return false;
            }
          });
      browser.findElement(org.openqa.selenium.By.id("grid-save")).click();
      wait.until(
          d -> !d.findElements(org.openqa.selenium.By.cssSelector("#grid .field-error")).isEmpty());
      assertThat(
              browser
                  .findElement(org.openqa.selenium.By.cssSelector("#grid .field-error"))
                  .getText())
          .isEqualTo("must not be negative");
      org.pathlight.testing.Browser.screenshot(browser, "staff-impact-error-390");
      var input = browser.findElement(org.openqa.selenium.By.cssSelector(cell));
      input.clear();
      input.sendKeys("25");
      browser.findElement(org.openqa.selenium.By.id("grid-save")).click();
      wait.until(
          d ->
              d.findElement(org.openqa.selenium.By.id("grid-result"))
                  .getText()
                  .startsWith("1 saved"));
      assertThat(
              staff()
                  .get("/api/impact/services?from=" + Y + "-11&to=" + Y + "-11")
                  .json()
                  .toString())
          .contains("\"count\":25");
      // what donor C will see, previewed by staff, and the asks checked against the real cost
      browser.findElement(org.openqa.selenium.By.id("donor-email")).sendKeys(EMAILS.get("C"));
      var year = browser.findElement(org.openqa.selenium.By.id("donor-year"));
      year.clear();
      year.sendKeys(String.valueOf(Y));
      browser.findElement(org.openqa.selenium.By.cssSelector("#donor-form button")).click();
      wait.until(
          d ->
              d.findElement(org.openqa.selenium.By.id("donor-sentence"))
                  .getText()
                  .startsWith("In " + Y + " your gifts helped fund"));
      assertThat(browser.findElement(org.openqa.selenium.By.id("donor-lines")).getText())
          .contains("nights of respite");
      wait.until(
          d ->
              d.findElement(org.openqa.selenium.By.id("asks")).getText().contains("More than 10%"));
      org.pathlight.testing.Browser.screenshot(browser, "staff-impact-390");
      // staff let the written "$44 — one night" follow the cost: a bad count is refused beside it
      org.openqa.selenium.By respite =
          org.openqa.selenium.By.xpath(
              "//li[contains(@class,'ask-card')][h3[contains(.,'$44 — one night of respite')]]");
      var card = browser.findElement(respite);
      ((org.openqa.selenium.JavascriptExecutor) browser)
          .executeScript("arguments[0].scrollIntoView();", card);
      org.pathlight.testing.Browser.screenshot(browser, "staff-impact-asks-390");
      org.pathlight.testing.Browser.assertFitsWidth(browser);
      var howMany = card.findElement(org.openqa.selenium.By.cssSelector("input[type=number]"));
      howMany.clear();
      howMany.sendKeys("0");
      card.findElement(org.openqa.selenium.By.tagName("button")).click();
      wait.until(
          d ->
              d.findElement(respite)
                  .findElement(org.openqa.selenium.By.cssSelector(".field-error"))
                  .getText()
                  .equals("how many: must be at least 1"));
      howMany.clear();
      howMany.sendKeys("1");
      card.findElement(org.openqa.selenium.By.cssSelector("input[type=checkbox]")).click();
      card.findElement(org.openqa.selenium.By.tagName("button")).click();
      wait.until(
          d ->
              d.findElement(org.openqa.selenium.By.id("asks"))
                  .getText()
                  .contains("Respite (test): $50 — one night of respite"));
      // the public page
      browser.get(root + "/impact");
      assertThat(browser.findElement(org.openqa.selenium.By.tagName("main")).getText())
          .contains("Respite", "fewer than 11");
      org.pathlight.testing.Browser.assertFitsWidth(browser);
      org.pathlight.testing.Browser.screenshot(browser, "impact-390");
      // the donor's manage page
      browser.get(root + "/give/manage#token=" + DONORS.get("C"));
      wait.until(
          d -> d.findElement(org.openqa.selenium.By.id("impact")).getText().contains("In " + Y));
      assertThat(browser.findElement(org.openqa.selenium.By.id("impact")).getText())
          .contains("In " + Y + " your gifts helped fund");
      org.pathlight.testing.Browser.screenshot(browser, "manage-impact-390");
    } finally {
      browser.quit();
    }
  }

  /** The fund's asks as {@code /api/funds} gives them, public or (with checks) staff. */
  private List<JsonObject> asks(Api api, String query) {
    return api.get("/api/funds" + query).array().getValuesAs(JsonObject.class).stream()
        .filter(f -> f.getString("code").equals(FUND))
        .findFirst()
        .orElseThrow()
        .getJsonArray("askAmounts")
        .getValuesAs(JsonObject.class);
  }

  private static String fundWithAsks(String asks) {
    return "{\"code\":\""
        + FUND
        + "\",\"name\":\"Respite (test)\",\"description\":\"Respite nights\","
        + "\"restricted\":true,\"askAmounts\":["
        + asks
        + "]}";
  }

  /** The fund's two asks: "$44 — one night" as written, and "a week" following the cost. */
  private void bindRespiteAsks() {
    String written =
        "{\"amount\":4400,\"currency\":\"usd\",\"label\":\"$44 — one night of respite\","
            + "\"serviceType\":\""
            + TYPE
            + "\",\"units\":1}";
    String following =
        "{\"amount\":30000,\"currency\":\"usd\",\"label\":\"$300 — a week of respite\","
            + "\"serviceType\":\""
            + TYPE
            + "\",\"units\":7,\"followsCost\":true,\"roundTo\":500}";
    Api.Reply saved = put("/api/funds/" + FUND, fundWithAsks(written + "," + following));
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
  }

  /**
   * The published year to June costs $50 a night. A written "$44 — one night" is 12% under and is
   * flagged for staff; "a week" bound to 7 nights and following the cost in $5 steps reads $350.
   */
  @Test
  void askAmountsBoundToAServiceFollowItsPublishedCostAndStaffSeeTheirDrift() {
    bindRespiteAsks();

    List<JsonObject> donors = asks(new Api(base), "");
    assertThat(donors.get(0).getString("label")).isEqualTo("$44 — one night of respite");
    assertThat(donors.get(0).getJsonNumber("amount").longValue()).isEqualTo(4400);
    assertThat(donors.get(1).getString("label")).isEqualTo("$350 — 7 nights of respite");
    assertThat(donors.get(1).getJsonNumber("amount").longValue()).isEqualTo(35000);
    assertThat(donors).allSatisfy(a -> assertThat(a.containsKey("check")).isFalse());
    assertThat(new Api(base).get("/give").body()).contains("$350 — 7 nights of respite");

    List<JsonObject> staffSees = asks(staff(), "?all=true");
    JsonObject check = staffSees.get(0).getJsonObject("check");
    assertThat(check.getBoolean("warning")).isTrue();
    assertThat(check.getInt("driftPercent")).isEqualTo(-12);
    assertThat(check.getJsonNumber("realCost").longValue()).isEqualTo(5000);
    assertThat(check.getString("note"))
        .startsWith("More than 10% off: one night of respite costs $50.00")
        .contains("Jul " + (Y - 1) + " to Jun " + Y);
    JsonObject follows = staffSees.get(1).getJsonObject("check");
    assertThat(follows.getBoolean("warning")).isFalse();
    assertThat(follows.getJsonNumber("writtenAmount").longValue()).isEqualTo(30000);
    assertThat(follows.getString("writtenLabel")).isEqualTo("$300 — a week of respite");

    // bad bindings are refused, naming the field, and change nothing
    for (String[] bad :
        List.of(
            new String[] {"\"serviceType\":\"no-such-service\",\"units\":1", "serviceType"},
            new String[] {"\"serviceType\":\"" + TYPE + "\"", "units"},
            new String[] {"\"units\":2", "serviceType"},
            new String[] {"\"followsCost\":true", "followsCost"},
            new String[] {"\"serviceType\":\"" + TYPE + "\",\"units\":0", "units"},
            new String[] {
              "\"serviceType\":\"" + TYPE + "\",\"units\":1,\"roundTo\":7", "roundTo"
            })) {
      Api.Reply refused =
          put(
              "/api/funds/" + FUND,
              fundWithAsks(
                  "{\"amount\":4400,\"currency\":\"usd\",\"label\":\"x\"," + bad[0] + "}"));
      assertThat(refused.status()).as(bad[0] + " " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("askAmounts[0]." + bad[1]);
    }
    assertThat(asks(new Api(base), "").get(1).getString("label"))
        .isEqualTo("$350 — 7 nights of respite");
  }

  @Test
  void aQuarterCannotBePublishedBeforeTheLagHasPassed() {
    YearMonth now = YearMonth.now(ZoneId.of("America/Chicago"));
    String current = now.getYear() + "-Q" + ((now.getMonthValue() - 1) / 3 + 1);
    assertProblem(
        staff().post("/api/impact/publications", json("period", current)),
        409,
        "too-early-to-publish");
    assertProblem(
        staff().post("/api/impact/publications", json("period", "" + Y + "-Q7")),
        400,
        "validation");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndWritesNothing() {
    String path = "/api/impact/services/" + TYPE + "/" + Y + "-07";
    assertField(put(path, "{\"count\": 5, \"name\": \"Ada\"}"), "name");
    assertField(put(path, "{\"count\": -1}"), "count");
    assertField(put(path, "{\"count\": 2.5}"), "count");
    assertField(put(path, "{}"), "count");
    assertField(
        put("/api/impact/services/" + TYPE + "/" + Y + "-07-04", "{\"count\": 5}"), "month");
    LocalDate next = LocalDate.now(ZoneId.of("America/Chicago")).plusMonths(2);
    assertField(
        put("/api/impact/services/" + TYPE + "/" + YearMonth.from(next), "{\"count\": 5}"),
        "month");
    assertField(
        put("/api/impact/services/no-such-service/" + Y + "-07", "{\"count\": 5}"), "serviceType");
    // a CSV with a person in it, or one bad line, imports nothing and names the lines
    assertProblem(
        csv(
            "/api/impact/services/import",
            "serviceType,month,count,name\n" + TYPE + "," + Y + "-08,40,Ada\n"),
        400,
        "invalid-import");
    JsonObject bad =
        assertProblem(
            csv(
                "/api/impact/services/import",
                "serviceType,month,count\n"
                    + TYPE
                    + ","
                    + Y
                    + "-08,40\n"
                    + TYPE
                    + ","
                    + Y
                    + "-09,-2\n"
                    + TYPE
                    + ","
                    + Y
                    + "-10,ada@example.org\nnope,"
                    + Y
                    + "-10,4\n"),
            400,
            "invalid-import");
    assertThat(bad.getJsonArray("errors").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("field"))
        .containsExactly("line 3", "line 4", "line 5");
    JsonObject grid = staff().get("/api/impact/services?from=" + Y + "-07&to=" + Y + "-10").json();
    assertThat(grid.getJsonArray("cells")).isEmpty();
    // words that look like contact details are refused on service types
    assertField(
        staff()
            .post(
                "/api/impact/service-types",
                json(
                    "code",
                    "it-x",
                    "program",
                    "rescue",
                    "name",
                    "Call 555 0100",
                    "unit",
                    "call",
                    "unitPlural",
                    "calls")),
        "name");
    // only impact staff enter counts; nobody signed out does
    assertThat(new Api(base).send("PUT", path, "application/json", "{\"count\": 5}").status())
        .isEqualTo(401);
  }

  /** A 400 problem (validation, unknown field or malformed JSON) that names {@code field}. */
  /**
   * Runs take turns on an advisory lock (held here as another instance would): a staff re-release
   * meanwhile is a 409 that writes nothing, and a correction saved meanwhile does not wait.
   */
  @Test
  void aReleaseWhileAnotherRunsIsRefusedAndCorrectionsDoNotWaitForIt() throws Exception {
    try (Connection other = TestEnvironment.get().connect();
        Statement s = other.createStatement()) {
      s.execute("select pg_advisory_lock(" + 0x7061_7468_6c69_6768L + ")");
      try {
        assertProblem(
            staff().post("/api/impact/releases/" + Y + "-01", ""), 409, "release-running");
        Api.Reply saved = put("/api/impact/services/" + SMALL + "/" + Y + "-06", "{\"count\":0}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
      } finally {
        s.execute("select pg_advisory_unlock(" + 0x7061_7468_6c69_6768L + ")");
      }
    }
    Api.Reply released = staff().post("/api/impact/releases/" + Y + "-01", "");
    assertThat(released.status()).as(released.body()).isEqualTo(200);
    assertThat(releasedByMonth(fund()).get(Y + "-01")).isEqualTo(500_000L);
  }

  /** The public report is kept between changes, and a change shows at once. */
  @Test
  void thePublicReportFollowsAChangeAtOnce() {
    Api visitor = new Api(base);
    assertThat(visitor.get("/api/impact/public").body()).contains("\"Outreach\"");
    assertThat(visitor.get("/api/impact/public").body()).contains("\"Outreach\"");
    String renamed =
        "{\"code\":\""
            + SMALL
            + "\",\"program\":\"rescue\",\"name\":\"%s\","
            + "\"unit\":\"outreach visit\",\"unitPlural\":\"outreach visits\",\"funds\":[]}";
    try {
      Api.Reply changed =
          put("/api/impact/service-types/" + SMALL, String.format(renamed, "Street outreach"));
      assertThat(changed.status()).as(changed.body()).isEqualTo(200);
      assertThat(visitor.get("/api/impact/public").body())
          .contains("\"Street outreach\"")
          .doesNotContain("\"Outreach\"");
    } finally {
      put("/api/impact/service-types/" + SMALL, String.format(renamed, "Outreach"));
    }
    assertThat(visitor.get("/api/impact/public").body()).contains("\"Outreach\"");
  }

  @Test
  void aDonorPreviewNeedsAKnownEmailAndAYear() {
    assertField(staff().get("/api/impact/preview/donor"), "email");
    assertField(staff().get("/api/impact/preview/donor?email=nobody"), "email");
    assertField(
        staff().get("/api/impact/preview/donor?email=" + EMAILS.get("C") + "&year=soon"), "year");
    assertProblem(
        staff().get("/api/impact/preview/donor?email=nobody-gave@example.org"), 404, "not-found");
    assertThat(new Api(base).get("/api/impact/preview/donor?email=" + EMAILS.get("C")).status())
        .isEqualTo(401);
    Api.Reply seen =
        staff().get("/api/impact/preview/donor?email=" + EMAILS.get("C") + "&year=" + Y);
    assertThat(seen.status()).as(seen.body()).isEqualTo(200);
    assertThat(seen.json().toString()).isEqualTo(donor("C").toString());
  }

  private static void assertField(Api.Reply reply, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    JsonObject problem =
        assertProblem(reply, 400, reply.json().getString("type").substring("/problems/".length()));
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
  }

  @Test
  void aCorrectionReplacesTheCountAndKeepsTheOldValueForAdmins() {
    String path = "/api/impact/services/" + SMALL + "/" + Y + "-12";
    assertThat(put(path, "{\"count\": 40}").status()).isEqualTo(200);
    assertThat(put(path, "{\"count\": 44}").json().getInt("count")).isEqualTo(44);
    JsonObject change =
        staff().get("/api/impact/services/history").array().getValuesAs(JsonObject.class).stream()
            .filter(
                c ->
                    c.getString("serviceType").equals(SMALL)
                        && c.getString("month").equals("" + Y + "-12"))
            .findFirst()
            .orElseThrow();
    assertThat(change.getInt("oldCount")).isEqualTo(40);
    assertThat(change.getInt("newCount")).isEqualTo(44);
  }
}
