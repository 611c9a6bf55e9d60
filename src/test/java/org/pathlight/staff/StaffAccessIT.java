package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/** Staff sign-in, sessions, CSRF, roles, lock-out, API tokens and the audit trail. */
@PathlightIT
class StaffAccessIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api admin() {
    return Api.admin(base);
  }

  /** Creates a staff member with the given roles; returns their email. */
  private String staffWith(String password, String... roles) {
    String email = "staff" + System.nanoTime() + "@it.test";
    var roleList = Json.createArrayBuilder();
    for (String r : roles) {
      roleList.add(r);
    }
    Api.Reply created =
        admin()
            .post(
                "/api/staff/accounts",
                json(
                    "email",
                    email,
                    "displayName",
                    "Test Person",
                    "password",
                    password,
                    "roles",
                    roleList.build()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return email;
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
  void withoutCredentials401WithTheWrongRole403() {
    assertProblem(new Api(base).get("/api/staff/accounts"), 401, "unauthorized");
    assertProblem(new Api(base).get("/api/supporters"), 401, "unauthorized");
    String password = "a long enough password";
    String email = staffWith(password, "volunteers");
    Api volunteersStaff = new Api(base);
    assertThat(volunteersStaff.signIn(email, password).status()).isEqualTo(200);
    Api.Reply forbidden = volunteersStaff.get("/api/staff/accounts");
    assertProblem(forbidden, 403, "role-required");
    assertThat(forbidden.json().getString("detail")).contains("admin", "volunteers");
    // any staff member may work with supporters
    assertThat(volunteersStaff.get("/api/supporters").status()).isEqualTo(200);
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
  void anotherBearerTokenOutranksTheStaffCookie() {
    // a staff member who is also a volunteer: the volunteer page's token decides, not the cookie
    Api api = admin();
    assertThat(api.get("/api/staff/session").status()).isEqualTo(200);
    assertProblem(
        api.get("/api/staff/session", "Authorization", "Bearer a-volunteer-link-token"),
        401,
        "unauthorized");
  }

  @Test
  void signingOutEndsTheSession() {
    Api api = admin();
    assertThat(api.delete("/api/staff/session").status()).isEqualTo(204);
    assertProblem(api.get("/api/staff/session"), 401, "unauthorized");
  }

  @Test
  void bearerTokensWorkWithoutCsrfAndStopWhenRevoked() {
    Api admin = admin();
    Api.Reply created = admin.post("/api/staff/tokens", json("name", "crm sync"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String token = created.json().getString("token");
    long id = created.json().getJsonNumber("id").longValue();
    assertThat(token).startsWith("plt_");

    Api integration = new Api(base).withBearer(token);
    assertThat(integration.get("/api/staff/accounts").status()).isEqualTo(200);
    assertThat(integration.post("/api/supporters", json("email", "via-token@example.org")).status())
        .isIn(200, 201);
    assertThat(admin.get("/api/staff/tokens").body()).contains("crm sync").doesNotContain(token);

    assertThat(admin.delete("/api/staff/tokens/" + id).status()).isEqualTo(204);
    Api.Reply revoked = integration.get("/api/staff/accounts");
    assertProblem(revoked, 401, "unauthorized");
    assertThat(revoked.json().getString("detail")).contains("not valid");
    assertProblem(
        new Api(base).withBearer("plt_forged").get("/api/staff/accounts"), 401, "unauthorized");
  }

  @Test
  void aNewStaffMemberIsWelcomedByEmailAndTheChangeIsAudited() {
    String email = staffWith("yet another long password", "advocacy", "impact");
    List<MimeMessage> mail = Mailbox.await(email, 1, Duration.ofSeconds(20));
    assertThat(mail).hasSize(1);
    Api.Reply trail = admin().get("/api/audit?entityType=staff_account");
    assertThat(trail.body()).contains("staff.created", email);
    assertThat(trail.body()).doesNotContain("yet another long password");
  }

  @Test
  void badStaffAccountsAreRefusedField() {
    Api admin = admin();
    Api.Reply reply =
        admin.post(
            "/api/staff/accounts",
            json(
                "email",
                "nope",
                "displayName",
                "",
                "password",
                "short",
                "roles",
                Json.createArrayBuilder().add("wizard").build()));
    assertProblem(reply, 400, "validation");
    assertThat(reply.body()).contains("\"email\"", "\"displayName\"", "\"password\"");
    Api.Reply role =
        admin.post(
            "/api/staff/accounts",
            json(
                "email",
                "ok" + System.nanoTime() + "@it.test",
                "displayName",
                "Ok",
                "password",
                "long enough password",
                "roles",
                Json.createArrayBuilder().add("wizard").build()));
    assertProblem(role, 400, "validation");
    assertThat(role.body()).contains("roles[0]", "wizard");
    Api.Reply duplicate =
        admin.post(
            "/api/staff/accounts",
            json(
                "email",
                TestEnvironment.ADMIN_EMAIL.toUpperCase(),
                "displayName",
                "Dup",
                "password",
                "long enough password",
                "roles",
                Json.createArrayBuilder().add("admin").build()));
    assertProblem(duplicate, 409, "staff-exists");
  }
}
