package org.pathlight.newsletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Api;
import org.pathlight.testing.Browser;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;
import org.pathlight.testing.WithBrowser;

/**
 * Email consent by topic, end to end: double opt-in from the sign-up form, the preferences page
 * from its signed link, RFC 8058 one-click unsubscribe with no cookie, and every bad or borrowed
 * token refused with nothing changed.
 */
@PathlightIT
class ConsentIT extends WithBrowser {

  private static final Pattern TOKEN = Pattern.compile("#token=(\\S+)");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api anyone() {
    return new Api(base);
  }

  private String root() {
    return base.toString().replaceFirst("/$", "");
  }

  private long supporterId(String email) throws Exception {
    return TestEnvironment.count(
        "select coalesce(max(id), 0) from supporter where lower(email) = lower(?)", email);
  }

  private JsonObject topic(long supporterId, String code) {
    return Api.sharedAdmin(base)
        .get("/api/supporters/" + supporterId + "/topics")
        .array()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(t -> t.getString("code").equals(code))
        .findFirst()
        .orElseThrow();
  }

  private String issue(String purpose, String subject, long seconds) {
    return anyone()
        .post(
            "/api/test-support/tokens?purpose="
                + purpose
                + "&subject="
                + subject
                + "&seconds="
                + seconds,
            "{}")
        .json()
        .getString("token");
  }

  @Test
  void aSignUpSubscribesNothingUntilTheEmailedLinkIsUsedAndIsAskedOncePerDay() throws Exception {
    assertThat(anyone().get("/api/topics").array().getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("code"))
        .contains("impact-newsletter", "advocacy-alerts", "volunteer-news");

    String email = Mailbox.unique("signup");
    String body =
        json(
            "email",
            email,
            "firstName",
            "Rae",
            "topics",
            List.of("impact-newsletter", "volunteer-news"));
    Api.Reply signed = anyone().post("/api/subscriptions", body);
    assertThat(signed.status()).as(signed.body()).isEqualTo(202);
    // the same form again (a double click): still one request and one email
    assertThat(anyone().post("/api/subscriptions", body).status()).isEqualTo(202);
    List<MimeMessage> asked = Mailbox.await(email, "Please confirm", 1, Duration.ofSeconds(20));
    assertThat(asked).hasSize(1);
    String text = Mailbox.text(asked.get(0));
    assertThat(text).contains("Dear Rae", "Impact newsletter", "Volunteer news", "7 days");
    assertThat(Mailbox.subject(asked.get(0))).contains("Impact newsletter and Volunteer news");
    // not a bulk email: no one-click unsubscribe header
    assertThat(asked.get(0).getHeader("List-Unsubscribe")).isNull();
    // nothing is subscribed, nobody is on record yet
    assertThat(supporterId(email)).isZero();

    String token = Mailbox.link(asked.get(0), TOKEN);
    Api.Reply confirmed = anyone().post("/api/subscriptions/confirm", json("token", token));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    assertThat(confirmed.json().getJsonArray("topics").getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("code"))
        .containsExactlyInAnyOrder("impact-newsletter", "volunteer-news");
    long id = supporterId(email);
    JsonObject newsletter = topic(id, "impact-newsletter");
    assertThat(newsletter.getBoolean("subscribed")).isTrue();
    assertThat(newsletter.getString("source")).isEqualTo("sign-up form (confirmed by email)");
    assertThat(newsletter.getString("wording")).isEqualTo(ConsentResource.SIGN_UP_WORDING);
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isFalse();
    // the link used again answers the same and records nothing more
    assertThat(anyone().post("/api/subscriptions/confirm", json("token", token)).status())
        .isEqualTo(200);
    assertThat(
            TestEnvironment.count(
                "select count(*) from consent_event where supporter_id = ? and subscribed", id))
        .isEqualTo(2);
    // the consent shows on the person's timeline
    assertThat(
            Api.sharedAdmin(base)
                .get("/api/supporters/" + id + "/timeline")
                .json()
                .getJsonArray("entries")
                .getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("title"))
        .contains("Subscribed to Impact newsletter", "Subscribed to Volunteer news");

    // already subscribed to all it asks: no email at all
    assertThat(
            anyone()
                .post(
                    "/api/subscriptions",
                    json("email", email, "topics", List.of("impact-newsletter")))
                .status())
        .isEqualTo(202);
    Mailbox.sleep(1500);
    assertThat(Mailbox.withSubject(email, "Please confirm")).hasSize(1);
  }

  @Test
  void badSignUpsAndBadConfirmationLinksAreRefusedAndWriteNothing() throws Exception {
    String email = Mailbox.unique("badsignup");
    long before = TestEnvironment.count("select count(*) from subscription_request");
    assertProblem(
        anyone()
            .post("/api/subscriptions", json("email", email, "topics", List.of("no-such-topic"))),
        400,
        "validation");
    assertProblem(
        anyone().post("/api/subscriptions", json("email", email, "topics", List.of())),
        400,
        "validation");
    assertProblem(
        anyone()
            .post(
                "/api/subscriptions",
                json("email", "not-an-email", "topics", List.of("impact-newsletter"))),
        400,
        "validation");
    assertProblem(anyone().post("/api/subscriptions", "{\"email\": 7}"), 400, "malformed-json");
    assertProblem(anyone().post("/api/subscriptions", "[1,2"), 400, "malformed-json");
    assertProblem(
        anyone()
            .post(
                "/api/subscriptions",
                json(
                    "email",
                    email,
                    "topics",
                    List.of("impact-newsletter"),
                    "website",
                    "http://spam")),
        400,
        "rejected");
    Mailbox.sleep(500);
    assertThat(TestEnvironment.count("select count(*) from subscription_request"))
        .isEqualTo(before);
    assertThat(Mailbox.to(email)).isEmpty();

    // forged, of another purpose, expired, or naming no request: 401, nothing subscribed
    String otherPurpose = issue("preferences", "supporter:1", 600);
    String expired = issue("subscribe-confirm", "request:00000000-0000-0000-0000-000000000001", 1);
    Mailbox.sleep(1500);
    for (String bad :
        List.of(
            "forged.token",
            otherPurpose,
            expired,
            issue("subscribe-confirm", "request:00000000-0000-0000-0000-000000000002", 600),
            issue("subscribe-confirm", "supporter:1", 600))) {
      assertProblem(
          anyone().post("/api/subscriptions/confirm", json("token", bad)), 401, "unauthorized");
    }
    assertProblem(anyone().post("/api/subscriptions/confirm", "{}"), 400, "validation");
  }

  @Test
  void thePreferencesLinkShowsAndChangesTopicsAtOnceAndBorrowedTokensAreRefused() throws Exception {
    String email = Mailbox.unique("prefs");
    long id =
        Api.sharedAdmin(base)
            .post("/api/supporters", json("email", email, "firstName", "Pat"))
            .json()
            .getJsonNumber("id")
            .longValue();
    assertThat(anyone().post("/api/preferences/link", json("email", email)).status())
        .isEqualTo(202);
    // an unknown address is answered the same, and nothing is sent
    String nobody = Mailbox.unique("nobody");
    assertThat(anyone().post("/api/preferences/link", json("email", nobody)).status())
        .isEqualTo(202);
    MimeMessage linkMail =
        Mailbox.await(email, "Your email preferences", 1, Duration.ofSeconds(20)).get(0);
    String token = Mailbox.link(linkMail, TOKEN);
    assertThat(Mailbox.to(nobody)).isEmpty();

    JsonObject prefs = anyone().get("/api/preferences/" + token).json();
    assertThat(prefs.getString("email")).isEqualTo(email);
    assertThat(prefs.getJsonArray("topics").getValuesAs(JsonObject.class))
        .allMatch(t -> !t.getBoolean("subscribed"));

    Api.Reply chosen =
        anyone().put("/api/preferences/" + token, "{\"topics\": {\"advocacy-alerts\": true}}");
    assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isTrue();
    assertThat(topic(id, "advocacy-alerts").getString("source")).isEqualTo("preferences page");

    // an unknown topic is a 400 and changes nothing, not even the good part of the request
    assertProblem(
        anyone()
            .put(
                "/api/preferences/" + token,
                "{\"topics\": {\"advocacy-alerts\": false, \"no-such\": true}}"),
        400,
        "validation");
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isTrue();
    assertProblem(anyone().put("/api/preferences/" + token, "{\"topics\": {}}"), 400, "validation");
    assertProblem(
        anyone().put("/api/preferences/" + token, "{\"topics\": {\"advocacy-alerts\": \"yes\"}}"),
        400,
        "malformed-json");

    // a forged token, one of another purpose, and an expired one: 401, nothing changes
    String unsubscribe = issue("unsubscribe", "supporter:" + id + ":topic:advocacy-alerts", 600);
    String manage = issue("manage", "supporter:" + id, 600);
    String expired = issue("preferences", "supporter:" + id, 1);
    Mailbox.sleep(1500);
    for (String bad : List.of(token + "x", unsubscribe, manage, expired)) {
      assertProblem(anyone().get("/api/preferences/" + bad), 401, "unauthorized");
      assertProblem(
          anyone().put("/api/preferences/" + bad, "{\"topics\": {\"advocacy-alerts\": false}}"),
          401,
          "unauthorized");
    }
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isTrue();
  }

  @Test
  void oneClickUnsubscribeWorksWithNoCookieAndAGetChangesNothing() throws Exception {
    String email = Mailbox.unique("oneclick");
    long id =
        Api.sharedAdmin(base)
            .post("/api/supporters", json("email", email))
            .json()
            .getJsonNumber("id")
            .longValue();
    Api.sharedAdmin(base)
        .put(
            "/api/supporters/" + id + "/topics",
            "{\"topics\": {\"impact-newsletter\": true, \"advocacy-alerts\": true}}");
    String token = issue("unsubscribe", "supporter:" + id + ":topic:impact-newsletter", 600);

    // the page a link scanner or a person opens: it asks, and changes nothing
    Api.Reply page = anyone().get("/unsubscribe/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Impact newsletter", "List-Unsubscribe", "One-Click");
    assertThat(topic(id, "impact-newsletter").getBoolean("subscribed")).isTrue();
    assertThat(anyone().get("/unsubscribe/forged").status()).isEqualTo(404);

    // the wrong body, or none: 400 and still subscribed
    assertProblem(
        anyone()
            .send(
                "POST",
                "/api/unsubscribe/" + token,
                "application/x-www-form-urlencoded",
                "List-Unsubscribe=Maybe"),
        400,
        "validation");
    assertThat(topic(id, "impact-newsletter").getBoolean("subscribed")).isTrue();

    // RFC 8058: a POST with the one field, no cookie, no session, no CSRF token
    Api.Reply done =
        anyone()
            .withoutCsrf()
            .send(
                "POST",
                "/api/unsubscribe/" + token,
                "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click");
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.header("Set-Cookie")).isNull();
    JsonObject newsletter = topic(id, "impact-newsletter");
    assertThat(newsletter.getBoolean("subscribed")).isFalse();
    assertThat(newsletter.getString("source")).isEqualTo("unsubscribe link");
    // only that topic
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isTrue();
    // the same link again (a mail client retrying), and the multipart form RFC 8058 also allows
    String boundary = "----pathlight" + System.nanoTime();
    String multipart =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
            + "One-Click\r\n--"
            + boundary
            + "--\r\n";
    Api.Reply again =
        anyone()
            .send(
                "POST",
                "/api/unsubscribe/" + token,
                "multipart/form-data; boundary=" + boundary,
                multipart);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(
            TestEnvironment.count(
                "select count(*) from consent_event where supporter_id = ? and topic_code = 'impact-newsletter'",
                id))
        .isEqualTo(2); // the staff yes and one no

    // borrowed and broken tokens
    String preferences = issue("preferences", "supporter:" + id, 600);
    String expired = issue("unsubscribe", "supporter:" + id + ":topic:advocacy-alerts", 1);
    Mailbox.sleep(1500);
    for (String bad : List.of("forged", preferences, expired)) {
      assertProblem(
          anyone()
              .send(
                  "POST",
                  "/api/unsubscribe/" + bad,
                  "application/x-www-form-urlencoded",
                  "List-Unsubscribe=One-Click"),
          401,
          "unauthorized");
    }
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isTrue();
  }

  @Test
  void aPersonSignsUpOnTheHomePageConfirmsAndChoosesTopicsOnThePreferencesPage() throws Exception {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(root() + "/");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signup-impact-newsletter")));
    // a field error shows beside its field, in words
    browser.findElement(By.cssSelector("#signup-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signup-email-error")));
    assertThat(browser.findElement(By.id("signup-email-error")).getText()).startsWith("Email");
    String email = Mailbox.unique("pagesignup");
    browser.findElement(By.id("signup-email")).sendKeys(email);
    browser.findElement(By.id("signup-first")).sendKeys("Noor");
    browser.findElement(By.id("signup-advocacy-alerts")).click();
    browser.findElement(By.cssSelector("#signup-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signup-done")));
    assertThat(browser.findElement(By.id("signup-done")).getText()).contains("Check your inbox");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "home-signup-390");

    MimeMessage ask = Mailbox.await(email, "Please confirm", 1, Duration.ofSeconds(20)).get(0);
    browser.get(root() + "/subscribe/confirm#token=" + Mailbox.link(ask, TOKEN));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-done")));
    assertThat(browser.findElement(By.id("confirm-text")).getText())
        .contains(email, "Impact newsletter", "Advocacy alerts");
    assertThat(browser.getCurrentUrl()).doesNotContain("token="); // kept in this tab only
    long id = supporterId(email);
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isTrue();

    // the preferences page from a link: untick one topic and save
    String token = issue("preferences", "supporter:" + id, 600);
    browser.get(root() + "/preferences#token=" + token);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("prefs")));
    assertThat(browser.findElement(By.id("prefs-email")).getText()).isEqualTo(email);
    assertThat(browser.findElement(By.id("pref-advocacy-alerts")).isSelected()).isTrue();
    browser.findElement(By.id("pref-advocacy-alerts")).click();
    browser.findElement(By.cssSelector("#prefs button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("prefs-saved")));
    assertThat(topic(id, "advocacy-alerts").getBoolean("subscribed")).isFalse();
    assertThat(topic(id, "impact-newsletter").getBoolean("subscribed")).isTrue();
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "preferences-390");

    // the unsubscribe page asks first; the button unsubscribes
    browser.get(
        root()
            + "/unsubscribe/"
            + issue("unsubscribe", "supporter:" + id + ":topic:impact-newsletter", 600));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("unsubscribe-form")));
    assertThat(topic(id, "impact-newsletter").getBoolean("subscribed")).isTrue();
    browser.findElement(By.cssSelector("#unsubscribe-form button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("done")));
    assertThat(browser.findElement(By.id("done")).getText())
        .contains("unsubscribed from the Impact newsletter");
    assertThat(topic(id, "impact-newsletter").getBoolean("subscribed")).isFalse();
    Browser.screenshot(browser, "unsubscribe-390");

    // without a link, the preferences page offers to email one
    browser.manage().deleteAllCookies();
    browser.executeScript("sessionStorage.clear()");
    browser.get(root() + "/preferences");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("link-form")));
  }

  @Test
  void staffAddTopicsAndSeeTheirCountsAndAPersonsTopicsOnTheNewslettersPage() throws Exception {
    Api admin = Api.sharedAdmin(base);
    String code = "gala-" + (System.nanoTime() % 100000);
    Api.Reply added = admin.post("/api/topics", json("code", code, "name", "Gala invitations"));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertProblem(
        admin.post("/api/topics", json("code", code, "name", "Again")), 409, "topic-exists");
    assertProblem(
        admin.post("/api/topics", json("code", "Bad Code!", "name", "X")), 400, "validation");
    assertProblem(
        anyone().post("/api/topics", json("code", "x-y", "name", "X")), 401, "unauthorized");
    assertThat(anyone().get("/api/topics").array().getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("code"))
        .contains(code);
    assertProblem(anyone().get("/api/topics/summary"), 401, "unauthorized");

    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 390);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.get(root() + "/staff/newsletters");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#topics tr[data-topic='" + code + "']")));
    // a bad code shows beside its field
    browser.findElement(By.id("topic-code")).sendKeys("Not OK");
    browser.findElement(By.cssSelector("#new-topic button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("topic-code-error")));
    browser.findElement(By.id("topic-code")).clear();
    String second = code + "-b";
    browser.findElement(By.id("topic-code")).sendKeys(second);
    browser.findElement(By.id("topic-name")).sendKeys("Gala volunteers");
    browser.findElement(By.cssSelector("#new-topic button[type=submit]")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#topics tr[data-topic='" + second + "']")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-newsletters-390");
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where action = 'topic.added' and entity_id = ?",
                second))
        .isEqualTo(1);
  }

  @Test
  void staffWritePreviewAndSendANewsletterAndWatchItsProgressOnThePage() throws Exception {
    Api admin = Api.sharedAdmin(base);
    String code = "page-" + (System.nanoTime() % 1_000_000);
    admin.post("/api/topics", json("code", code, "name", "Page news " + code));
    String email = Mailbox.unique("pagereader");
    long id =
        admin
            .post("/api/supporters", json("email", email, "firstName", "Juno"))
            .json()
            .getJsonNumber("id")
            .longValue();
    admin.put("/api/supporters/" + id + "/topics", "{\"topics\": {\"" + code + "\": true}}");

    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 390);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(root() + "/staff/newsletters");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#d-topic option[value='" + code + "']")));
    // an unknown merge field is shown beside the text, in words
    browser.findElement(By.id("d-subject")).sendKeys("Spring update " + code);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("d-topic")))
        .selectByValue(code);
    browser.findElement(By.id("d-body")).sendKeys("Dear {{firstName}}, hello {{nickname}}");
    browser.findElement(By.cssSelector("#draft-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("d-body-error")));
    assertThat(browser.findElement(By.id("d-body-error")).getText()).contains("{{nickname}}");
    browser.findElement(By.id("d-body")).clear();
    browser
        .findElement(By.id("d-body"))
        .sendKeys("Dear {{firstName}},\n\n**Thank you** for everything.");
    browser.findElement(By.cssSelector("#draft-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-actions")));

    // preview as the reader
    browser.findElement(By.id("p-email")).sendKeys(email);
    browser.findElement(By.cssSelector("#preview-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
    assertThat(browser.findElement(By.id("preview-html")).getAttribute("srcdoc"))
        .contains("Dear Juno", "<strong>Thank you</strong>");
    Browser.screenshot(browser, "staff-newsletter-preview-390");

    // send now, confirmed, and watch it reach the reader
    browser.findElement(By.cssSelector("#send-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("#staff-confirm .confirm-ok")));
    assertThat(browser.findElement(By.cssSelector("#staff-confirm .confirm-text")).getText())
        .contains("1 person");
    browser.findElement(By.cssSelector("#staff-confirm .confirm-ok")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#sends tbody tr:first-child .send-counts"), "1 sent of 1"));
    assertThat(
            browser
                .findElement(By.cssSelector("#sends tbody tr:first-child progress"))
                .getAttribute("value"))
        .isEqualTo("1");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-newsletter-sent-390");
    assertThat(Mailbox.await(email, "Spring update", 1, Duration.ofSeconds(20))).hasSize(1);
  }
}
