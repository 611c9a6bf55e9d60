package org.pathlight.supporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Api;
import org.pathlight.testing.Browser;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * People in the staff workspace: search, one profile per person with its timeline across teams
 * (each team sees its own records), and contact, consent and safe-contact edits, audited; by API
 * and in real Chromium.
 */
@PathlightIT
class PeopleIT {

  private static final String PASSWORD = "a long people password";
  private static ChromeDriver browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private Api admin() {
    return Api.sharedAdmin(base);
  }

  private Api staff(String... roles) {
    String email = Mailbox.unique("people");
    Api.createStaff(admin(), email, "Pat People", PASSWORD, roles);
    Api api = new Api(base);
    assertThat(api.signIn(email, PASSWORD).status()).isEqualTo(200);
    return api;
  }

  /** A donor with a check and a volunteer application: their supporter id. */
  private long donorWhoVolunteers(String email) {
    Api.Reply gift =
        admin()
            .post(
                "/api/donations/offline",
                json(
                    "email",
                    email,
                    "firstName",
                    "Rosa",
                    "lastName",
                    "Timeline",
                    "source",
                    "check",
                    "amount",
                    4200,
                    "currency",
                    "usd",
                    "receivedOn",
                    "2026-11-15"));
    assertThat(gift.status()).as(gift.body()).isEqualTo(201);
    Api.Reply applied =
        new Api(base)
            .post(
                "/api/volunteers",
                json(
                    "email",
                    email,
                    "firstName",
                    "Rosa",
                    "lastName",
                    "Timeline",
                    "birthDate",
                    "1990-01-01",
                    "agreesToConfidentiality",
                    true));
    assertThat(applied.status()).as(applied.body()).isEqualTo(202);
    return gift.json().getJsonNumber("supporterId").longValue();
  }

  private static List<String> kinds(JsonObject timeline) {
    return timeline.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getString("kind"))
        .distinct()
        .toList();
  }

  @Test
  void aProfileShowsEachTeamItsOwnRecordsNewestFirst() throws Exception {
    String email = Mailbox.unique("timeline");
    long id = donorWhoVolunteers(email);
    Mailbox.await(email, 1, Duration.ofSeconds(20));
    JsonObject all = admin().get("/api/supporters/" + id + "/timeline").json();
    assertThat(kinds(all)).contains("gift", "volunteer", "email");
    assertThat(all.getJsonArray("hidden")).isEmpty();
    assertThat(all.getJsonArray("unavailable")).isEmpty();
    JsonObject gift =
        all.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .filter(e -> e.getString("kind").equals("gift"))
            .findFirst()
            .orElseThrow();
    assertThat(gift.getString("title")).isEqualTo("Gift of $42.00 to Where most needed");
    assertThat(gift.getString("detail")).startsWith("Paid · check · receipt ");
    assertThat(gift.getString("link")).startsWith("/staff/gifts/");
    var times =
        all.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("at"))
            .toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    // volunteer staff see the volunteering, not the gifts or the emails about them
    JsonObject volunteers = staff("volunteers").get("/api/supporters/" + id + "/timeline").json();
    assertThat(kinds(volunteers)).containsOnly("volunteer", "screening");
    assertThat(volunteers.getJsonArray("hidden").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .contains("gifts and recurring gifts", "emails");
    assertProblem(new Api(base).get("/api/supporters/" + id + "/timeline"), 401, "unauthorized");
    assertProblem(staff("impact").get("/api/supporters/" + id + "/timeline"), 403, "role-required");
    assertProblem(admin().get("/api/supporters/99999999/timeline"), 404, "not-found");
    assertProblem(admin().get("/api/supporters/" + id + "/timeline?limit=0"), 400, "validation");
  }

  @Test
  void contactConsentAndSafeContactEditsAreAuditedAndBadOnesWriteNothing() throws Exception {
    String email = Mailbox.unique("flags");
    long id = donorWhoVolunteers(email);
    String path = "/api/supporters/" + id;
    long audits =
        TestEnvironment.count(
            "select count(*) from audit_event where entity_type = 'supporter' and entity_id = ?",
            String.valueOf(id));
    Api admin = admin();
    assertProblem(admin.patch(path, json("phone", "call me")), 400, "validation");
    assertProblem(
        admin.patch(path, "{\"address\": {\"line1\": \"1 Main St\"}}"), 400, "validation");
    assertProblem(
        admin.patch(
            path,
            "{\"address\": {\"line1\": \"1 Main St\", \"city\": \"Troy\", \"country\": \"usa\"}}"),
        400,
        "validation");
    assertProblem(
        admin.patch(path, "{\"safeContact\": {\"discreetSender\": \"maybe\"}}"),
        400,
        "malformed-json");
    assertProblem(staff("volunteers").patch(path, json("phone", "555")), 403, "role-required");
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where entity_type = 'supporter' and entity_id = ?",
                String.valueOf(id)))
        .isEqualTo(audits);
    Api.Reply changed =
        admin.patch(
            path,
            "{\"phone\": \"+1 518 555 0100\", \"safeContact\": {\"discreetSender\": true,"
                + " \"noPostalMail\": true, \"doNotFeature\": false}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getJsonObject("safeContact").getBoolean("discreetSender")).isTrue();
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where entity_type = 'supporter' and entity_id = ?"
                    + " and action = 'supporter.updated'",
                String.valueOf(id)))
        .isEqualTo(1);
  }

  @Test
  void aFundraiserFindsAPersonSeesTheTimelineAndSetsASafeContactFlag() throws Exception {
    String email = Mailbox.unique("pageperson");
    long id = donorWhoVolunteers(email);
    String fundraiser = Mailbox.unique("fenna");
    Api.createStaff(admin(), fundraiser, "Fenna Fundraiser", PASSWORD, "fundraising");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(browser, base, fundraiser, PASSWORD, 1280);
    browser.findElement(By.linkText("People")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#people-search")));
    browser.findElement(By.name("q")).sendKeys(email);
    browser.findElement(By.cssSelector("#people-search button[type=submit]")).click();
    By row = By.cssSelector("#people tr[data-person='" + id + "'] a");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#people tbody tr"), 1));
    wait.until(ExpectedConditions.visibilityOfElementLocated(row)).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("person-title"), "Rosa Timeline"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("timeline"), "Gift of $42.00 to Where most needed"));
    // a fundraiser does not see volunteering, and is told so
    assertThat(browser.findElement(By.id("timeline-note")).getText()).contains("volunteering");
    assertThat(browser.findElements(By.cssSelector("#timeline [data-kind=volunteer]"))).isEmpty();
    // an address with no city is said beside the city
    browser.findElement(By.id("p-line1")).sendKeys("12 Harbor Road");
    browser.findElement(By.cssSelector("#person-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("p-city-error")))
                .getText())
        .isEqualTo("Enter the city.");
    browser.findElement(By.id("p-city")).sendKeys("Troy");
    browser.findElement(By.id("p-discreet")).click();
    browser.findElement(By.cssSelector("#person-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("safe-banner"), "send only from a neutral name"));
    assertThat(browser.findElement(By.id("person-facts")).getText())
        .contains("12 Harbor Road, Troy");
    JsonObject saved = admin().get("/api/supporters/" + id).json();
    assertThat(saved.getJsonObject("safeContact").getBoolean("discreetSender")).isTrue();
    Browser.screenshot(browser, "staff-person");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timeline li")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-person-phone");
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/people?q=" + email);
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    WebElement flags = browser.findElement(By.cssSelector("#people tr[data-person='" + id + "']"));
    assertThat(flags.getText()).contains("discreet sender");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-people-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }
}
