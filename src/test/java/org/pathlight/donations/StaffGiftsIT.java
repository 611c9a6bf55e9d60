package org.pathlight.donations;

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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Api;
import org.pathlight.testing.Browser;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * The fundraising side of the staff workspace through the test processor: the staff home, gift
 * search, a gift's page, refunds and receipt copies, by API and in real Chromium.
 */
@PathlightIT
class StaffGiftsIT extends org.pathlight.testing.WithBrowser {

  private static final String PASSWORD = "a long fundraising password";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api admin() {
    return Api.sharedAdmin(base);
  }

  /** A new staff account with these roles, signed in. */
  private Api staff(String email, String... roles) {
    Api.createStaff(admin(), email, "Fran Fundraiser", PASSWORD, roles);
    Api api = new Api(base);
    assertThat(api.signIn(email, PASSWORD).status()).isEqualTo(200);
    return api;
  }

  /** A gift paid through the TEST checkout: its id. */
  private String paidGift(String email, long amount) {
    return GivingIT.throughTestCheckout(
        base, GivingIT.gift(email, amount, "safe-housing"), "succeeded");
  }

  private JsonObject detail(String id) {
    return admin().get("/api/donations/" + id).json();
  }

  private Api.Reply refund(Api api, String id, String key, String body) {
    return api.post("/api/donations/" + id + "/refunds", body, "Idempotency-Key", key);
  }

  @Test
  void aRefundThroughTheTestProcessorHappensOnceAndAReceiptCopyIsMarkedAsOne() throws Exception {
    String email = Mailbox.unique("refundtest");
    String id = paidGift(email, 5000);
    Mailbox.await(email, 1, Duration.ofSeconds(20));
    String key = "k-" + System.nanoTime();
    String body = json("amount", 2000, "reason", "gave twice by mistake");
    Api.Reply first = refund(admin(), id, key, body);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().getString("status")).isEqualTo("succeeded");
    Api.Reply again = refund(admin(), id, key, body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("refundId")).isEqualTo(first.json().getString("refundId"));
    assertThat(again.json().getString("status")).isEqualTo("succeeded");
    JsonObject d = detail(id);
    assertThat(d.getJsonObject("gift").getString("status")).isEqualTo("partially_refunded");
    assertThat(d.getJsonObject("gift").getJsonNumber("refundedAmount").longValue()).isEqualTo(2000);
    assertThat(d.getJsonNumber("refundable").longValue()).isEqualTo(3000);
    assertThat(d.getJsonArray("refundRequests")).hasSize(1);
    assertThat(d.getJsonArray("refundRequests").getJsonObject(0).getString("state"))
        .isEqualTo("sent");

    // a copy of the receipt, once per request key
    String copyKey = "c-" + System.nanoTime();
    Api.Reply copy =
        admin().post("/api/donations/" + id + "/receipt", "", "Idempotency-Key", copyKey);
    assertThat(copy.status()).as(copy.body()).isEqualTo(200);
    assertThat(copy.json().getBoolean("queued")).isTrue();
    assertThat(copy.json().getString("to")).isEqualTo(email);
    Api.Reply copyAgain =
        admin().post("/api/donations/" + id + "/receipt", "", "Idempotency-Key", copyKey);
    assertThat(copyAgain.json().getBoolean("queued")).isFalse();

    Mailbox.await(email, 3, Duration.ofSeconds(20));
    Mailbox.sleep(1000);
    assertThat(Mailbox.to(email)).hasSize(3);
    assertThat(Mailbox.withSubject(email, "[TEST] Corrected receipt")).hasSize(1);
    var copies = Mailbox.withSubject(email, "[TEST] Copy: ");
    assertThat(copies).hasSize(1);
    assertThat(Mailbox.text(copies.get(0)))
        .contains(
            "COPY: this repeats receipt",
            "not a new gift",
            "$20.00 of it was",
            "you may deduct $30.00");
    // the gift's page lists all three, in order
    var receipts = detail(id).getJsonArray("receipts").getValuesAs(JsonObject.class);
    assertThat(receipts)
        .extracting(r -> r.getString("subject"))
        .satisfiesExactly(
            s -> assertThat(s).contains("Thank you for your gift"),
            s -> assertThat(s).contains("Corrected receipt"),
            s -> assertThat(s).startsWith("[TEST] Copy: "));
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event a join gift g on g.id::text = a.entity_id"
                    + " where g.public_id = ?::uuid and a.action in ('gift.refund', 'gift.receipt.copy')",
                id))
        .isEqualTo(2);
    // all of what is left, then nothing more
    assertThat(
            refund(
                    admin(),
                    id,
                    "k2-" + System.nanoTime(),
                    json("amount", 3000, "reason", "all of it"))
                .status())
        .isEqualTo(201);
    assertThat(detail(id).getJsonObject("gift").getString("status")).isEqualTo("refunded");
    assertProblem(
        refund(admin(), id, "k3-" + System.nanoTime(), json("amount", 1, "reason", "more")),
        409,
        "already-refunded");
  }

  @Test
  void badRefundsAreRefusedAndWriteNothing() throws Exception {
    String id = paidGift(Mailbox.unique("badrefund"), 3000);
    long before = TestEnvironment.count("select count(*) from refund_request");
    Api admin = admin();
    String k = "b-" + System.nanoTime();
    assertProblem(refund(admin, id, k + "1", json("reason", "x")), 400, "validation");
    assertProblem(refund(admin, id, k + "2", json("amount", 0, "reason", "x")), 400, "validation");
    assertProblem(refund(admin, id, k + "3", json("amount", -5, "reason", "x")), 400, "validation");
    assertProblem(
        refund(admin, id, k + "4", "{\"amount\": \"ten\", \"reason\": \"x\"}"),
        400,
        "malformed-json");
    assertProblem(
        refund(admin, id, k + "5", json("amount", 100, "reason", " ")), 400, "validation");
    assertProblem(
        refund(admin, id, k + "6", json("amount", 100, "reason", "x".repeat(501))),
        400,
        "validation");
    assertProblem(refund(admin, id, k + "7", "{not json"), 400, "malformed-json");
    Api.Reply tooMuch = refund(admin, id, k + "8", json("amount", 3001, "reason", "x"));
    assertProblem(tooMuch, 400, "validation");
    assertThat(tooMuch.json().getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("at most $30.00");
    assertProblem(
        refund(admin, id, "bad key with spaces", json("amount", 100, "reason", "x")),
        400,
        "validation");
    assertProblem(
        refund(admin, "not-a-uuid", k + "9", json("amount", 100, "reason", "x")), 404, "not-found");
    // an offline gift is not refunded through a processor
    Api.Reply check =
        admin.post(
            "/api/donations/offline",
            json(
                "email",
                Mailbox.unique("check"),
                "source",
                "check",
                "amount",
                2500,
                "currency",
                "usd",
                "receivedOn",
                "2026-11-02"));
    assertThat(check.status()).as(check.body()).isEqualTo(201);
    assertProblem(
        refund(admin, check.json().getString("id"), k + "10", json("amount", 100, "reason", "x")),
        409,
        "not-refundable");
    // a gift never paid
    Api.Reply unpaid =
        new Api(base)
            .post("/api/donations", GivingIT.gift(Mailbox.unique("unpaid"), 1500, "safe-housing"));
    assertProblem(
        refund(admin, unpaid.json().getString("id"), k + "11", json("amount", 100, "reason", "x")),
        409,
        "not-refundable");
    assertProblem(
        admin.post("/api/donations/" + unpaid.json().getString("id") + "/receipt", ""),
        409,
        "no-receipt");
    assertThat(TestEnvironment.count("select count(*) from refund_request")).isEqualTo(before);
  }

  @Test
  void theWrongRoleGets403AnonymousGets401AndTheHomeShowsOnlyYourRoles() {
    String id = paidGift(Mailbox.unique("roles"), 2000);
    Api volunteers = staff(Mailbox.unique("volstaff"), "volunteers");
    Api anonymous = new Api(base);
    String body = json("amount", 100, "reason", "x");
    assertProblem(refund(volunteers, id, "r-" + System.nanoTime(), body), 403, "role-required");
    assertProblem(refund(anonymous, id, "r-" + System.nanoTime(), body), 401, "unauthorized");
    assertProblem(volunteers.post("/api/donations/" + id + "/receipt", ""), 403, "role-required");
    assertProblem(anonymous.post("/api/donations/" + id + "/receipt", ""), 401, "unauthorized");
    assertProblem(volunteers.get("/api/donations/" + id), 403, "role-required");
    assertProblem(anonymous.get("/api/staff/dashboard"), 401, "unauthorized");
    var sections = volunteers.get("/api/staff/dashboard").json().getJsonArray("sections");
    assertThat(sections.getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("role"))
        .containsOnly("volunteers");
    var all = admin().get("/api/staff/dashboard").json().getJsonArray("sections");
    assertThat(all.getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("title"))
        .containsExactly(
            "Fundraising", "Volunteers", "Shifts", "Advocacy", "Impact", "Email", "Recent changes");
    assertThat(all.getValuesAs(JsonObject.class)).allMatch(s -> !s.getBoolean("failed"));
  }

  @Test
  void giftsAreFoundBySourceAmountAndNameAPageAtATime() {
    String tag = "pager" + System.nanoTime();
    Api admin = admin();
    for (int i = 1; i <= 5; i++) {
      Api.Reply r =
          admin.post(
              "/api/donations/offline",
              json(
                  "email",
                  tag + i + "@example.org",
                  "lastName",
                  tag,
                  "source",
                  i % 2 == 0 ? "cash" : "check",
                  "amount",
                  1000 * i,
                  "currency",
                  "usd",
                  "receivedOn",
                  "2026-11-0" + i));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    assertThat(admin.get("/api/donations?q=" + tag).array()).hasSize(5);
    assertThat(admin.get("/api/donations?q=" + tag + "&source=cash").array()).hasSize(2);
    assertThat(admin.get("/api/donations?q=" + tag + "&min=2000&max=4000").array()).hasSize(3);
    var first = admin.get("/api/donations?q=" + tag + "&limit=2").array();
    var second = admin.get("/api/donations?q=" + tag + "&limit=2&offset=2").array();
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2);
    assertThat(first.getJsonObject(0).getString("id"))
        .isNotEqualTo(second.getJsonObject(0).getString("id"));
    // newest received first
    assertThat(first.getJsonObject(0).getString("receivedOn")).isEqualTo("2026-11-05");
    String csv =
        admin.download("/api/donations/export.csv?q=" + tag + "&source=check", "text/csv").text();
    assertThat(csv.lines().count()).isEqualTo(4);
    assertProblem(admin.get("/api/donations?min=ten"), 400, "validation");
    assertProblem(admin.get("/api/donations?min=500&max=100"), 400, "validation");
    assertProblem(admin.get("/api/donations?source=barter"), 400, "validation");
    assertProblem(admin.get("/api/donations?offset=-1"), 400, "validation");
  }

  /** Submits the form and says yes in the confirmation dialog. */
  private static void submitAndConfirm(WebDriverWait wait, String form) {
    browser.findElement(By.cssSelector(form + " button[type=submit]")).click();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#staff-confirm .confirm-ok")))
        .click();
  }

  private String url(String path) {
    return base.toString().replaceFirst("/$", "") + path;
  }

  @Test
  void aFundraiserSignsInFromAGiftsLinkFindsAGiftRefundsPartAndResendsTheReceipt()
      throws Exception {
    String donor = Mailbox.unique("pagegift");
    String id = paidGift(donor, 7500);
    Mailbox.await(donor, 1, Duration.ofSeconds(20));
    String fundraiser = Mailbox.unique("fran");
    staff(fundraiser, "fundraising");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new Dimension(1280, 900));

    // signed out, the gifts page sends them to sign in and back
    browser.get(url("/staff/gifts?q=" + donor));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("need-signin")));
    browser.findElement(By.id("signin-link")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email-error")))
                .getText())
        .isEqualTo("Enter your email.");
    browser.findElement(By.id("email")).sendKeys(fundraiser);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/staff/gifts"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#gifts tr[data-gift]")));
    // the navigation is the fundraiser's: no shifts, no campaigns
    List<String> nav =
        browser.findElements(By.cssSelector(".staff-nav a")).stream()
            .filter(WebElement::isDisplayed)
            .map(WebElement::getText)
            .toList();
    assertThat(nav)
        .containsExactly(
            "Home",
            "People",
            "Gifts",
            "Recurring gifts",
            "Deposits",
            "Funds",
            "Reports",
            "Impact",
            "Newsletters");
    assertThat(browser.findElement(By.id("staff-who")).getText()).contains(fundraiser);
    assertThat(browser.findElements(By.cssSelector("#gifts tr[data-gift]"))).hasSize(1);
    assertThat(browser.findElement(By.id("gifts-csv")).getAttribute("href"))
        .contains("export.csv?q=");
    // a bad amount in the filter is said next to it, in words
    browser.findElement(By.name("min")).sendKeys("lots");
    browser.findElement(By.cssSelector("#gift-filter button[type=submit]")).click();
    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#gift-filter .field-error")))
                .getText())
        .isEqualTo("Enter an amount such as 25 or 25.50.");
    Browser.screenshot(browser, "staff-gifts");
    browser.findElement(By.name("min")).clear();
    browser.findElement(By.cssSelector("#gifts tr[data-gift] a")).click();

    // the gift's page
    wait.until(ExpectedConditions.urlContains("/staff/gifts/" + id));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gift-title"), "$75.00"));
    assertThat(browser.findElement(By.id("donor-facts")).getText()).contains(donor);
    assertThat(browser.findElement(By.id("refund-left")).getText()).contains("Up to $75.00");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#receipts tbody"), "Thank you"));
    WebElement amount = browser.findElement(By.id("refund-amount"));
    amount.clear();
    amount.sendKeys("abc");
    browser.findElement(By.cssSelector("#refund-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-amount-error")))
                .getText())
        .isEqualTo("Enter the amount to refund, such as 25.00.");
    assertThat(browser.findElement(By.id("refund-reason-error")).getText())
        .isEqualTo("Say why the gift is refunded.");
    // more than is left: the server's answer shows beside the amount
    amount.clear();
    amount.sendKeys("80");
    browser.findElement(By.id("refund-reason")).sendKeys("The donor asked");
    submitAndConfirm(wait, "#refund-form");
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-amount-error")))
                .getText())
        .isEqualTo("Can be at most $75.00, what is left to refund.");
    // cancel changes nothing
    amount.clear();
    amount.sendKeys("25");
    browser.findElement(By.cssSelector("#refund-form button[type=submit]")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("Refund $25.00 to " + donor, "cannot be undone");
    Browser.screenshot(browser, "staff-gift-confirm");
    dialog.findElement(By.cssSelector(".confirm-cancel")).click();
    assertThat(detail(id).getJsonArray("refundRequests")).isEmpty();
    submitAndConfirm(wait, "#refund-form");
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refund-done")))
                .getText())
        .contains("Refunded $25.00");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("gift-facts"), "Partly refunded"));
    assertThat(browser.findElement(By.cssSelector("#refunds tbody")).getText())
        .contains("The donor asked", "Refunded");
    browser.findElement(By.id("resend-receipt")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("resend-done")))
                .getText())
        .contains("A copy of the receipt is on its way to " + donor);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#receipts tbody"), "Copy:"));
    Browser.screenshot(browser, "staff-gift");
    assertThat(detail(id).getJsonObject("gift").getJsonNumber("refundedAmount").longValue())
        .isEqualTo(2500);

    // the same pages on a phone
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gift-title"), "$75.00"));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-gift-phone");
    browser.get(url("/staff/gifts"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#gifts tr[data-gift]")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-gifts-phone");
    browser.get(url("/staff/"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dash-section")));
    assertThat(
            browser.findElements(By.cssSelector(".dash-section h2")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly("Fundraising");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-home-fundraising-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  void aPlansPageListsByStatusAndAPlanIsCanceledOnceWithItsReason() throws Exception {
    String donor = Mailbox.unique("planpage");
    String plan =
        GivingIT.throughTestCheckout(
            base, GivingIT.gift(donor, 2500, "safe-housing", "frequency", "monthly"), "succeeded");
    // the API: the plan with its first instalment; the wrong role and a bad id
    JsonObject detail = admin().get("/api/plans/" + plan).json();
    assertThat(detail.getJsonObject("plan").getString("status")).isEqualTo("active");
    assertThat(detail.getJsonArray("instalments")).hasSize(1);
    assertProblem(admin().get("/api/plans/not-a-plan"), 404, "not-found");
    assertProblem(new Api(base).get("/api/plans/" + plan), 401, "unauthorized");
    assertProblem(
        staff(Mailbox.unique("volplan"), "volunteers").get("/api/plans/" + plan),
        403,
        "role-required");
    assertProblem(
        admin().post("/api/plans/" + plan + "/cancel", json("reason", " ")), 400, "validation");

    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 1280);
    browser.findElement(By.linkText("Recurring gifts")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#plan-summary .tile")));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("plan-status")))
        .selectByValue("active");
    By row = By.cssSelector("#plans tr[data-plan='" + plan + "']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    Browser.screenshot(browser, "staff-plans");
    browser.findElement(row).findElement(By.tagName("a")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("plan-title"), "$25.00 every month"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#instalments tbody"), "Paid"));
    browser.findElement(By.cssSelector("#cancel-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-reason-error")))
                .getText())
        .isEqualTo("Say why it is canceled.");
    browser.findElement(By.id("cancel-reason")).sendKeys("The donor phoned to stop");
    submitAndConfirm(wait, "#cancel-form");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-facts"), "Canceled"));
    assertThat(browser.findElement(By.id("plan-facts")).getText())
        .contains("The donor phoned to stop");
    assertThat(browser.findElement(By.id("cancel-card")).isDisplayed()).isFalse();
    Browser.screenshot(browser, "staff-plan");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-facts"), "Canceled"));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-plan-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
    // a second cancel is refused politely
    assertProblem(
        admin().post("/api/plans/" + plan + "/cancel", json("reason", "again")),
        409,
        "plan-canceled");
  }

  @Test
  void aFundIsAddedGivenAnAskRenamedAndClosedFromItsPage() throws Exception {
    assertProblem(
        admin()
            .send(
                "PUT",
                "/api/funds/where-most-needed",
                "application/json",
                json("code", "where-most-needed", "name", "Where most needed", "active", false)),
        409,
        "default-fund");
    String code = "winter-" + (System.nanoTime() % 100000);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 1280);
    browser.findElement(By.linkText("Funds")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#funds .card")));
    browser.findElement(By.id("new-code")).sendKeys("Winter Appeal");
    browser.findElement(By.cssSelector("#new-fund button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-code-error")))
                .getText())
        .isEqualTo("Use lowercase letters, digits and dashes, such as winter-appeal.");
    assertThat(browser.findElement(By.id("new-name-error")).getText())
        .isEqualTo("Give the fund a name donors will see.");
    browser.findElement(By.id("new-code")).clear();
    browser.findElement(By.id("new-code")).sendKeys(code);
    browser.findElement(By.id("new-name")).sendKeys("Winter appeal");
    browser.findElement(By.id("new-description")).sendKeys("Coats and heating for the safe house");
    browser.findElement(By.cssSelector("#new-fund button[type=submit]")).click();
    By card = By.cssSelector("#funds [data-fund='" + code + "']");
    WebElement fund = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
    // an ask with no label is said beside it
    fund.findElement(By.xpath(".//button[text()='Add a suggested amount']")).click();
    browser.findElement(By.id(code + "-ask-0-amount")).sendKeys("75");
    fund.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.id(code + "-ask-0-label-error")))
                .getText())
        .isEqualTo("Say what this amount pays for.");
    browser.findElement(By.id(code + "-ask-0-label")).sendKeys("A winter coat and boots");
    WebElement name = browser.findElement(By.id("f-" + code + "-name"));
    name.clear();
    name.sendKeys("Winter appeal 2026");
    fund.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("f-" + code + "-done"), "Saved Winter appeal 2026."));
    JsonObject saved =
        admin().get("/api/funds?all=true").array().getValuesAs(JsonObject.class).stream()
            .filter(f -> f.getString("code").equals(code))
            .findFirst()
            .orElseThrow();
    assertThat(saved.getString("name")).isEqualTo("Winter appeal 2026");
    assertThat(
            saved.getJsonArray("askAmounts").getJsonObject(0).getJsonNumber("amount").longValue())
        .isEqualTo(7500);
    Browser.screenshot(browser, "staff-funds");
    // the donation page's funds (kept in memory) show the new name at once, and lose the fund at
    // once when it closes
    assertThat(new Api(base).get("/api/funds").array().getValuesAs(JsonObject.class))
        .anyMatch(f -> f.getString("code").equals(code) && f.getString("name").endsWith("2026"));
    // closing is confirmed, and then the fund takes no gifts
    browser.findElement(card).findElement(By.cssSelector(".fund-toggle")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("Close Winter appeal 2026?");
    dialog.findElement(By.cssSelector(".confirm-ok")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "(closed)"));
    assertThat(new Api(base).get("/api/funds").array().getValuesAs(JsonObject.class))
        .noneMatch(f -> f.getString("code").equals(code));
    assertProblem(
        admin()
            .post(
                "/api/donations/offline",
                json(
                    "email",
                    Mailbox.unique("closedfund"),
                    "source",
                    "cash",
                    "amount",
                    1000,
                    "currency",
                    "usd",
                    "fundCode",
                    code,
                    "receivedOn",
                    "2026-11-20")),
        400,
        "validation");
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where entity_type = 'fund' and entity_id = ?",
                code))
        .isEqualTo(3);
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(card));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-funds-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }
}
