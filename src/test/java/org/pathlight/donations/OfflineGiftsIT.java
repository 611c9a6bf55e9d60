package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Api;
import org.pathlight.testing.Browser;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * Offline gifts as fundraising staff keep them: recorded once per Idempotency-Key (also in a race),
 * corrected and voided with the receipt number kept and a corrected acknowledgement, checks
 * returned unpaid, and deposit batches added up against their slip; by API and in real Chromium.
 */
@PathlightIT
class OfflineGiftsIT extends org.pathlight.testing.WithBrowser {

  private static final String PASSWORD = "a long fundraising password";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api admin() {
    return Api.sharedAdmin(base);
  }

  private static String check(String email, long amount, Object... more) {
    List<Object> pairs =
        new ArrayList<>(
            List.of(
                "email",
                email,
                "firstName",
                "Olive",
                "lastName",
                "Check",
                "source",
                "check",
                "amount",
                amount,
                "currency",
                "usd",
                "receivedOn",
                "2026-11-20",
                "reference",
                "1001"));
    pairs.addAll(List.of(more));
    return json(pairs.toArray());
  }

  private Api.Reply record(String body, String key) {
    return admin().post("/api/donations/offline", body, "Idempotency-Key", key);
  }

  private static long gifts(String email) throws Exception {
    return TestEnvironment.count(
        "select count(*) from gift g join supporter s on s.id = g.supporter_id where s.email = ?",
        email);
  }

  @Test
  void anOfflineGiftIsRecordedOncePerKeyEvenWhenEightRequestsRace() throws Exception {
    String email = Mailbox.unique("race");
    String body = check(email, 2500);
    String key = "race-" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      replies.add(
          pool.submit(
              () -> {
                go.await();
                return record(body, key);
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Future<Api.Reply> f : replies) {
      Api.Reply r = f.get();
      statuses.add(r.status());
      ids.add(r.json().getString("id"));
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(gifts(email)).isEqualTo(1);
    Mailbox.await(email, 1, Duration.ofSeconds(20));
    Mailbox.sleep(500);
    assertThat(Mailbox.to(email)).hasSize(1);
    // the same key with another gift is refused, and records nothing
    assertProblem(record(check(email, 9900), key), 422, "idempotency-key-reused");
    assertThat(gifts(email)).isEqualTo(1);
  }

  @Test
  void aCorrectionKeepsTheReceiptNumberAndAVoidIsFinal() throws Exception {
    String email = Mailbox.unique("correct");
    Api.Reply made = record(check(email, 50000), "c-" + System.nanoTime());
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String id = made.json().getString("id");
    String receipt = made.json().getString("receiptNumber");
    Mailbox.await(email, 1, Duration.ofSeconds(20));

    String fix = json("amount", 5000, "fundCode", "legal-aid", "reason", "the check says $50");
    Api.Reply corrected = admin().patch("/api/donations/" + id, fix);
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
    assertThat(corrected.json().getBoolean("changed")).isTrue();
    JsonObject gift = corrected.json().getJsonObject("gift");
    assertThat(gift.getJsonNumber("amountCharged").longValue()).isEqualTo(5000);
    assertThat(gift.getString("fundCode")).isEqualTo("legal-aid");
    assertThat(gift.getString("receiptNumber")).isEqualTo(receipt);
    // the same correction again changes nothing and sends nothing
    Api.Reply again = admin().patch("/api/donations/" + id, fix);
    assertThat(again.json().getBoolean("changed")).isFalse();
    Mailbox.await(email, 2, Duration.ofSeconds(20));
    Mailbox.sleep(500);
    assertThat(Mailbox.to(email)).hasSize(2);
    var correctedMail = Mailbox.withSubject(email, "Corrected receipt " + receipt);
    assertThat(correctedMail).hasSize(1);
    assertThat(Mailbox.text(correctedMail.get(0)))
        .contains("We corrected our record", "Amount:          $50.00", "Legal")
        .contains("keeps receipt number " + receipt);

    // a cash gift cannot bounce; a void is final and a repeat is refused politely
    assertProblem(
        admin().post("/api/donations/" + id + "/void", json("reason", " ")), 400, "validation");
    Api.Reply voided =
        admin().post("/api/donations/" + id + "/void", json("reason", "entered twice"));
    assertThat(voided.status()).as(voided.body()).isEqualTo(200);
    assertThat(voided.json().getString("status")).isEqualTo("voided");
    assertThat(voided.json().getString("receiptNumber")).isEqualTo(receipt);
    assertProblem(
        admin().post("/api/donations/" + id + "/void", json("reason", "again")),
        409,
        "already-void");
    assertProblem(
        admin().patch("/api/donations/" + id, json("amount", 100, "reason", "x")),
        409,
        "already-void");
    Mailbox.await(email, 3, Duration.ofSeconds(20));
    var voidMail = Mailbox.withSubject(email, "Receipt " + receipt + " is void");
    assertThat(voidMail).hasSize(1);
    assertThat(Mailbox.text(voidMail.get(0))).contains("issued in error and is void");
    assertThat(Mailbox.text(voidMail.get(0))).doesNotContain("entered twice");
    JsonObject detail = admin().get("/api/donations/" + id).json();
    assertThat(detail.getBoolean("correctable")).isFalse();
    assertThat(detail.getString("voidReason")).isEqualTo("entered twice");
    assertThat(detail.getJsonArray("receipts")).hasSize(3);
    // a voided gift holds nothing for impact
    assertThat(
            TestEnvironment.count(
                "select net from impact_gift i join gift g on g.id = i.id"
                    + " where g.public_id = ?::uuid",
                id))
        .isZero();
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event a join gift g on g.id::text = a.entity_id"
                    + " where g.public_id = ?::uuid"
                    + " and a.action in ('gift.corrected', 'gift.voided')",
                id))
        .isEqualTo(2);

    // a cash gift cannot be returned unpaid; an online gift is refunded, not voided
    String cash =
        record(
                json(
                    "email",
                    Mailbox.unique("cash"),
                    "source",
                    "cash",
                    "amount",
                    2000,
                    "currency",
                    "usd",
                    "receivedOn",
                    "2026-11-21"),
                "cash-" + System.nanoTime())
            .json()
            .getString("id");
    assertProblem(
        admin().post("/api/donations/" + cash + "/bounced", json("reason", "x")),
        409,
        "not-a-check");
    String online =
        GivingIT.throughTestCheckout(
            base, GivingIT.gift(Mailbox.unique("online"), 3000, "safe-housing"), "succeeded");
    assertProblem(
        admin().post("/api/donations/" + online + "/void", json("reason", "x")),
        409,
        "not-offline");
    assertProblem(
        admin().patch("/api/donations/" + online, json("amount", 100, "reason", "x")),
        409,
        "not-offline");
  }

  @Test
  void badCorrectionsAndBatchesAreRefusedWithNothingWritten() throws Exception {
    String email = Mailbox.unique("badfix");
    String id = record(check(email, 10000), "b-" + System.nanoTime()).json().getString("id");
    long audits = TestEnvironment.count("select count(*) from audit_event");
    long batches = TestEnvironment.count("select count(*) from deposit_batch");
    Api admin = admin();
    String path = "/api/donations/" + id;
    assertProblem(admin.patch(path, json("amount", 100)), 400, "validation");
    assertProblem(admin.patch(path, json("amount", 0, "reason", "x")), 400, "validation");
    assertProblem(admin.patch(path, json("amount", -1, "reason", "x")), 400, "validation");
    assertProblem(admin.patch(path, json("amount", "ten", "reason", "x")), 400, "malformed-json");
    assertProblem(admin.patch(path, json("benefitValue", 20000, "reason", "x")), 400, "validation");
    assertProblem(
        admin.patch(path, json("receivedOn", "2099-01-01", "reason", "x")), 400, "validation");
    assertProblem(
        admin.patch(path, json("receivedOn", "yesterday", "reason", "x")), 400, "validation");
    assertProblem(admin.patch(path, json("fundCode", "nope", "reason", "x")), 400, "validation");
    assertProblem(admin.patch(path, "{not json"), 400, "malformed-json");
    assertProblem(admin.patch("/api/donations/not-a-uuid", json("reason", "x")), 404, "not-found");
    assertProblem(admin.post("/api/deposit-batches", json("currency", "usd")), 400, "validation");
    assertProblem(
        admin.post("/api/deposit-batches", json("depositedOn", "2026-11-30", "currency", "xyz")),
        400,
        "validation");
    assertProblem(
        admin.post(
            "/api/deposit-batches",
            json("depositedOn", "2026-11-30", "currency", "usd", "expectedCount", 0)),
        400,
        "validation");
    assertProblem(
        admin.post("/api/deposit-batches", json("depositedOn", "2099-11-30", "currency", "usd")),
        400,
        "validation");
    assertProblem(admin.get("/api/deposit-batches/nope"), 404, "not-found");
    assertProblem(
        record(check(email, 100, "batch", "00000000-0000-0000-0000-000000000000"), "nb"),
        400,
        "validation");
    assertThat(TestEnvironment.count("select count(*) from audit_event")).isEqualTo(audits);
    assertThat(TestEnvironment.count("select count(*) from deposit_batch")).isEqualTo(batches);
    assertThat(admin.get(path).json().getJsonObject("gift").getJsonNumber("amount").longValue())
        .isEqualTo(10000);
    assertThat(gifts(email)).isEqualTo(1);

    // the wrong role gets 403, anonymous 401
    String vol = Mailbox.unique("volfix");
    Api.createStaff(admin, vol, "Val", PASSWORD, "volunteers");
    Api volunteers = new Api(base);
    volunteers.signIn(vol, PASSWORD);
    Api anonymous = new Api(base);
    for (Api who : List.of(volunteers, anonymous)) {
      int expected = who == anonymous ? 401 : 403;
      assertThat(who.patch(path, json("amount", 100, "reason", "x")).status()).isEqualTo(expected);
      assertThat(who.post(path + "/void", json("reason", "x")).status()).isEqualTo(expected);
      assertThat(who.post(path + "/bounced", json("reason", "x")).status()).isEqualTo(expected);
      assertThat(who.get("/api/deposit-batches").status()).isEqualTo(expected);
      assertThat(
              who.post("/api/deposit-batches", json("depositedOn", "2026-11-30", "currency", "usd"))
                  .status())
          .isEqualTo(expected);
    }
    assertThat(TestEnvironment.count("select count(*) from deposit_batch")).isEqualTo(batches);
  }

  @Test
  void aBatchTakesGiftsUntilItClosesAndClosesOnlyWhenItMatchesTheSlip() throws Exception {
    Api admin = admin();
    Api.Reply opened =
        admin.post(
            "/api/deposit-batches",
            json(
                "depositedOn",
                "2026-11-30",
                "reference",
                "D-42",
                "currency",
                "usd",
                "expectedCount",
                2,
                "expectedTotal",
                15000));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    String batch = opened.json().getString("id");
    String email = Mailbox.unique("batch");
    assertThat(record(check(email, 10000, "batch", batch), "b1-" + batch).status()).isEqualTo(201);
    assertProblem(
        admin.post("/api/deposit-batches/" + batch + "/close", ""), 409, "batch-unbalanced");
    assertProblem(
        record(check(email, 5000, "batch", batch, "currency", "eur"), "b2x-" + batch),
        400,
        "validation");
    assertThat(record(check(email, 4000, "batch", batch), "b2-" + batch).status()).isEqualTo(201);
    Api.Reply off = admin.post("/api/deposit-batches/" + batch + "/close", "");
    assertProblem(off, 409, "batch-unbalanced");
    assertThat(off.json().getString("detail"))
        .isEqualTo("The deposit slip totals $150.00, and the entered gifts total $140.00.");
    String third = record(check(email, 1000, "batch", batch), "b3-" + batch).json().getString("id");
    assertProblem(
        admin.post("/api/deposit-batches/" + batch + "/close", ""), 409, "batch-unbalanced");
    assertThat(
            admin.post("/api/donations/" + third + "/void", json("reason", "wrong batch")).status())
        .isEqualTo(200);
    assertThat(
            admin
                .patch(
                    "/api/donations/"
                        + admin
                            .get("/api/deposit-batches/" + batch)
                            .json()
                            .getJsonArray("gifts")
                            .getValuesAs(JsonObject.class)
                            .stream()
                            .filter(g -> g.getJsonNumber("amount").longValue() == 4000)
                            .findFirst()
                            .orElseThrow()
                            .getString("id"),
                    json("amount", 5000, "reason", "typed 40 for 50"))
                .status())
        .isEqualTo(200);
    Api.Reply closed = admin.post("/api/deposit-batches/" + batch + "/close", "");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().getBoolean("open")).isFalse();
    assertThat(closed.json().getJsonNumber("total").longValue()).isEqualTo(15000);
    assertThat(closed.json().getJsonNumber("voidedCount").longValue()).isEqualTo(1);
    assertProblem(admin.post("/api/deposit-batches/" + batch + "/close", ""), 409, "batch-closed");
    assertProblem(record(check(email, 100, "batch", batch), "b4-" + batch), 409, "batch-closed");
    // a check of the closed batch can still come back unpaid
    String first =
        admin.get("/api/deposit-batches/" + batch).json().getJsonArray("gifts").stream()
            .map(JsonObject.class::cast)
            .filter(g -> g.getJsonNumber("amount").longValue() == 10000)
            .findFirst()
            .orElseThrow()
            .getString("id");
    assertThat(admin.post("/api/donations/" + first + "/bounced", json("reason", "NSF")).status())
        .isEqualTo(200);
    JsonObject after = admin.get("/api/deposit-batches/" + batch).json().getJsonObject("batch");
    assertThat(after.getJsonNumber("bouncedTotal").longValue()).isEqualTo(10000);
    assertThat(after.getJsonNumber("total").longValue()).isEqualTo(15000);
    var listed =
        admin.get("/api/deposit-batches").array().getValuesAs(JsonObject.class).stream()
            .filter(b -> b.getString("id").equals(batch))
            .toList();
    assertThat(listed).hasSize(1);
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where action in"
                    + " ('deposit-batch.opened', 'deposit-batch.closed')"
                    + " and entity_id = (select id::text from deposit_batch where public_id = ?::uuid)",
                batch))
        .isEqualTo(2);
    var bounced = Mailbox.withSubject(email, "Receipt ");
    Mailbox.await(email, 6, Duration.ofSeconds(20));
    assertThat(
            Mailbox.to(email).stream()
                .map(Mailbox::text)
                .filter(t -> t.contains("returned this check")))
        .hasSize(1);
    assertThat(bounced).isNotNull();
  }

  private String url(String path) {
    return base.toString().replaceFirst("/$", "") + path;
  }

  private static void submitAndConfirm(WebDriverWait wait, String form) {
    browser.findElement(By.cssSelector(form + " button[type=submit]")).click();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#staff-confirm .confirm-ok")))
        .click();
  }

  private static void type(String id, String text) {
    WebElement e = browser.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  @Test
  void aFundraiserEntersACheckBatchClosesItAndCorrectsAndBouncesAGift() throws Exception {
    String fundraiser = Mailbox.unique("frank");
    Api.createStaff(admin(), fundraiser, "Frank Fundraiser", PASSWORD, "fundraising");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(browser, base, fundraiser, PASSWORD, 1280);
    browser.findElement(By.linkText("Deposits")).click();

    // open a batch: a bad count is said in words beside its field
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-form")));
    type("batch-reference", "D-77");
    type("batch-count", "two");
    type("batch-total", "150");
    browser.findElement(By.cssSelector("#batch-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batch-count-error")))
                .getText())
        .isEqualTo("Enter how many checks the slip lists, such as 12.");
    type("batch-count", "2");
    browser.findElement(By.cssSelector("#batch-form button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/staff/batches/"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("batch-title"), "D-77"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline-form")));

    // a check with no email and no amount: both said in words
    browser.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("off-email-error")))
                .getText())
        .isEqualTo("Enter the donor's email.");
    assertThat(browser.findElement(By.id("off-amount-error")).getText())
        .isEqualTo("Enter the amount, such as 100 or 100.00.");
    String donor = Mailbox.unique("pagecheck");
    type("off-email", donor);
    type("off-first", "Paula");
    type("off-last", "Page");
    type("off-amount", "100");
    type("off-reference", "2001");
    browser.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("offline-done"), "Entered $100.00"));
    type("off-email", Mailbox.unique("pagecheck2"));
    type("off-amount", "40");
    type("off-reference", "2002");
    browser.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("offline-done"), "Entered $40.00"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("batch-standing"), "totals $150.00, and the entered gifts total $140.00"));
    assertThat(browser.findElements(By.cssSelector("#batch-gifts tr[data-gift]"))).hasSize(2);
    Browser.screenshot(browser, "staff-batch");

    // correct the $40 check to $50 from its page
    browser.findElement(By.linkText("Paula Page")).getText();
    List<WebElement> rows = browser.findElements(By.cssSelector("#batch-gifts tr[data-gift]"));
    WebElement forty =
        rows.stream().filter(r -> r.getText().contains("$40.00")).findFirst().orElseThrow();
    forty.findElement(By.tagName("a")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("correct-card")));
    assertThat(browser.findElement(By.id("refund-card")).isDisplayed()).isFalse();
    type("fix-amount", "50");
    browser.findElement(By.cssSelector("#correct-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("fix-reason-error")))
                .getText())
        .isEqualTo("Say why the gift is corrected.");
    type("fix-reason", "The check says $50");
    submitAndConfirm(wait, "#correct-form");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("gift-title"), "$50.00"));
    assertThat(browser.findElement(By.id("correct-done")).getText()).contains("Corrected");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#receipts tbody"), "Corrected receipt"));
    Browser.screenshot(browser, "staff-gift-offline");
    browser.findElement(By.linkText("Open the batch")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("batch-standing"), "match the slip"));
    browser.findElement(By.id("batch-close")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("2 gifts totalling $150.00");
    dialog.findElement(By.cssSelector(".confirm-ok")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("batch-standing"), "closed"));
    assertThat(browser.findElement(By.id("entry-card")).isDisplayed()).isFalse();

    // the $100 check comes back unpaid
    browser.findElement(By.linkText("Paula Page")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("void-form")));
    new Select(browser.findElement(By.id("void-kind"))).selectByValue("bounced");
    type("void-reason", "Insufficient funds");
    browser.findElement(By.cssSelector("#void-form button[type=submit]")).click();
    dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("returned unpaid", donor, "cannot be undone");
    Browser.screenshot(browser, "staff-gift-void-confirm");
    dialog.findElement(By.cssSelector(".confirm-ok")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("gift-facts"), "Check returned unpaid"));
    assertThat(browser.findElement(By.id("gift-facts")).getText()).contains("Insufficient funds");
    assertThat(browser.findElement(By.id("correct-card")).isDisplayed()).isFalse();
    Mailbox.await(donor, 2, Duration.ofSeconds(20));
    assertThat(Mailbox.withSubject(donor, "Receipt ")).hasSize(1);

    // the pages on a phone
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.findElement(By.linkText("Open the batch")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("batch-standing"), "closed"));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-batch-phone");
    browser.get(url("/staff/gifts/new"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline-form")));
    new Select(browser.findElement(By.id("off-source"))).selectByValue("in_kind");
    assertThat(browser.findElement(By.id("off-amount")).isDisplayed()).isFalse();
    type("off-email", Mailbox.unique("coats"));
    browser.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(By.id("off-description-error")))
                .getText())
        .isEqualTo("Describe what was given.");
    type("off-description", "20 winter coats");
    browser.findElement(By.cssSelector("#offline-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("offline-done"), "Recorded a gift in kind"));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-gift-new-phone");
    browser.get(url("/staff/batches"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#batches tr[data-batch]")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-batches-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  private String gift(String email, String source, long amount, String fund, String day) {
    Api.Reply r =
        record(
            json(
                "email",
                email,
                "source",
                source,
                "amount",
                amount,
                "currency",
                "usd",
                "fundCode",
                fund,
                "receivedOn",
                day),
            "r-" + System.nanoTime());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getString("id");
  }

  @Test
  void reportsCountReceivedGiftsByFundAndMonthAndRetentionByYear() throws Exception {
    // years no other test gives in (ImpactIT: five and six years back; GivingIT: last year)
    int y = java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")).getYear() - 2;
    String y0 = String.valueOf(y - 2);
    String y1 = String.valueOf(y - 1);
    String y2 = String.valueOf(y);
    Api admin = admin();
    String fund = "report-" + (System.nanoTime() % 100000);
    assertThat(
            admin
                .post("/api/funds", json("code", fund, "name", "Report fund", "restricted", false))
                .status())
        .isEqualTo(201);
    String tag = "ret" + System.nanoTime();
    String a = tag + "a@example.org";
    String b = tag + "b@example.org";
    String c = tag + "c@example.org";
    String d = tag + "d@example.org";
    String e = tag + "e@example.org";
    String f = tag + "f@example.org";
    gift(a, "check", 10000, fund, y0 + "-05-01");
    gift(a, "check", 10000, fund, y2 + "-03-10");
    gift(b, "cash", 5000, fund, y1 + "-06-01");
    gift(b, "check", 5000, fund, y2 + "-03-20");
    gift(c, "check", 2500, fund, y1 + "-07-01");
    gift(d, "check", 7000, fund, y0 + "-02-01");
    gift(e, "cash", 1000, fund, y2 + "-04-01");
    String voided = gift(f, "check", 3000, fund, y1 + "-01-05");
    String alsoVoid = gift(e, "check", 3000, fund, y2 + "-03-05");
    for (String v : List.of(voided, alsoVoid)) {
      assertThat(admin.post("/api/donations/" + v + "/void", json("reason", "test")).status())
          .isEqualTo(200);
    }
    var march =
        admin
            .get("/api/reports/funds?from=" + y2 + "-03&to=" + y2 + "-04")
            .array()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(m -> m.getString("fundCode").equals(fund))
            .toList();
    assertThat(march).extracting(m -> m.getString("month")).containsExactly(y2 + "-03", y2 + "-04");
    assertThat(march.get(0).getInt("gifts")).isEqualTo(2);
    assertThat(march.get(0).getJsonNumber("gross").longValue()).isEqualTo(15000);
    assertThat(march.get(0).getJsonNumber("net").longValue()).isEqualTo(15000);
    assertThat(march.get(0).getJsonNumber("fees").longValue()).isZero();
    assertThat(march.get(0).getString("fundName")).isEqualTo("Report fund");
    String csv =
        admin
            .download("/api/reports/funds.csv?from=" + y2 + "-03&to=" + y2 + "-03", "text/csv")
            .text();
    assertThat(csv)
        .startsWith("month,fund,fund_name")
        .contains(y2 + "-03," + fund + ",Report fund,usd,2,150.00");

    JsonObject report = admin.get("/api/reports/retention?year=" + y2).json();
    JsonObject r = report.getJsonObject("retention");
    assertThat(r.getInt("donorsThisYear")).isEqualTo(3);
    assertThat(r.getInt("donorsLastYear")).isEqualTo(2);
    assertThat(r.getInt("retained")).isEqualTo(1);
    assertThat(r.getInt("newThisYear")).isEqualTo(1);
    assertThat(r.getInt("lybunt")).isEqualTo(1);
    // SYBUNT looks back over every earlier year, where other tests give too: at least ours
    assertThat(r.getInt("sybunt")).isGreaterThanOrEqualTo(1);
    assertThat(r.getInt("newLastYear")).isEqualTo(2);
    assertThat(r.getInt("newLastYearRetained")).isEqualTo(1);
    assertThat(r.getJsonNumber("retentionRate").doubleValue()).isEqualTo(0.5);
    assertThat(r.getJsonNumber("firstYearRetentionRate").doubleValue()).isEqualTo(0.5);
    assertThat(report.getJsonArray("lybunt").getValuesAs(JsonObject.class))
        .extracting(x -> x.getString("email"))
        .containsExactly(c);
    assertThat(report.getJsonArray("sybunt").getValuesAs(JsonObject.class))
        .extracting(x -> x.getString("email"))
        .contains(d)
        .doesNotContain(a, b, c, e, f);
    String lybunt =
        admin.download("/api/reports/lapsed.csv?year=" + y2 + "&segment=lybunt", "text/csv").text();
    assertThat(lybunt.lines()).hasSize(2);
    assertThat(lybunt).contains(c + ",,," + y1 + "-07-01,usd,25.00,25.00");
    assertProblem(admin.get("/api/reports/retention?year=nineteen"), 400, "validation");
    assertProblem(admin.get("/api/reports/retention?year=2999"), 400, "validation");
    assertProblem(admin.get("/api/reports/funds?from=2022-13"), 400, "validation");
    assertProblem(admin.get("/api/reports/funds?from=2022-05&to=2022-01"), 400, "validation");
    assertProblem(admin.get("/api/reports/funds?from=2010-01&to=2022-01"), 400, "validation");
    assertProblem(
        admin.get(
            "/api/reports/lapsed.csv?segment=all", "Accept", "text/csv, application/problem+json"),
        400,
        "validation");
    assertProblem(new Api(base).get("/api/reports/funds"), 401, "unauthorized");

    // the page, on a phone
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 390);
    browser.get(url("/staff/reports"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#retention-tiles .tile")));
    WebElement year = browser.findElement(By.name("year"));
    year.clear();
    year.sendKeys(y2);
    browser.findElement(By.cssSelector("#retention-form button[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("lybunt"), c));
    assertThat(browser.findElement(By.id("retention-tiles")).getText())
        .contains("Retention", "50%", "1 of 2 donors of " + y1 + " gave again");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-reports-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
    browser.navigate().refresh();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#fund-months tr.total")));
    Browser.screenshot(browser, "staff-reports");
  }
}
