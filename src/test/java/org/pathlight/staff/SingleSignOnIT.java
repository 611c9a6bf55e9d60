package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Problems.assertProblem;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Api;
import org.pathlight.testing.Browser;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * Single sign-on against a real OpenID Connect provider started by the test (NAV's
 * mock-oauth2-server: discovery, authorization code flow, signed ID tokens, JWKS): the whole
 * redirect dance is followed over HTTP as a browser would, then once in real Chromium.
 */
@PathlightIT
class SingleSignOnIT extends org.pathlight.testing.WithBrowser {

  private static final String ISSUER = "pathlight-idp";
  private static final String CLIENT = "pathlight-it";
  private static final MockOAuth2Server PROVIDER = started();

  private static MockOAuth2Server started() {
    MockOAuth2Server server = new MockOAuth2Server();
    server.start();
    return server;
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlightWith(
        Map.of(
            "pathlight.sso.enabled", "true",
            "pathlight.sso.provider.uri", PROVIDER.issuerUrl(ISSUER).toString(),
            "pathlight.sso.client.id", CLIENT,
            "pathlight.sso.client.secret", "it-client-secret",
            "pathlight.sso.name", "Safe Harbor Workspace",
            "pathlight.sso.roles.map",
                "pl-admins=admin,pl-fundraising=fundraising,pl-volunteers=volunteers",
            "pathlight.sso.create.domains", "sso-new.test"));
  }

  @AfterAll
  static void stopProvider() {
    PROVIDER.shutdown();
  }

  @ArquillianResource URL base;

  /** Where a browser ends up after following every redirect from the sign-in button. */
  private record Landing(URI at, Optional<String> session) {}

  /** The next sign-in at the provider is {@code subject} with these claims, valid that long. */
  private static void provider(String subject, Map<String, Object> claims, long expirySeconds) {
    Map<String, Object> verified = new java.util.HashMap<>(claims);
    verified.putIfAbsent("email_verified", true);
    verified.values().removeIf(v -> v == NOT_SENT);
    PROVIDER.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER, subject, "JWT", List.of(CLIENT), verified, expirySeconds));
  }

  /** A claim value meaning: leave the claim out of the token. */
  private static final Object NOT_SENT = new Object();

  private Landing signIn() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browserLike =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> last =
        browserLike.send(
            HttpRequest.newBuilder(URI.create(root() + "/staff/sso"))
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(last.statusCode()).as(last.uri() + " " + last.body()).isEqualTo(200);
    Optional<String> session =
        cookies.getCookieStore().get(URI.create(root())).stream()
            .filter(c -> c.getName().equals(StaffAuthentication.COOKIE))
            .map(HttpCookie::getValue)
            .findFirst();
    return new Landing(last.uri(), session);
  }

  /**
   * The public base URL (pathlight.base.url), on which the provider's callback is built: the flow
   * starts there, as a browser would, so the container's session cookie comes back to the callback.
   */
  private String root() {
    return "http://localhost:" + base.getPort();
  }

  private static long count(String sql, Object... params) throws Exception {
    return TestEnvironment.count(sql, params);
  }

  @Test
  void aKnownColleagueSignsInThroughTheProviderAndTheirGroupsDecideTheirRoles() throws Exception {
    String email = Mailbox.unique("ssoknown");
    Api.createStaff(
        Api.sharedAdmin(base), email, "Kim Known", "a long enough password 1", "impact");
    provider(
        "kim-1",
        Map.of("email", email.toUpperCase(), "groups", List.of("pl-fundraising", "elsewhere")),
        3600);
    Landing landing = signIn();
    assertThat(landing.at().getPath()).isEqualTo("/staff/");
    assertThat(landing.at().getQuery()).isNull();
    assertThat(landing.session()).isPresent();
    Api kim = new Api(base).withCookie(StaffAuthentication.COOKIE, landing.session().get());
    jakarta.json.JsonObject session = kim.get("/api/staff/session").json();
    assertThat(session.getJsonObject("staff").getString("email")).isEqualTo(email);
    assertThat(session.getJsonObject("staff").getJsonArray("roles").toString())
        .isEqualTo("[\"fundraising\"]");
    assertThat(session.getBoolean("twoFactorDue")).isFalse();
    assertThat(kim.get("/api/donations?limit=1").status()).isEqualTo(200);
    assertProblem(kim.get("/api/impact/services"), 403, "role-required");
    assertThat(
            count(
                "select count(*) from staff_session s join staff_account a on a.id = s.staff_id"
                    + " where a.email = ? and s.via = 'sso'",
                email))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from audit_event where action = 'staff.roles-changed'"
                    + " and actor like 'sso:%' and after_state::text like ?",
                "%" + email + "%"))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from audit_event where action = 'staff.signed-in'"
                    + " and actor = ? and after_state->>'via' = 'sso'",
                "staff:" + email))
        .isEqualTo(1);
  }

  @Test
  void aTokenForAnotherClientOrAnExpiredOneIsRefusedAndOpensNoSession() throws Exception {
    String email = Mailbox.unique("ssorefused");
    Api.createStaff(
        Api.sharedAdmin(base), email, "Rae Refused", "a long enough password 1", "impact");
    String failures =
        "select count(*) from audit_event where action = 'staff.sso-refused'"
            + " and after_state->>'reason' = 'failed'";
    long failedBefore = count(failures);
    provider(
        "rae-1",
        Map.of("email", email, "groups", List.of("pl-fundraising"), "aud", List.of("another-app")),
        3600);
    Landing otherClient = signIn();
    assertThat(otherClient.at().getPath()).isEqualTo("/staff/");
    assertThat(otherClient.at().getQuery()).isEqualTo("sso=failed");
    assertThat(otherClient.session()).isEmpty();

    provider("rae-1", Map.of("email", email, "groups", List.of("pl-fundraising")), -300);
    Landing expired = signIn();
    assertThat(expired.at().getQuery()).isEqualTo("sso=failed");
    assertThat(expired.session()).isEmpty();
    assertThat(
            count(
                "select count(*) from staff_session s join staff_account a on a.id = s.staff_id"
                    + " where a.email = ?",
                email))
        .isZero();
    // each refusal is in the audit trail, with the mechanism's reason
    assertThat(count(failures)).isEqualTo(failedBefore + 2);
    assertThat(count(failures + " and after_state->>'detail' ilike '%audience%'")).isPositive();
  }

  @Test
  void anUnknownPersonIsRefusedUnlessTheirDomainMayJoinWithARole() throws Exception {
    String stranger = Mailbox.unique("ssostranger");
    provider("stranger-1", Map.of("email", stranger, "groups", List.of("pl-admins")), 3600);
    Landing refused = signIn();
    assertThat(refused.at().getQuery()).isEqualTo("sso=unknown-user");
    assertThat(refused.session()).isEmpty();
    assertThat(count("select count(*) from staff_account where email_key = ?", stranger)).isZero();
    assertThat(
            count(
                "select count(*) from audit_event where action = 'staff.sso-refused'"
                    + " and after_state->>'reason' = 'unknown-user'"
                    + " and after_state->>'email' = ?",
                stranger))
        .isEqualTo(1);

    String newcomer = "new.colleague" + System.nanoTime() + "@sso-new.test";
    provider("new-1", Map.of("email", newcomer, "groups", List.of("staff")), 3600);
    assertThat(signIn().at().getQuery()).isEqualTo("sso=no-role");
    provider("new-1", Map.of("email", newcomer, "groups", List.of("pl-volunteers")), 3600);
    Landing joined = signIn();
    assertThat(joined.session()).isPresent();
    Api api = new Api(base).withCookie(StaffAuthentication.COOKIE, joined.session().get());
    jakarta.json.JsonObject staff = api.get("/api/staff/session").json().getJsonObject("staff");
    assertThat(staff.getString("email")).isEqualTo(newcomer);
    assertThat(staff.getString("displayName")).startsWith("New Colleague");
    assertThat(staff.getJsonArray("roles").toString()).isEqualTo("[\"volunteers\"]");
  }

  @Test
  void aDeactivatedAccountCannotComeBackThroughTheProvider() throws Exception {
    String email = Mailbox.unique("ssogone");
    long id =
        Api.createStaff(
                Api.sharedAdmin(base), email, "Gil Gone", "a long enough password 1", "impact")
            .getJsonNumber("id")
            .longValue();
    assertThat(Api.sharedAdmin(base).post("/api/staff/accounts/" + id + "/deactivate", "").status())
        .isEqualTo(200);
    provider("gil-1", Map.of("email", email, "groups", List.of("pl-admins")), 3600);
    Landing landing = signIn();
    assertThat(landing.at().getQuery()).isEqualTo("sso=deactivated");
    assertThat(landing.session()).isEmpty();
  }

  @Test
  void theSignInPageOffersTheProviderAndLandsOnTheDashboard() throws Exception {
    String email = Mailbox.unique("ssopage");
    Api.createStaff(Api.sharedAdmin(base), email, "Pia Page", "a long enough password 1", "impact");
    provider("pia-1", Map.of("email", email, "groups", List.of("pl-fundraising")), 3600);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    browser.get(root() + "/staff/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sso-start")));
    assertThat(browser.findElement(By.id("sso-start")).getText())
        .isEqualTo("Sign in with Safe Harbor Workspace");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-sign-in-sso-phone");
    browser.findElement(By.id("sso-start")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".dash-section")));
    assertThat(browser.findElement(By.id("staff-name")).getText()).isEqualTo("Pia Page");

    // a refusal comes back to the sign-in page in plain words
    browser.manage().deleteAllCookies();
    provider("nobody", Map.of("email", Mailbox.unique("ssonobody")), 3600);
    browser.get(root() + "/staff/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-start"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sso-error")));
    assertThat(browser.findElement(By.id("sso-error")).getText())
        .contains("Ask an admin to invite you");
    Browser.screenshot(browser, "staff-sign-in-sso-refused-phone");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
  }

  @Test
  void anUnverifiedEmailALookAlikeOrAnotherIdentityNeverReachesAColleaguesAccount()
      throws Exception {
    String email = Mailbox.unique("ssoguardian");
    Api.createStaff(
        Api.sharedAdmin(base), email, "Gus Guarded", "a long enough password 1", "impact");
    provider("gus-1", Map.of("email", email, "email_verified", NOT_SENT), 3600);
    assertThat(signIn().at().getQuery()).isEqualTo("sso=email-unverified");
    provider("gus-1", Map.of("email", email, "email_verified", false), 3600);
    assertThat(signIn().at().getQuery()).isEqualTo("sso=email-unverified");
    // a dotless capital I folds to i in Pathlight's email key, never onto the account
    String lookAlike = email.replaceFirst("i", "\u0130");
    if (!lookAlike.equals(email)) {
      provider("gus-1", Map.of("email", lookAlike, "groups", List.of("pl-admins")), 3600);
      assertThat(signIn().at().getQuery()).isEqualTo("sso=unknown-user");
    }
    // the first sign-in links the provider's subject; another subject with the same email is
    // refused
    provider("gus-1", Map.of("email", email, "groups", List.of("pl-fundraising")), 3600);
    assertThat(signIn().session()).isPresent();
    provider("impostor-9", Map.of("email", email, "groups", List.of("pl-admins")), 3600);
    Landing impostor = signIn();
    assertThat(impostor.at().getQuery()).isEqualTo("sso=another-identity");
    assertThat(impostor.session()).isEmpty();
    assertThat(
            count(
                "select count(*) from staff_account a join staff_account_role r"
                    + " on r.staff_id = a.id where a.email = ? and r.role = 'admin'",
                email))
        .isZero();
  }

  @Test
  void anAccountWithTwoStepSignInComesInOnlyWhenTheProviderUsedASecondFactor() throws Exception {
    String email = Mailbox.unique("ssotwostep");
    Api.createStaff(
        Api.sharedAdmin(base), email, "Tia Twostep", "a long enough password 1", "impact");
    Api tia = new Api(base);
    tia.signIn(email, "a long enough password 1");
    byte[] key = Totp.fromBase32(tia.post("/api/staff/me/totp", "").json().getString("secret"));
    long now = Totp.step(java.time.Instant.now().getEpochSecond());
    assertThat(
            tia.post("/api/staff/me/totp/confirm", Api.json("code", Totp.code(key, now))).status())
        .isEqualTo(200);
    provider("tia-1", Map.of("email", email, "groups", List.of("pl-fundraising")), 3600);
    Landing passwordOnly = signIn();
    assertThat(passwordOnly.at().getQuery()).isEqualTo("sso=second-factor-needed");
    assertThat(passwordOnly.session()).isEmpty();
    provider(
        "tia-1",
        Map.of("email", email, "groups", List.of("pl-fundraising"), "amr", List.of("pwd", "mfa")),
        3600);
    assertThat(signIn().session()).isPresent();
  }
}
