package org.pathlight.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * The public home page and the staff sign-in page in real headless Chromium (Debian's chromium and
 * chromium-driver; .ci/run installs them). Screenshots land in target/screenshots.
 */
@PathlightIT
class PagesBrowserIT {

  private static WebDriver browser;

  @Deployment(testable = false)
  static WebArchive deployment() {
    // the officials fixtures for the action page, imported at start; the rate limits are per
    // client address and kept in the database other test classes share: all tests come from
    // 127.0.0.1, so the limits are lifted here (CampaignsIT tests them)
    var settings = new java.util.HashMap<>(TestEnvironment.get().censusSettings());
    settings.putAll(
        java.util.Map.of(
            "pathlight.campaigns.limit.per.address",
            "100000",
            "pathlight.officials.lookup.limit.per.address",
            "100000",
            "pathlight.officials.dir",
            Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath()
                .resolve("src/test/resources/officials")
                .toString()));
    return Deployments.pathlightWith(settings);
  }

  @ArquillianResource URL base;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = org.pathlight.testing.Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Each test reads only its own console messages. */
  @org.junit.jupiter.api.BeforeEach
  void drainConsole() {
    browser.manage().logs().get(LogType.BROWSER);
  }

  private String url(String path) {
    return base.toString().replaceFirst("/$", "") + path;
  }

  private static void screenshot(String name) throws Exception {
    org.pathlight.testing.Browser.screenshot((ChromeDriver) browser, name);
  }

  /** Content-Security-Policy violations and script errors show up in the console. */
  private static List<String> consoleErrors() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("favicon.ico"))
        .toList();
  }

  @Test
  void theHomePageShowsTheOrganisationAndHowToReportTrafficking() throws Exception {
    browser.get(url("/"));
    assertThat(browser.getTitle()).contains("Safe Harbor Test Org");
    WebElement hotline = browser.findElement(By.cssSelector("footer.hotline"));
    assertThat(hotline.getText())
        .contains("1-888-373-7888", "233733", "Report suspected human trafficking");
    assertThat(hotline.findElement(By.cssSelector("a.hotline-phone")).getAttribute("href"))
        .isEqualTo("tel:18883737888");
    // the stylesheet applied (the hotline band is dark), so the CSP lets our own CSS through
    assertThat(hotline.getCssValue("background-color")).isEqualTo("rgba(16, 50, 74, 1)");
    screenshot("home-desktop");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    assertThat(browser.findElement(By.cssSelector("footer.hotline")).isDisplayed()).isTrue();
    screenshot("home-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void aDonorGivesThroughTheTestCheckoutAndGetsAReceipt() throws Exception {
    String email = "browser" + System.nanoTime() + "@example.org";
    browser.manage().deleteAllCookies();
    browser.get(url("/"));
    browser.findElement(By.linkText("Give now")).click();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("give")));
    assertThat(browser.findElement(By.cssSelector(".test-banner")).getText()).contains("TEST MODE");

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("fund")))
        .selectByValue("safe-housing");
    List<WebElement> asks = browser.findElements(By.cssSelector("#asks input[name=ask]"));
    assertThat(asks).hasSize(2);
    assertThat(browser.findElement(By.id("asks")).getText()).contains("one night of safe housing");
    asks.get(1).click(); // $315 — a week of safe housing
    browser.findElement(By.id("coverFees")).click();
    assertThat(browser.findElement(By.id("fee-label")).getText()).contains("Add $7.40");
    assertThat(browser.findElement(By.id("give-button")).getText()).isEqualTo("Give $322.40");
    browser.findElement(By.id("firstName")).sendKeys("Rosa");
    browser.findElement(By.id("lastName")).sendKeys("Parks");
    browser.findElement(By.id("email")).sendKeys(email);
    screenshot("give-form");
    browser.findElement(By.id("give-button")).click();

    wait.until(ExpectedConditions.urlContains("/give/test-checkout/"));
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains("TEST PAYMENT PAGE", "Pay $322.40", "Gift to Safe housing");
    screenshot("give-test-checkout");
    browser.findElement(By.id("pay")).click();

    wait.until(ExpectedConditions.urlContains("/give/thanks"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("thanks-status"), "is confirmed"));
    assertThat(browser.findElement(By.id("thanks-status")).getText())
        .contains("$322.40", "Safe housing", "Receipt");
    screenshot("give-thanks");
    assertThat(org.pathlight.testing.Mailbox.await(email, 1, Duration.ofSeconds(20))).hasSize(1);
    assertThat(consoleErrors()).isEmpty();
  }

  /** Applies through the page, is approved by staff, and returns the emailed sign-in link. */
  private String volunteerLink(String first) {
    String email = first.toLowerCase() + System.nanoTime() + "@example.org";
    browser.get(url("/volunteer/apply"));
    browser.findElement(By.id("firstName")).sendKeys(first);
    browser.findElement(By.id("lastName")).sendKeys("Helper");
    browser.findElement(By.id("email")).sendKeys(email);
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.getElementById('birthDate').value = '1990-04-04';");
    browser.findElement(By.id("agree")).click();
    browser.findElement(By.id("apply-button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("apply-done")));
    var mail = org.pathlight.testing.Mailbox.await(email, 1, Duration.ofSeconds(20));
    var link =
        java.util.regex.Pattern.compile("(http\\S+/volunteer/#token=\\S+)")
            .matcher(org.pathlight.testing.Mailbox.text(mail.get(0)));
    assertThat(link.find()).isTrue();
    var staff = org.pathlight.testing.Api.sharedAdmin(base);
    long id =
        staff
            .get("/api/volunteers?status=applied")
            .array()
            .getValuesAs(jakarta.json.JsonObject.class)
            .stream()
            .filter(v -> v.getString("email").equals(email))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    assertThat(
            staff
                .post("/api/volunteers/" + id + "/decision", "{\"decision\": \"approve\"}")
                .status())
        .isEqualTo(200);
    return link.group(1);
  }

  private void signInWith(String link) {
    browser.get(url("/"));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
    browser.get(link.replaceFirst("^https?://[^/]+", url("")));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
  }

  private WebElement shiftItem(long shiftId) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("li.shift[data-shift='" + shiftId + "']")));
  }

  @Test
  void aVolunteerBooksByLinkCancelsAndTheWaitlistedOneIsPromoted() throws Exception {
    var staff = org.pathlight.testing.Api.sharedAdmin(base);
    String role = "door-" + System.nanoTime();
    staff.post(
        "/api/roles",
        "{\"code\": \""
            + role
            + "\", \"name\": \"Awareness talk door\", \"survivorFacing\": false}");
    var starts = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(3).withNano(0);
    long shift =
        staff
            .post(
                "/api/shifts",
                "{\"roleCode\": \""
                    + role
                    + "\", \"startsAt\": \""
                    + starts
                    + "\", \"endsAt\": \""
                    + starts.plusHours(2)
                    + "\", \"capacity\": 1, \"publicLocation\": \"Library hall\"}")
            .json()
            .getJsonNumber("id")
            .longValue();
    String ana = volunteerLink("Ana");
    String ben = volunteerLink("Ben");

    signInWith(ana);
    shiftItem(shift).findElement(By.cssSelector("button.book")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> shiftItem(shift).getText().contains("You are confirmed"));
    screenshot("volunteer-booked");
    // the time is the organisation's (America/Chicago in these tests), and says so
    String local =
        java.time.format.DateTimeFormatter.ofPattern("h:mm", java.util.Locale.US)
            .format(starts.atZoneSameInstant(java.time.ZoneId.of("America/Chicago")));
    assertThat(shiftItem(shift).getText()).containsPattern(local + " [AP]M C[SD]T");

    signInWith(ben);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> shiftItem(shift).getText().contains("0 of 1 seats left"));
    shiftItem(shift).findElement(By.cssSelector("button.book")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> shiftItem(shift).getText().contains("You are waitlisted"));

    signInWith(ana);
    shiftItem(shift).findElement(By.cssSelector("button.cancel")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> !shiftItem(shift).getText().contains("You are"));

    signInWith(ben);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> shiftItem(shift).getText().contains("You are confirmed"));
    screenshot("volunteer-promoted");
    assertThat(consoleErrors()).isEmpty();
  }

  @Test
  void aLinkFillsTheDonationFormInToStartARecurringGiftAgain() throws Exception {
    // the link in the "your gift has stopped" email
    browser.get(url("/give?amount=31500&frequency=monthly&fund=safe-housing"));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("give")));
    assertThat(browser.findElement(By.id("fund")).getAttribute("value")).isEqualTo("safe-housing");
    assertThat(browser.findElement(By.id("frequency")).getAttribute("value")).isEqualTo("monthly");
    List<WebElement> asks = browser.findElements(By.cssSelector("#asks input[name=ask]"));
    assertThat(asks.get(1).isSelected()).isTrue();
    assertThat(browser.findElement(By.id("give-button")).getText()).isEqualTo("Give $315.00");
    // an amount no ask offers goes into "other"
    browser.get(url("/give?amount=1234&frequency=quarterly&fund=counseling"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("give")));
    assertThat(browser.findElement(By.id("other")).getAttribute("value")).isEqualTo("12.34");
    assertThat(browser.findElement(By.id("frequency")).getAttribute("value"))
        .isEqualTo("quarterly");
    assertThat(browser.findElement(By.id("give-button")).getText()).isEqualTo("Give $12.34");
  }

  @Test
  void theDonationFormExplainsWhatToFix() throws Exception {
    browser.get(url("/give"));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.findElement(By.id("firstName")).sendKeys("Tiny");
    browser.findElement(By.id("lastName")).sendKeys("Gift");
    browser.findElement(By.id("email")).sendKeys("tiny" + System.nanoTime() + "@example.org");
    browser.findElement(By.id("other")).sendKeys("2");
    browser.findElement(By.id("give-button")).click();
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("give-error")));
    assertThat(error.getText()).contains("amount", "smallest online gift is $5.00");
    screenshot("give-error");
  }

  @Test
  void staffSignInRefusesAWrongPasswordThenSignsInAndOut() throws Exception {
    browser.manage().deleteAllCookies();
    // typed without their slash, the addresses still find the pages
    browser.get(url("/volunteer"));
    assertThat(browser.getCurrentUrl()).endsWith("/volunteer/");
    browser.get(url("/staff"));
    assertThat(browser.getCurrentUrl()).endsWith("/staff/");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.findElement(By.id("email")).sendKeys(TestEnvironment.ADMIN_EMAIL);
    browser.findElement(By.id("password")).sendKeys("wrong password");
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
    assertThat(error.getText()).contains("not right");
    screenshot("staff-signin-error");

    WebElement password = browser.findElement(By.id("password"));
    password.clear();
    password.sendKeys(TestEnvironment.ADMIN_PASSWORD);
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-home")));
    assertThat(browser.findElement(By.id("staff-who")).getText())
        .contains(TestEnvironment.ADMIN_EMAIL, "admin");
    // the admin's home: every role's figures, and every page in the navigation
    wait.until(d -> d.findElements(By.cssSelector(".dash-section")).size() >= 5);
    assertThat(
            browser.findElements(By.cssSelector(".dash-section h2")).stream()
                .map(WebElement::getText)
                .toList())
        .contains("Fundraising", "Volunteers", "Shifts", "Advocacy", "Impact", "Email");
    assertThat(browser.findElement(By.cssSelector(".staff-nav")).getText())
        .contains("Gifts", "Shifts and rosters", "Letter campaigns", "Impact");
    screenshot("staff-signed-in");

    // a reload keeps the session (HttpOnly cookie; the page asks who is signed in)
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-home")));

    // signing out loads the sign-in page afresh: wait for the old page to go first
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.signedIn = true;");
    browser.findElement(By.id("staff-signout")).click();
    wait.ignoring(org.openqa.selenium.WebDriverException.class)
        .until(
            d ->
                Boolean.TRUE.equals(
                    ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript(
                            "return !window.signedIn && document.readyState === 'complete'"
                                + " && document.getElementById('staff-home').hidden"
                                + " && !document.getElementById('signin-panel').hidden;")));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    assertThat(browser.findElement(By.id("staff-home")).isDisplayed()).isFalse();
    assertThat(
            consoleErrors().stream()
                .filter(m -> !m.contains("401") && !m.contains("Unauthorized"))
                .toList())
        .isEmpty();
  }

  /** Signs in as the admin on /staff/ and follows the link to a work page. */
  private void openStaffPage(WebDriverWait wait, String link) {
    browser.get(url("/staff/"));
    browser.findElement(By.id("email")).sendKeys(TestEnvironment.ADMIN_EMAIL);
    browser.findElement(By.id("password")).sendKeys(TestEnvironment.ADMIN_PASSWORD);
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-home")));
    browser.findElement(By.linkText(link)).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-app")));
  }

  private void setValue(String id, String value) {
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }

  @Test
  void staffAddARoleAndAShiftSeeItsRosterAndScreenAnApplicant() throws Exception {
    String email = "queue" + System.nanoTime() + "@example.org";
    var applied =
        new org.pathlight.testing.Api(base)
            .post(
                "/api/volunteers",
                org.pathlight.testing.Api.json(
                    "email", email,
                    "firstName", "Quinn",
                    "lastName", "Queue",
                    "birthDate", "1992-02-02",
                    "agreesToConfidentiality", true));
    assertThat(applied.status()).as(applied.body()).isEqualTo(202);
    long volunteer =
        org.pathlight.testing.Api.sharedAdmin(base)
            .get("/api/volunteers?status=applied")
            .array()
            .getValuesAs(jakarta.json.JsonObject.class)
            .stream()
            .filter(v -> v.getString("email").equals(email))
            .findFirst()
            .orElseThrow()
            .getJsonNumber("id")
            .longValue();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.manage().deleteAllCookies();
    browser.get(url("/staff/shifts"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("need-signin")));
    openStaffPage(wait, "Shifts and rosters");

    String code = "drop-in-" + System.nanoTime() % 100000;
    browser.findElement(By.cssSelector("#add-role summary")).click();
    browser.findElement(By.id("role-name")).sendKeys("Drop-in centre host");
    browser.findElement(By.id("role-code")).sendKeys(code);
    browser.findElement(By.id("role-survivor")).click();
    browser.findElement(By.id("role-trainings")).sendKeys("trauma-informed-care");
    browser.findElement(By.cssSelector("#role-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("role-result"), "added"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("roles"), code));
    // the role is renamed from its row
    browser.findElement(By.cssSelector("#roles tr[data-role='" + code + "'] button")).click();
    WebElement roleName =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cr-name")));
    roleName.clear();
    roleName.sendKeys("Drop-in centre host");
    browser.findElement(By.cssSelector("#change-role-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("change-role-result"), "Role saved"));

    String day = java.time.LocalDate.now().plusDays(9).toString();
    browser.findElement(By.cssSelector("#add-shift summary")).click();
    // a shift with no day, times or place says so beside each field, in words
    browser.findElement(By.cssSelector("#shift-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("shift-date-error"), "Choose the day"));
    assertThat(browser.findElement(By.id("shift-location-error")).getText())
        .startsWith("Say where");
    assertThat(browser.findElement(By.id("shift-form")).getText()).doesNotContain("publicLocation");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("shift-role")))
        .selectByValue(code);
    setValue("shift-date", day);
    setValue("shift-start", "18:30");
    setValue("shift-end", "21:00");
    WebElement seats = browser.findElement(By.id("shift-capacity"));
    seats.clear();
    seats.sendKeys("3");
    WebElement min = browser.findElement(By.id("shift-min"));
    min.clear();
    min.sendKeys("2");
    browser.findElement(By.id("shift-location")).sendKeys("Drop-in centre");
    browser.findElement(By.id("shift-address")).sendKeys("40 Quiet Court");
    browser.findElement(By.cssSelector("#shift-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("shift-result"), "added"));
    // other tests' shifts may share the day: this one is the card of the new role
    WebElement card =
        wait.until(
            d ->
                d.findElements(By.cssSelector(".day[data-day='" + day + "'] .cal-shift")).stream()
                    .filter(e -> e.getText().contains("Drop-in centre host"))
                    .findFirst()
                    .orElse(null));
    assertThat(card.getText())
        .contains("18:30–21:00 Drop-in centre host", "0/3 booked", "Below minimum of 2");
    assertThat(card.getAttribute("class")).contains("short");
    card.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("roster-panel")));
    assertThat(browser.findElement(By.id("roster-address")).getText()).contains("40 Quiet Court");
    assertThat(browser.findElement(By.id("roster")).getText()).contains("Nobody has booked yet");
    screenshot("staff-shifts");

    // staff move the shift's meeting point, then cancel it (confirmed first)
    browser.findElement(By.cssSelector("#shift-edit summary")).click();
    WebElement location = browser.findElement(By.id("edit-location"));
    assertThat(location.getAttribute("value")).isEqualTo("Drop-in centre");
    location.clear();
    location.sendKeys("Drop-in centre, side door");
    browser.findElement(By.cssSelector("#edit-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("edit-result"), "Shift changed"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".day[data-day='" + day + "']"), "side door"));
    browser.findElement(By.cssSelector("#cancel-shift-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("cancel-reason-error"), "Say why"));
    browser.findElement(By.id("cancel-reason")).sendKeys("The host fell ill");
    browser.findElement(By.cssSelector("#cancel-shift-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")))
        .findElement(By.cssSelector(".confirm-ok"))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("edit-result"), "Shift cancelled"));
    screenshot("staff-shift-cancelled");

    browser.findElement(By.linkText("Volunteer screening")).click();
    WebElement row =
        wait.until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queue tr[data-volunteer='" + volunteer + "']")));
    assertThat(row.getText())
        .contains("Quinn Queue", email, "none", java.time.LocalDate.now().getYear() + "-");
    row.findElement(By.cssSelector("button.review")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("bg-status")))
        .selectByValue("clear");
    setValue("bg-completed", "2026-01-10");
    setValue("bg-expires", "2028-01-10");
    setValue("agreement", "2026-01-05");
    browser.findElement(By.id("add-training")).click();
    browser.findElement(By.cssSelector("#trainings .t-code")).sendKeys("trauma-informed-care");
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("document.querySelector('#trainings .t-done').value = '2026-02-01';");
    browser.findElement(By.cssSelector("#screening-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-result"), "saved"));
    browser.findElement(By.id("approve")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("review-result"), "Approved"));
    screenshot("staff-screening");

    var screened =
        org.pathlight.testing.Api.sharedAdmin(base)
            .get("/api/volunteers?status=approved")
            .array()
            .getValuesAs(jakarta.json.JsonObject.class)
            .stream()
            .filter(v -> v.getJsonNumber("id").longValue() == volunteer)
            .findFirst()
            .orElseThrow();
    assertThat(screened.getJsonObject("backgroundCheck").getString("status")).isEqualTo("clear");
    assertThat(screened.getJsonArray("trainings").getJsonObject(0).getString("code"))
        .isEqualTo("trauma-informed-care");
    assertThat(
            consoleErrors().stream()
                .filter(m -> !m.contains("401") && !m.contains("Unauthorized"))
                .toList())
        .isEmpty();
  }

  @Test
  void aMonthlyDonorPausesResumesAndChangesTheAmountFromTheManageLink() throws Exception {
    String email = "manage" + System.nanoTime() + "@example.org";
    browser.manage().deleteAllCookies();
    browser.get(url("/give"));
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("give")));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("frequency")))
        .selectByValue("monthly");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("fund")))
        .selectByValue("safe-housing");
    browser.findElements(By.cssSelector("#asks input[name=ask]")).get(0).click();
    browser.findElement(By.id("firstName")).sendKeys("Mona");
    browser.findElement(By.id("lastName")).sendKeys("Thly");
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("give-button")).click();
    wait.until(ExpectedConditions.urlContains("/give/test-checkout/"));
    browser.findElement(By.id("pay")).click();
    wait.until(ExpectedConditions.urlContains("/give/thanks"));

    var started =
        org.pathlight.testing.Mailbox.await(email, 2, Duration.ofSeconds(30)).stream()
            .filter(m -> org.pathlight.testing.Mailbox.subject(m).contains("has started"))
            .findFirst()
            .orElseThrow();
    String link =
        org.pathlight.testing.Mailbox.link(
            started, java.util.regex.Pattern.compile("(/give/manage#token=[A-Za-z0-9._~-]+)"));
    browser.get(url(link));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#plans li.shift")));
    WebElement plan = browser.findElement(By.cssSelector("#plans li.shift"));
    assertThat(plan.getText()).contains("monthly to Safe housing", "Status: active");
    // the token left the address bar
    assertThat(browser.getCurrentUrl()).doesNotContain("token=");
    screenshot("manage-active");

    String until = java.time.LocalDate.now().plusMonths(2).toString();
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript(
            "document.querySelector('#plans .pause-until').value = arguments[0];", until);
    browser.findElement(By.cssSelector("#plans button.pause")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#plans .plan-status"), "paused until " + until));
    screenshot("manage-paused");

    browser.findElement(By.cssSelector("#plans button.resume")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#plans .plan-status"), "Status: active"));

    WebElement amount = browser.findElement(By.cssSelector("#plans .new-amount"));
    amount.sendKeys("2");
    browser.findElement(By.cssSelector("#plans button.change-amount")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("manage-error"), "amount"));
    amount = browser.findElement(By.cssSelector("#plans .new-amount"));
    amount.clear();
    amount.sendKeys("42.50");
    browser.findElement(By.cssSelector("#plans button.change-amount")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#plans li.shift strong"), "$42.50 monthly"));
    assertThat(browser.findElement(By.id("manage-error")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("statements")).getText())
        .contains("Download statement " + java.time.LocalDate.now().getYear());
    screenshot("manage-changed");
    assertThat(consoleErrors().stream().filter(m -> !m.contains("400")).toList()).isEmpty();
  }

  @Test
  void aSupporterWritesToTheirOfficialsFromZipToConfirmation() throws Exception {
    var staff = org.pathlight.testing.Api.sharedAdmin(base);
    String ceoEmail = org.pathlight.testing.Mailbox.unique("ceo");
    var ceo =
        staff.post(
            "/api/officials/custom",
            org.pathlight.testing.Api.json(
                "name",
                "Lee Park",
                "title",
                "Chief Executive",
                "organisation",
                "Loomworks",
                "email",
                ceoEmail));
    assertThat(ceo.status()).as(ceo.body()).isEqualTo(201);
    String slug = "browser-letters-" + System.nanoTime();
    var created =
        staff.post(
            "/api/campaigns",
            org.pathlight.testing.Api.json(
                "slug",
                slug,
                "title",
                "Pass the <Supply Chain> Transparency Act",
                "intro",
                "Forced labor hides in supply chains.\nAsk your officials to act.",
                "subject",
                "Please support the Supply Chain Transparency Act",
                "letterTemplate",
                "Dear {{officialTitle}} {{officialName}},\n\nAs a constituent in {{city}}, I ask"
                    + " you to support the Act.\n\n{{personalNote}}",
                "targets",
                List.of("us-senate", "us-house", "state-upper", ceo.json().getString("id"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(staff.post("/api/campaigns/" + slug + "/publish", "{}").status()).isEqualTo(200);

    String email = org.pathlight.testing.Mailbox.unique("writer");
    browser.manage().deleteAllCookies();
    browser.get(url("/"));
    browser.findElement(By.linkText("Write a letter")).click();
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // the list of open campaigns; the title is text, never markup
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("a[href='/act/" + slug + "']")))
        .click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("zip-form")));
    assertThat(browser.findElement(By.cssSelector("#act h1")).getText())
        .isEqualTo("Pass the <Supply Chain> Transparency Act");
    assertThat(browser.findElement(By.id("letter-form")).isDisplayed()).isFalse();

    // an unknown ZIP says so
    browser.findElement(By.id("zip")).sendKeys("99999");
    browser.findElement(By.id("zip-button")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("zip-error"), "99999"));
    // a ZIP in two districts asks which one
    browser.findElement(By.id("zip")).clear();
    browser.findElement(By.id("zip")).sendKeys("10001");
    browser.findElement(By.id("zip-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("district-choice")));
    assertThat(browser.findElement(By.id("districts")).getText()).contains("NY-10", "NY-12");
    screenshot("act-district");
    browser.findElement(By.cssSelector("#districts input[value='NY-12']")).click();
    browser.findElement(By.id("zip-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("letter-form")));
    assertThat(browser.findElement(By.id("recipient-list")).getText())
        .contains("Schumer", "Nadler", "(NY-12)")
        .doesNotContain("Goldman"); // NY-10's member
    assertThat(browser.findElement(By.id("recipients")).getText()).contains("Lee Park");

    browser.findElement(By.id("firstName")).sendKeys("Rosa");
    browser.findElement(By.id("lastName")).sendKeys("Diaz");
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("city")).sendKeys("New York");
    // the state senate district is a choice among the state's districts
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#stateUpper option[value='47']")));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("stateUpper")))
        .selectByValue("47");
    browser.findElement(By.id("personalNote")).sendKeys("My <b>cousin</b> was trafficked.");
    browser.findElement(By.id("preview-button")).click();
    // HTML in the note: said, nothing sent
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("letter-error"), "remove the HTML"));
    browser.findElement(By.id("personalNote")).clear();
    browser
        .findElement(By.id("personalNote"))
        .sendKeys("My cousin was trafficked through a garment job offer.");
    browser.findElement(By.id("preview-button")).click();
    // the printed letters need the street address
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("letter-error"), "street address"));
    browser.findElement(By.id("address")).sendKeys("350 Fifth Avenue");
    browser.findElement(By.id("preview-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
    List<WebElement> letters = browser.findElements(By.cssSelector("#preview-letters .letter"));
    assertThat(letters).hasSize(5); // two senators, the NY-12 member, the state senator, the CEO
    assertThat(browser.findElement(By.id("preview-letters")).getText())
        .contains("Dear Senator Charles E. Schumer", "garment job offer", "Rosa Diaz");
    screenshot("act-preview");
    assertThat(org.pathlight.testing.Mailbox.to(ceoEmail)).isEmpty(); // a preview sends nothing

    browser.findElement(By.id("send-button")).click();
    wait.until(
        ExpectedConditions.or(
            ExpectedConditions.visibilityOfElementLocated(By.id("done")),
            ExpectedConditions.visibilityOfElementLocated(By.id("send-error"))));
    assertThat(browser.findElement(By.id("send-error")).isDisplayed())
        .as(browser.findElement(By.id("send-error")).getText())
        .isFalse();
    WebElement done = browser.findElement(By.id("done"));
    assertThat(done.getText())
        .contains("Thank you: your letters are on their way", "We have emailed you a copy");
    assertThat(browser.findElement(By.id("done-give")).getAttribute("href")).endsWith("/give");
    assertThat(browser.findElements(By.cssSelector("#done-letters .letter[data-channel=print]")))
        .hasSize(3);
    WebElement toCeo =
        browser.findElement(
            By.cssSelector(
                "#done-letters .letter[data-official='" + ceo.json().getString("id") + "']"));
    assertThat(browser.findElements(By.cssSelector("#done-letters .letter[data-channel=email]")))
        .hasSize(2); // the CEO and state senator Bottcher
    assertThat(toCeo.getText()).contains("Lee Park", "By email");
    screenshot("act-done");

    var delivered = org.pathlight.testing.Mailbox.await(ceoEmail, 1, Duration.ofSeconds(30)).get(0);
    assertThat(org.pathlight.testing.Mailbox.text(delivered))
        .contains("Dear Chief Executive Lee Park", "garment job offer");
    assertThat(delivered.getReplyTo()[0].toString()).contains(email);

    // the same person again (a second tab, a double click): nothing is sent twice
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("zip-form")));
    // this time with the street address: the geocoder settles the district and the state ones
    browser.findElement(By.id("zip")).sendKeys("10001");
    browser.findElement(By.id("lookup-address")).sendKeys("350 Fifth Avenue");
    browser.findElement(By.id("zip-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("letter-form")));
    assertThat(browser.findElement(By.id("district-choice")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("recipient-list")).getText())
        .contains("Nadler", "Bottcher");
    assertThat(browser.findElement(By.id("address")).getAttribute("value"))
        .isEqualTo("350 Fifth Avenue");
    wait.until(
        d ->
            "47"
                .equals(
                    new org.openqa.selenium.support.ui.Select(d.findElement(By.id("stateUpper")))
                        .getFirstSelectedOption()
                        .getAttribute("value")));
    browser.findElement(By.id("firstName")).sendKeys("Rosa");
    browser.findElement(By.id("lastName")).sendKeys("Diaz");
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("preview-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("send-button"))).click();
    // answered like a first time (the page never tells whether an email wrote before) ...
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
    org.pathlight.testing.Mailbox.sleep(1500);
    assertThat(org.pathlight.testing.Mailbox.to(ceoEmail)).hasSize(1);
    // ... and nothing is sent twice: one letter to the CEO, one copy for the supporter
    assertThat(org.pathlight.testing.Mailbox.to(email)).hasSize(1);

    // closed: the page says so and offers no form; an unknown campaign is a 404 page
    assertThat(staff.post("/api/campaigns/" + slug + "/close", "{}").status()).isEqualTo(200);
    browser.navigate().refresh();
    assertThat(browser.findElement(By.cssSelector("#act .notice")).getText())
        .contains("has closed");
    assertThat(browser.findElements(By.id("zip-form"))).isEmpty();
    browser.get(url("/act/no-such-campaign"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No such campaign");
    browser.get(url("/act/"));
    assertThat(browser.findElements(By.cssSelector("a[href='/act/" + slug + "']"))).isEmpty();
    assertThat(consoleErrors().stream().filter(m -> !m.contains("40")).toList()).isEmpty();
  }

  @Test
  void staffDraftPreviewPublishAndCountACampaignThenMailItsPrintBatch() throws Exception {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().deleteAllCookies();
    openStaffPage(wait, "Letter campaigns");

    String slug = "staff-page-" + System.nanoTime();
    browser.findElement(By.cssSelector("#new-campaign summary")).click();
    browser.findElement(By.id("c-slug")).sendKeys(slug);
    browser.findElement(By.id("c-title")).sendKeys("Fund survivor housing");
    browser.findElement(By.id("c-subject")).sendKeys("Please fund survivor housing");
    assertThat(browser.findElement(By.id("c-template")).getAttribute("value"))
        .contains("{{officialName}}", "{{personalNote}}");
    // a template without the supporter's paragraph is refused, with the reason
    browser.findElement(By.id("c-template")).clear();
    browser.findElement(By.id("c-template")).sendKeys("Dear {{officialName}}, please act.");
    browser.findElement(By.cssSelector("#c-targets input[value=us-senate]")).click();
    browser.findElement(By.cssSelector("#c-targets input[value=us-house]")).click();
    browser.findElement(By.cssSelector("#campaign-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("c-template-error"), "personalNote"));
    browser.findElement(By.id("c-template")).clear();
    browser
        .findElement(By.id("c-template"))
        .sendKeys(
            "Dear {{officialTitle}} {{officialName}},\n\nPlease fund housing.\n\n{{personalNote}}");
    browser.findElement(By.cssSelector("#campaign-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("detail-title"), "Fund survivor housing"));
    assertThat(browser.findElement(By.id("detail-about")).getText())
        .contains("Status: draft", "US senators, US representative");
    // the draft is edited in the same form, its address fixed
    browser.findElement(By.id("edit-draft")).click();
    WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("c-title")));
    assertThat(title.getAttribute("value")).isEqualTo("Fund survivor housing");
    assertThat(browser.findElement(By.id("c-slug")).getAttribute("readonly")).isNotNull();
    title.clear();
    title.sendKeys("Fund survivor housing now");
    browser.findElement(By.cssSelector("#campaign-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("detail-title"), "Fund survivor housing now"));
    assertThat(browser.findElement(By.id("create-result")).getText()).contains("Draft saved");

    browser.findElement(By.id("preview-zip")).sendKeys("10018");
    browser.findElement(By.cssSelector("#preview-form button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("previews"), "Dear Senator Charles E. Schumer"));
    assertThat(browser.findElements(By.cssSelector("#previews .letter"))).hasSize(3);

    browser.findElement(By.id("publish")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("detail-result"), "Published"));
    assertThat(browser.findElement(By.id("publish")).isDisplayed()).isFalse();

    var letter =
        new org.pathlight.testing.Api(base)
            .post(
                "/api/campaigns/" + slug + "/letters",
                org.pathlight.testing.Api.json(
                    "firstName",
                    "Sam",
                    "lastName",
                    "Ortiz",
                    "email",
                    org.pathlight.testing.Mailbox.unique("sam"),
                    "zip",
                    "10018",
                    "address",
                    "1 Main St",
                    "city",
                    "New York"));
    assertThat(letter.status()).as(letter.body()).isEqualTo(201);
    browser.findElement(By.cssSelector("#campaigns tr[data-slug='" + slug + "'] button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("stats-summary"), "1 supporter wrote 3 letters"));
    assertThat(browser.findElement(By.id("stats-officials")).getText())
        .contains("Jerrold Nadler", "print");
    screenshot("staff-campaign");

    browser.findElement(By.id("print-batch")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("print-result"), "3 letters in the PDF"));
    WebElement mark =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("#batches button.mark-mailed")));
    mark.click();
    browser.switchTo().alert().accept(); // "Mark batch n mailed? ... addresses are erased"
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("print-result"), "3 letters of batch"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batches"), "mailed"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("stats-summary"), "3 sent"));
    assertThat(browser.findElement(By.id("tally")).getText()).doesNotContain("Fund survivor");
    browser.findElement(By.cssSelector("#tally-form button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("tally"), "Fund survivor housing"));
    screenshot("staff-campaign-mailed");
    // Chrome warns about any download over plain http (the test server's); production is https
    assertThat(
            consoleErrors().stream()
                .filter(m -> !m.contains("40") && !m.contains("insecure connection"))
                .toList())
        .isEmpty();
  }

  @Test
  void advocacyStaffAddAndRetireATargetAndSeeHowOldEachOfficialsSourceIs() throws Exception {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().deleteAllCookies();
    openStaffPage(wait, "Custom targets");
    browser.findElement(By.id("t-name")).sendKeys("Robin Buyer");
    browser.findElement(By.id("t-title")).sendKeys("Head of Sourcing");
    browser.findElement(By.cssSelector("#target-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("t-email-error"), "email or a postal"));
    browser.findElement(By.id("t-email")).sendKeys("not an email");
    browser.findElement(By.cssSelector("#target-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("t-email-error"), "not an email"));
    browser.findElement(By.id("t-email")).clear();
    browser
        .findElement(By.id("t-email"))
        .sendKeys("robin.buyer" + System.nanoTime() + "@example.org");
    browser.findElement(By.id("t-organisation")).sendKeys("Acme Apparel");
    browser.findElement(By.cssSelector("#target-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("target-done"), "can now be chosen"));
    By row = By.cssSelector("#targets tr[data-target='Robin Buyer']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row))
        .findElement(By.xpath(".//button[text()='Retire']"))
        .click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")))
        .findElement(By.cssSelector(".confirm-ok"))
        .click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "Retired"));
    screenshot("staff-targets");

    browser.findElement(By.linkText("Officials directory")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sources"), "(today)"));
    assertThat(browser.findElement(By.id("runs")).getText())
        .contains("ZIP codes to congressional districts");
    browser.findElement(By.cssSelector("#officials-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("o-source-error"), "Choose which dataset"));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("o-source")))
        .selectByValue("zccd");
    browser
        .findElement(By.id("o-file"))
        .sendKeys(
            java.nio.file.Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/test/resources/officials/zccd.csv")
                .toAbsolutePath()
                .toString());
    browser.findElement(By.cssSelector("#officials-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("officials-done"), "0 added"));
    screenshot("staff-officials");
  }
}
