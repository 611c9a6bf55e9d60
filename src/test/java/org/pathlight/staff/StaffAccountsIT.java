package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * Staff accounts that no admin holds the password of: an invitation by email with a single-use link
 * that expires, the colleague's own password, roles changed from the page, deactivation confirmed
 * there; by API and in real Chromium.
 */
@PathlightIT
class StaffAccountsIT extends org.pathlight.testing.WithBrowser {

  private static final Pattern LINK = Pattern.compile("(https?://\\S+/staff/accept#token=\\S+)");
  private static final String PASSWORD = "a colleague's own long password";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api admin() {
    return Api.sharedAdmin(base);
  }

  private Api.Reply invite(String email, String... roles) {
    return admin()
        .post(
            "/api/staff/invitations",
            json("email", email, "displayName", "Noor Colleague", "roles", List.of(roles)));
  }

  private static String token(String email, int nth) {
    List<jakarta.mail.internet.MimeMessage> mail =
        Mailbox.await(email, nth, Duration.ofSeconds(20));
    String link = Mailbox.link(mail.get(nth - 1), LINK);
    return link.substring(link.indexOf("#token=") + "#token=".length());
  }

  private Api.Reply accept(String token, String password) {
    return new Api(base)
        .post("/api/staff/invitations/accept", json("token", token, "password", password));
  }

  private static long audited(String action, String entityType) throws Exception {
    return TestEnvironment.count(
        "select count(*) from audit_event where action = ? and entity_type = ?",
        action,
        entityType);
  }

  @Test
  void anInvitedColleagueChoosesTheirOwnPasswordOnceAndNoAdminKnowsIt() throws Exception {
    String email = Mailbox.unique("invited");
    String path = "/api/staff/invitations";
    String body = json("email", email, "displayName", "Noor", "roles", List.of("fundraising"));
    assertProblem(new Api(base).post(path, body), 401, "unauthorized");
    Api fundraiser = new Api(base);
    String fundraiserEmail = Mailbox.unique("fundraiser");
    Api.createStaff(admin(), fundraiserEmail, "Fay Fundraiser", PASSWORD, "fundraising");
    assertThat(fundraiser.signIn(fundraiserEmail, PASSWORD).status()).isEqualTo(200);
    assertProblem(fundraiser.post(path, body), 403, "role-required");
    assertThat(
            assertProblem(
                    admin()
                        .post(path, json("email", email, "displayName", "N", "roles", List.of())),
                    400,
                    "validation")
                .toString())
        .contains("choose at least one role");
    assertProblem(
        admin().post(path, json("email", email, "displayName", "N", "roles", List.of("boss"))),
        400,
        "validation");
    assertProblem(
        admin()
            .post(
                path,
                json("email", "not-an-email", "displayName", "N", "roles", List.of("impact"))),
        400,
        "validation");
    assertThat(
            TestEnvironment.count("select count(*) from staff_invitation where email = ?", email))
        .isZero();

    Api.Reply invited = invite(email, "fundraising", "volunteers");
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    assertThat(invited.json().getString("status")).isEqualTo("open");
    assertThat(admin().get(path).body()).contains(email);
    String token = token(email, 1);
    assertThat(Mailbox.text(Mailbox.to(email).get(0)))
        .contains("Nobody else will know your password");
    // only the token's hash is stored
    assertThat(
            TestEnvironment.count(
                "select count(*) from staff_invitation where token_hash = ?", token))
        .isZero();

    // a weak password is refused and spends nothing; the right one makes the account, once
    assertThat(assertProblem(accept(token, "short"), 400, "validation").toString())
        .contains("password");
    assertProblem(accept(token, email + "!!"), 400, "validation");
    Api.Reply accepted = accept(token, PASSWORD);
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    assertThat(accepted.json().getJsonArray("roles").toString())
        .contains("fundraising", "volunteers");
    assertProblem(accept(token, PASSWORD), 410, "invitation-invalid");
    assertProblem(accept("made-up-token", PASSWORD), 410, "invitation-invalid");
    Api colleague = new Api(base);
    assertThat(colleague.signIn(email, PASSWORD).status()).isEqualTo(200);
    assertThat(admin().get(path).body()).doesNotContain(email);
    assertProblem(invite(email, "impact"), 409, "staff-exists");
    assertThat(audited("staff.invited", "staff_invitation")).isPositive();
    assertThat(audited("staff.invitation-accepted", "staff_account")).isPositive();

    // roles change from the colleague's very next request
    long id = accepted.json().getJsonNumber("id").longValue();
    assertThat(colleague.get("/api/donations").status()).isEqualTo(200);
    assertProblem(
        admin().patch("/api/staff/accounts/" + id, json("roles", List.of("wizard"))),
        400,
        "validation");
    Api.Reply changed =
        admin().patch("/api/staff/accounts/" + id, json("roles", List.of("advocacy")));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertProblem(colleague.get("/api/donations"), 403, "role-required");
    assertThat(audited("staff.roles-changed", "staff_account")).isPositive();
    assertProblem(
        fundraiser.patch("/api/staff/accounts/" + id, json("roles", List.of("admin"))),
        403,
        "role-required");
  }

  @Test
  void aNewInvitationOrAWithdrawalKillsTheOldLinkAndTwoUsesAtOnceMakeOneAccount() throws Exception {
    String email = Mailbox.unique("reinvited");
    assertThat(invite(email, "impact").status()).isEqualTo(201);
    String first = token(email, 1);
    Api.Reply again = invite(email, "impact");
    assertThat(again.status()).isEqualTo(201);
    String second = token(email, 2);
    assertProblem(accept(first, PASSWORD), 410, "invitation-invalid");

    long id = again.json().getJsonNumber("id").longValue();
    assertThat(admin().post("/api/staff/invitations/" + id + "/revoke", "{}").status())
        .isEqualTo(204);
    assertProblem(
        admin().post("/api/staff/invitations/" + id + "/revoke", "{}"), 409, "invitation-closed");
    assertProblem(admin().post("/api/staff/invitations/99999999/revoke", "{}"), 404, "not-found");
    assertProblem(accept(second, PASSWORD), 410, "invitation-invalid");

    assertThat(invite(email, "impact").status()).isEqualTo(201);
    String third = token(email, 3);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> tries = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tries.add(
          pool.submit(
              () -> {
                go.await();
                return accept(third, PASSWORD).status();
              }));
    }
    go.countDown();
    List<Integer> statuses = new java.util.ArrayList<>();
    for (Future<Integer> f : tries) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 410);
    assertThat(
            TestEnvironment.count(
                "select count(*) from staff_account where lower(email) = lower(?)", email))
        .isEqualTo(1);
  }

  @Test
  void anAdminInvitesAColleagueWhoSetsTheirPasswordAndIsThenDeactivatedFromThePage()
      throws Exception {
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    String email = Mailbox.unique("pageinvite");
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 390);
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/accounts");
    WebElement form =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-form")));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("invite-name-error"), "Enter their name"));
    assertThat(browser.findElement(By.id("invite-roles-error")).getText())
        .isEqualTo("Choose at least one role.");
    form.findElement(By.id("invite-name")).sendKeys("Page Colleague");
    form.findElement(By.id("invite-email")).sendKeys(email);
    form.findElement(By.id("invite-volunteers")).click();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("invite-done"), "Invitation sent"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#invitations tr[data-invitation='" + email + "']")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-accounts-phone");

    // the colleague, signed out, follows the link and chooses a password
    String link = Mailbox.link(Mailbox.await(email, 1, Duration.ofSeconds(20)).get(0), LINK);
    browser.manage().deleteAllCookies();
    browser.get(link.replaceFirst("^https?://[^/]+", base.toString().replaceFirst("/$", "")));
    WebElement accept =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("accept-form")));
    assertThat(browser.getCurrentUrl()).doesNotContain("token=");
    accept.findElement(By.id("accept-password")).sendKeys(PASSWORD);
    accept.findElement(By.id("accept-again")).sendKeys(PASSWORD + "x");
    accept.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("accept-again-error"), "same password"));
    accept.findElement(By.id("accept-again")).clear();
    accept.findElement(By.id("accept-again")).sendKeys(PASSWORD);
    accept.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("accept-done"), "Your password is set"));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-accept-phone");
    Api colleague = new Api(base);
    assertThat(colleague.signIn(email, PASSWORD).status()).isEqualTo(200);

    // the admin deactivates them, after confirming; their session dies on the next request
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 1280);
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/accounts");
    By row = By.cssSelector("#accounts tr[data-account='" + email + "']");
    WebElement account = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    account.findElement(By.xpath(".//button[text()='Deactivate']")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("signed out at once");
    dialog.findElement(By.cssSelector(".confirm-ok")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("accounts-done"), "deactivated"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "Deactivated"));
    Browser.screenshot(browser, "staff-accounts");
    assertProblem(colleague.get("/api/staff/session"), 401, "unauthorized");
  }

  private static final Pattern RESET = Pattern.compile("(https?://\\S+/staff/reset#token=\\S+)");

  private Api.Reply forgot(String email) {
    return new Api(base).post("/api/staff/password-reset", json("email", email));
  }

  @Test
  void aForgottenPasswordIsResetOnceByEmailedLinkAndNobodyLearnsWhoHasAnAccount() throws Exception {
    String email = Mailbox.unique("forgetful");
    String unknown = Mailbox.unique("nobody");
    Api.createStaff(admin(), email, "Fran Forgetful", PASSWORD, "impact");
    Api before = new Api(base);
    assertThat(before.signIn(email, PASSWORD).status()).isEqualTo(200);
    Api.Reply known = forgot(email);
    Api.Reply stranger = forgot(unknown);
    assertThat(known.status()).isEqualTo(202);
    assertThat(stranger.status()).isEqualTo(202);
    assertThat(stranger.body()).isEqualTo(known.body());
    assertProblem(forgot(""), 400, "validation");

    // the colleague asks from the page, follows the link and chooses a new password there
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/");
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Forgot your password?")))
        .click();
    WebElement form =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-form")));
    form.findElement(By.id("forgot-email")).sendKeys(email);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("forgot-done"), "If a staff account has that email"));
    // the welcome from the account's creation, then the two links
    Mailbox.await(email, 3, Duration.ofSeconds(20));
    List<jakarta.mail.internet.MimeMessage> links = Mailbox.withSubject(email, "Choose a new");
    assertThat(Mailbox.to(unknown)).isEmpty();
    String first = Mailbox.link(links.get(0), RESET);
    String link = Mailbox.link(links.get(1), RESET);
    String token = link.substring(link.indexOf("#token=") + "#token=".length());
    // the newer link replaced the first
    assertProblem(
        new Api(base)
            .post(
                "/api/staff/password-reset/confirm",
                json(
                    "token",
                    first.substring(first.indexOf("#token=") + 7),
                    "password",
                    PASSWORD + " new")),
        410,
        "reset-invalid");
    browser.get(link.replaceFirst("^https?://[^/]+", base.toString().replaceFirst("/$", "")));
    WebElement reset =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-form")));
    assertThat(browser.getCurrentUrl()).doesNotContain("token=");
    reset.findElement(By.id("reset-password")).sendKeys("short");
    reset.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("reset-password-error"), "12 characters"));
    reset.findElement(By.id("reset-password")).clear();
    reset.findElement(By.id("reset-password")).sendKeys(PASSWORD + " renewed");
    reset.findElement(By.id("reset-again")).sendKeys(PASSWORD + " renewed");
    reset.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("reset-done"), "new password is set"));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-reset-phone");

    // every session ended; the old password is gone; the link is spent
    assertProblem(before.get("/api/staff/session"), 401, "unauthorized");
    assertProblem(new Api(base).signIn(email, PASSWORD), 401, "unauthorized");
    assertThat(new Api(base).signIn(email, PASSWORD + " renewed").status()).isEqualTo(200);
    assertProblem(
        new Api(base)
            .post("/api/staff/password-reset/confirm", json("token", token, "password", PASSWORD)),
        410,
        "reset-invalid");
    assertThat(Mailbox.await(email, 4, Duration.ofSeconds(20)).stream().map(Mailbox::subject))
        .contains("Your Pathlight password was changed");
    assertThat(audited("staff.password-reset", "staff_account")).isPositive();

    // more than three requests an hour for one email send nothing more, and answer the same
    for (int i = 0; i < 3; i++) {
      assertThat(forgot(email).body()).isEqualTo(known.body());
    }
    Mailbox.sleep(1500);
    assertThat(
            Mailbox.to(email).stream().filter(m -> Mailbox.subject(m).startsWith("Choose a new")))
        .hasSize(3);
  }

  @Test
  void aPasswordChangeNeedsTheCurrentOneAndEndsEveryOtherSignIn() throws Exception {
    String email = Mailbox.unique("changer");
    Api.createStaff(admin(), email, "Cam Changer", PASSWORD, "advocacy");
    Api here = new Api(base);
    Api elsewhere = new Api(base);
    assertThat(here.signIn(email, PASSWORD).status()).isEqualTo(200);
    assertThat(elsewhere.signIn(email, PASSWORD).status()).isEqualTo(200);
    String path = "/api/staff/me/password";
    assertProblem(
        new Api(base)
            .send(
                "PUT",
                path,
                "application/json",
                json("current", PASSWORD, "password", PASSWORD + "2")),
        401,
        "unauthorized");
    assertThat(
            assertProblem(
                    here.send(
                        "PUT",
                        path,
                        "application/json",
                        json("current", "wrong one entirely", "password", PASSWORD + "2")),
                    400,
                    "validation")
                .toString())
        .contains("current");
    assertProblem(
        here.send("PUT", path, "application/json", json("current", PASSWORD, "password", PASSWORD)),
        400,
        "validation");
    assertThat(elsewhere.get("/api/staff/session").status()).isEqualTo(200);
    Api.Reply changed =
        here.send(
            "PUT",
            path,
            "application/json",
            json("current", PASSWORD, "password", PASSWORD + " 2"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(204);
    assertThat(here.get("/api/staff/session").status()).isEqualTo(200);
    assertProblem(elsewhere.get("/api/staff/session"), 401, "unauthorized");
    assertThat(new Api(base).signIn(email, PASSWORD + " 2").status()).isEqualTo(200);
    assertThat(audited("staff.password-changed", "staff_account")).isPositive();
  }

  @Test
  void anAdminMakesAndRevokesATokenFindsItInTheAuditTrailAndSendsAFailedEmailAgain()
      throws Exception {
    // the trail's filters: who, what, when; bad dates are a 400
    assertProblem(admin().get("/api/audit?from=2026-12-05&to=2026-12-01"), 400, "validation");
    assertProblem(admin().get("/api/audit?from=yesterday"), 400, "validation");
    assertThat(admin().get("/api/audit?actor=nobody-" + System.nanoTime()).array()).isEmpty();
    String failedTo = Mailbox.unique("bounced");
    long failed =
        TestEnvironment.count(
            "with made as (insert into outbox_message (created_at, category, to_address,"
                + " from_name, subject, text_body, message_id, status, attempts, next_attempt_at,"
                + " last_error) values (now(), 'receipt', ?, 'Safe Harbor', 'Your receipt', 'text',"
                + " '<it-' || clock_timestamp() || '@it.test>', 'failed', 8, now(),"
                + " '550 mailbox unavailable') returning id) select id from made",
            failedTo);

    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 390);
    String root = base.toString().replaceFirst("/$", "");
    browser.get(root + "/staff/tokens");
    WebElement form =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("token-name-error"), "Say what the token is for"));
    String name = "CRM sync " + System.nanoTime();
    form.findElement(By.id("token-name")).sendKeys(name);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement secret =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-secret")));
    String token = secret.getText();
    assertThat(token).startsWith("plt_");
    assertThat(new Api(base).withBearer(token).get("/api/audit?limit=1").status()).isEqualTo(200);
    By row = By.cssSelector("#tokens tr[data-token='" + name + "']");
    wait.until(ExpectedConditions.visibilityOfElementLocated(row))
        .findElement(By.xpath(".//button[text()='Revoke']"))
        .click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")))
        .findElement(By.cssSelector(".confirm-ok"))
        .click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(row, "Revoked"));
    assertProblem(new Api(base).withBearer(token).get("/api/audit?limit=1"), 401, "unauthorized");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-tokens-phone");

    browser.get(root + "/staff/audit");
    WebElement filter =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-filter")));
    filter.findElement(By.name("action")).sendKeys("staff.token-");
    filter.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#audit tr[data-action='staff.token-revoked']")));
    // soon every row shown is one the filter asks for (read in one go: the table may be redrawn)
    wait.until(
        d ->
            ((Number)
                        browser.executeScript(
                            "return Array.from(document.querySelectorAll('#audit tbody tr'))"
                                + ".filter(function (tr) { return !(tr.dataset.action || '')"
                                + ".startsWith('staff.token-'); }).length;"))
                    .intValue()
                == 0);
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-audit-phone");

    browser.get(root + "/staff/outbox");
    By message = By.cssSelector("#outbox tr[data-message='" + failed + "']");
    WebElement line = wait.until(ExpectedConditions.visibilityOfElementLocated(message));
    assertThat(line.getText()).contains(failedTo, "550 mailbox unavailable");
    line.findElement(By.xpath(".//button[text()='Send again']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("outbox-done"), "queued again"));
    Mailbox.await(failedTo, 1, Duration.ofSeconds(20));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-outbox-phone");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
  }

  private Api.Reply signInWith(String email, String code) {
    return new Api(base)
        .post("/api/staff/session", json("email", email, "password", PASSWORD, "code", code));
  }

  @Test
  void twoStepSignInTakesEachCodeOnceAndOnlyNearNowAndEachRecoveryCodeOnce() throws Exception {
    String email = Mailbox.unique("twostep");
    Api.createStaff(admin(), email, "Tess Twostep", PASSWORD, "impact");
    Api me = new Api(base);
    assertThat(me.signIn(email, PASSWORD).status()).isEqualTo(200);
    assertProblem(new Api(base).post("/api/staff/me/totp", ""), 401, "unauthorized");
    jakarta.json.JsonObject enrolment = me.post("/api/staff/me/totp", "").json();
    String secret = enrolment.getString("secret");
    assertThat(enrolment.getString("otpauthUri"))
        .startsWith("otpauth://totp/")
        .contains("secret=" + secret, "period=30");
    byte[] key = Totp.fromBase32(secret);
    long now = Totp.step(java.time.Instant.now().getEpochSecond());
    String confirm = "/api/staff/me/totp/confirm";
    assertProblem(me.post(confirm, json("code", Totp.code(key, now - 5))), 400, "validation");
    assertProblem(me.post(confirm, "{}"), 400, "validation");
    assertThat(me.get("/api/staff/me/totp").json().getBoolean("enabled")).isFalse();
    Api.Reply on = me.post(confirm, json("code", Totp.code(key, now)));
    assertThat(on.status()).as(on.body()).isEqualTo(200);
    List<String> recovery =
        on.json().getJsonArray("recoveryCodes").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList();
    assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
    assertProblem(me.post("/api/staff/me/totp", ""), 409, "two-factor-on");
    assertThat(audited("staff.two-factor-on", "staff_account")).isPositive();

    // a password alone no longer signs in
    assertProblem(new Api(base).signIn(email, PASSWORD), 401, "code-required");
    // the code that turned it on was used; one from three steps ago is out of the window
    assertProblem(signInWith(email, Totp.code(key, now)), 401, "code-invalid");
    assertProblem(signInWith(email, Totp.code(key, now - 3)), 401, "code-invalid");
    String fresh = Totp.code(key, now + 1);
    assertThat(signInWith(email, fresh).status()).isEqualTo(200);
    assertProblem(signInWith(email, fresh), 401, "code-invalid");
    // a recovery code works once, typed any way
    assertThat(signInWith(email, " " + recovery.get(0).toUpperCase() + " ").status())
        .isEqualTo(200);
    assertProblem(signInWith(email, recovery.get(0)), 401, "code-invalid");
    assertThat(
            TestEnvironment.count(
                "select count(*) from staff_recovery_code c join staff_account a"
                    + " on a.id = c.staff_id where a.email = ? and c.used_at is null",
                email))
        .isEqualTo(9);
  }

  @Test
  void theSignInPageAsksForTheCodeWhenTwoStepSignInIsOn() throws Exception {
    String email = Mailbox.unique("pagetwostep");
    Api.createStaff(admin(), email, "Page Twostep", PASSWORD, "impact");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    String root = signInOnPhone(email);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dash-section")));
    browser.get(root + "/staff/two-factor");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("tf-start"))).click();
    WebElement secret =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-secret")));
    byte[] key = Totp.fromBase32(secret.getText());
    assertThat(browser.findElement(By.id("tf-link")).getAttribute("href")).startsWith("otpauth://");
    long now = Totp.step(java.time.Instant.now().getEpochSecond());
    browser.findElement(By.id("tf-code")).sendKeys(Totp.code(key, now));
    browser.findElement(By.cssSelector("#tf-form button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-codes")));
    assertThat(browser.findElements(By.cssSelector("#tf-code-list li"))).hasSize(10);
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-two-factor-phone");

    browser.manage().deleteAllCookies();
    browser.get(root + "/staff/");
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
    assertThat(browser.findElement(By.id("code-error")).getText()).contains("6-digit code");
    code.sendKeys(Totp.code(key, now + 1));
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dash-section")));
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
  }

  /** Signs {@code email} in on the sign-in page, 390 px wide: the server's root address. */
  private String signInOnPhone(String email) {
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    String root = base.toString().replaceFirst("/$", "");
    browser.get(root + "/staff/");
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.cssSelector("#signin button[type=submit]")).click();
    return root;
  }

  /** Turns on two-step sign-in for the signed-in {@code me}: the secret's key. */
  private static byte[] turnOnTwoFactor(Api me) {
    byte[] key = Totp.fromBase32(me.post("/api/staff/me/totp", "").json().getString("secret"));
    long now = Totp.step(java.time.Instant.now().getEpochSecond());
    Api.Reply on = me.post("/api/staff/me/totp/confirm", json("code", Totp.code(key, now)));
    assertThat(on.status()).as(on.body()).isEqualTo(200);
    return key;
  }

  @Test
  void anAdminRequiresTwoStepSignInForEveryoneAndTurnsItOffForALostPhone() throws Exception {
    String adminEmail = Mailbox.unique("policyadmin");
    String colleague = Mailbox.unique("policycolleague");
    String newcomer = Mailbox.unique("policynewcomer");
    Api.createStaff(admin(), adminEmail, "Pat Policy", PASSWORD, "admin");
    long colleagueId =
        Api.createStaff(admin(), colleague, "Cam Colleague", PASSWORD, "impact")
            .getJsonNumber("id")
            .longValue();
    Api.createStaff(admin(), newcomer, "Nia Newcomer", PASSWORD, "impact");
    Api policyAdmin = new Api(base);
    policyAdmin.signIn(adminEmail, PASSWORD);
    Api cam = new Api(base);
    assertThat(cam.signIn(colleague, PASSWORD).json().getBoolean("twoFactorDue")).isFalse();
    assertThat(cam.get("/api/impact/services").status()).isEqualTo(200);

    // who may change it, what they must send, and an admin without it may not require it
    assertProblem(
        new Api(base).put("/api/staff/policy", json("requireTwoFactor", true)),
        401,
        "unauthorized");
    assertProblem(
        cam.put("/api/staff/policy", json("requireTwoFactor", true)), 403, "role-required");
    assertProblem(policyAdmin.put("/api/staff/policy", "{}"), 400, "validation");
    assertThat(policyAdmin.put("/api/staff/policy", "{\"requireTwoFactor\": \"yes\"}").status())
        .isEqualTo(400);
    assertProblem(
        policyAdmin.put("/api/staff/policy", json("requireTwoFactor", true)),
        409,
        "two-factor-first");
    assertThat(policyAdmin.get("/api/staff/policy").json().getBoolean("requireTwoFactor"))
        .isFalse();
    assertThat(audited("staff.policy-changed", "staff_policy")).isZero();

    byte[] adminKey = turnOnTwoFactor(policyAdmin);
    try {
      Api.Reply required = policyAdmin.put("/api/staff/policy", json("requireTwoFactor", true));
      assertThat(required.status()).as(required.body()).isEqualTo(200);
      assertThat(required.json().getBoolean("requireTwoFactor")).isTrue();
      assertThat(required.json().getString("changedBy")).isEqualTo(adminEmail);
      assertThat(required.json().getJsonNumber("activeAccountsWithoutTwoFactor").longValue())
          .isPositive();
      assertThat(audited("staff.policy-changed", "staff_policy")).isEqualTo(1);

      // the colleague's session holds no roles from its next request until they turn it on
      jakarta.json.JsonObject session = cam.get("/api/staff/session").json();
      assertThat(session.getBoolean("twoFactorDue")).isTrue();
      assertThat(session.getJsonObject("staff").getJsonArray("roles")).isEmpty();
      assertProblem(cam.get("/api/impact/services"), 403, "two-factor-required");
      assertThat(cam.get("/api/staff/dashboard").status()).isEqualTo(200);
      byte[] camKey = turnOnTwoFactor(cam);
      assertThat(Mailbox.await(colleague, "Two-step sign-in is on", 1, Duration.ofSeconds(20)))
          .hasSize(1);
      assertThat(cam.get("/api/impact/services").status()).isEqualTo(200);
      assertThat(cam.get("/api/staff/session").json().getBoolean("twoFactorDue")).isFalse();

      // a newcomer signing in on the page is sent to turn it on, and can do nothing else
      var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      String root = signInOnPhone(newcomer);
      wait.until(ExpectedConditions.urlContains("/staff/two-factor"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-due")));
      browser.get(root + "/staff/impact");
      wait.until(ExpectedConditions.urlContains("/staff/two-factor"));
      wait.until(ExpectedConditions.elementToBeClickable(By.id("tf-start")));
      Browser.assertFitsWidth(browser);
      Browser.screenshot(browser, "staff-two-factor-required-phone");

      // the admin turns the colleague's off (a lost phone): sessions end, an email tells them
      String reset = "/api/staff/accounts/" + colleagueId + "/two-factor/reset";
      assertProblem(cam.post(reset, ""), 403, "role-required");
      Api.Reply off = policyAdmin.post(reset, "");
      assertThat(off.status()).as(off.body()).isEqualTo(200);
      assertThat(off.json().getBoolean("twoFactor")).isFalse();
      assertProblem(cam.get("/api/staff/session"), 401, "unauthorized");
      assertProblem(policyAdmin.post(reset, ""), 409, "two-factor-off");
      long adminId =
          policyAdmin
              .get("/api/staff/session")
              .json()
              .getJsonObject("staff")
              .getJsonNumber("id")
              .longValue();
      assertProblem(
          policyAdmin.post("/api/staff/accounts/" + adminId + "/two-factor/reset", ""),
          409,
          "cannot-reset-self");
      assertProblem(
          policyAdmin.post("/api/staff/accounts/999999999/two-factor/reset", ""), 404, "not-found");
      assertThat(audited("staff.two-factor-reset", "staff_account")).isEqualTo(1);
      var told =
          Mailbox.await(colleague, "Two-step sign-in was turned off", 1, Duration.ofSeconds(20));
      assertThat(told).hasSize(1);
      assertThat(Mailbox.text(told.get(0))).contains(adminEmail, "/staff/two-factor");
      // the old key no longer signs in; the password alone does, due again
      Api again = new Api(base);
      jakarta.json.JsonObject back = again.signIn(colleague, PASSWORD).json();
      assertThat(back.getBoolean("twoFactorDue")).isTrue();
      assertThat(camKey).isNotEmpty();
    } finally {
      Api.Reply relaxed = policyAdmin.put("/api/staff/policy", json("requireTwoFactor", false));
      assertThat(relaxed.status()).as(relaxed.body()).isEqualTo(200);
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }
    assertThat(admin().get("/api/staff/accounts").status()).isEqualTo(200);
    assertThat(adminKey).isNotEmpty();
  }

  @Test
  void singleSignOnIsOffUnlessConfigured() {
    jakarta.json.JsonObject offer = new Api(base).get("/api/staff/sso").json();
    assertThat(offer.getBoolean("enabled")).isFalse();
    assertThat(offer.containsKey("name")).isFalse();
    // no mechanism and no sign-in address: a plain 404, never a login prompt
    Api.Reply start = new Api(base).get("/staff/sso");
    assertThat(start.status()).isEqualTo(404);
    assertThat(start.header("WWW-Authenticate")).isNull();
  }
}
