package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/** Staff sign-in, sessions, CSRF, lock-out and passwords. */
@PathlightIT
class StaffSignInIT extends StaffDeployment {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return archive();
  }

  @Test
  void signingInSetsASafeSessionCookieAndReturnsTheCsrfToken() {
    Api api = new Api(base);
    Api.Reply reply = api.signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
    assertThat(reply.status()).isEqualTo(200);
    JsonObject body = reply.json();
    assertThat(body.getString("csrfToken")).hasSizeGreaterThan(20);
    assertThat(body.getJsonObject("staff").getString("email"))
        .isEqualTo(TestEnvironment.ADMIN_EMAIL);
    assertThat(body.getJsonObject("staff").getJsonArray("roles").getString(0)).isEqualTo("admin");
    String cookie = reply.header("Set-Cookie");
    assertThat(cookie).contains("pathlight_staff=", "HttpOnly", "SameSite=Strict");
    assertThat(cookie).doesNotContain("Secure"); // plain http in tests

    Api.Reply me = api.get("/api/staff/session");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().getString("csrfToken")).isEqualTo(body.getString("csrfToken"));
  }

  @Test
  void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
    Api.Reply wrong = new Api(base).signIn(TestEnvironment.ADMIN_EMAIL, "not-the-password");
    Api.Reply unknown = new Api(base).signIn("nobody" + System.nanoTime() + "@it.test", "whatever");
    assertProblem(wrong, 401, "unauthorized");
    assertProblem(unknown, 401, "unauthorized");
    assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));
    assertThat(wrong.header("Set-Cookie")).isNull();
  }

  @Test
  void repeatedFailuresLockTheEmailOutEvenForTheRightPassword() {
    String password = "correct horse battery";
    String email = staffWith(password, "fundraising");
    for (int i = 0; i < 4; i++) {
      assertProblem(new Api(base).signIn(email, "wrong " + i), 401, "unauthorized");
    }
    Api.Reply fifth = new Api(base).signIn(email, "wrong 5");
    assertProblem(fifth, 429, "signin-locked");
    assertThat(Integer.parseInt(fifth.header("Retry-After"))).isGreaterThan(60);
    assertProblem(new Api(base).signIn(email, password), 429, "signin-locked");
    // unknown emails lock out the same way: the lock reveals nothing
    String ghost = "ghost" + System.nanoTime() + "@it.test";
    for (int i = 0; i < 4; i++) {
      new Api(base).signIn(ghost, "x");
    }
    assertProblem(new Api(base).signIn(ghost, "x"), 429, "signin-locked");
  }

  @Test
  void aCookieSessionNeedsItsCsrfTokenForChanges() {
    Api api = admin();
    api.withoutCsrf();
    Api.Reply refused = api.post("/api/staff/tokens", json("name", "no csrf"));
    assertProblem(refused, 403, "csrf");
    Api.Reply forged =
        api.post("/api/staff/tokens", json("name", "forged"), "X-CSRF-Token", "guess");
    assertProblem(forged, 403, "csrf");
    // reading needs no token
    assertThat(api.get("/api/staff/tokens").status()).isEqualTo(200);
  }

  @Test
  void signingOutEndsTheSession() {
    Api api = admin();
    assertThat(api.delete("/api/staff/session").status()).isEqualTo(204);
    assertProblem(api.get("/api/staff/session"), 401, "unauthorized");
  }

  @Test
  void aDottedCapitalIOrFullwidthSpellingOfALockedEmailIsStillLocked() {
    String password = "correct horse battery";
    String email = staffWith(password, "fundraising");
    String ip = address();
    for (int i = 0; i < 5; i++) {
      new Api(base).signIn(email, "wrong " + i, from(ip));
    }
    assertProblem(new Api(base).signIn(email, password, from(ip)), 429, "signin-locked");
    String dotted = email.replace("it.test", "İT.TEST"); // U+0130
    assertProblem(new Api(base).signIn(dotted, password, from(ip)), 429, "signin-locked");
    String fullwidth = email.replace("staff", "ｓｔａｆｆ");
    assertProblem(new Api(base).signIn(fullwidth, password, from(ip)), 429, "signin-locked");
  }

  @Test
  void anyCaseOrUnicodeFormOfTheEmailSignsInToTheSameAccount() {
    String password = "correct horse battery";
    String email = staffWith(password, "advocacy");
    Api.Reply reply =
        new Api(base).signIn("  " + email.replace("it.test", "İT.TEST") + " ", password);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().getJsonObject("staff").getString("email")).isEqualTo(email);
    // one account per email key: the dotted capital I is not a second person
    Api.Reply duplicate =
        admin()
            .post(
                "/api/staff/accounts",
                json(
                    "email",
                    email.replace("staff", "STAFF").replace("it.test", "İT.TEST"),
                    "displayName",
                    "Dup",
                    "password",
                    "a long unusual passphrase",
                    "roles",
                    Json.createArrayBuilder().add("admin").build()));
    assertProblem(duplicate, 409, "staff-exists");
  }

  @Test
  void failuresFromOneAddressDoNotLockTheOwnerOutFromAnother() {
    String password = "correct horse battery";
    String email = staffWith(password, "fundraising");
    String attacker = address();
    for (int i = 0; i < 4; i++) {
      assertProblem(new Api(base).signIn(email, "guess " + i, from(attacker)), 401, "unauthorized");
    }
    assertProblem(new Api(base).signIn(email, "guess 5", from(attacker)), 429, "signin-locked");
    assertProblem(new Api(base).signIn(email, password, from(attacker)), 429, "signin-locked");
    Api.Reply owner = new Api(base).signIn(email, password, from(address()));
    assertThat(owner.status()).as(owner.body()).isEqualTo(200);
  }

  @Test
  void guessingSpreadOverManyAddressesMeetsTheAccountCeiling() {
    String password = "correct horse battery";
    String email = staffWith(password, "fundraising");
    int failures = 0;
    while (failures < ACCOUNT_CEILING) {
      String ip = address();
      for (int i = 0; i < 5 && failures < ACCOUNT_CEILING; i++, failures++) {
        new Api(base).signIn(email, "guess " + failures, from(ip));
      }
    }
    assertProblem(new Api(base).signIn(email, password, from(address())), 429, "signin-locked");
  }

  @Test
  void commonPasswordsAndTheEmailItselfAreRefusedAsPasswords() {
    Api admin = Api.sharedAdmin(base);
    String email = "weak" + System.nanoTime() + "@it.test";
    for (String weak : new String[] {"password1234", "QwertyUiop12", "123456789012", email}) {
      Api.Reply refused =
          admin.post(
              "/api/staff/accounts",
              json(
                  "email",
                  email,
                  "displayName",
                  "Weak",
                  "password",
                  weak,
                  "roles",
                  Json.createArrayBuilder().add("impact").build()));
      assertProblem(refused, 400, "validation");
      var error = refused.json().getJsonArray("errors").getJsonObject(0);
      assertThat(error.getString("field")).isEqualTo("password");
      assertThat(error.getString("message")).doesNotContain(weak);
    }
    assertProblem(new Api(base).signIn(email, "password1234"), 401, "unauthorized");
  }
}
