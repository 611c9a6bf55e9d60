package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/** Staff roles, accounts, API tokens, supporters' access and the audit trail. */
@PathlightIT
class StaffAccessIT extends StaffDeployment {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return archive();
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
    // volunteer coordinators find the people who apply
    assertThat(volunteersStaff.get("/api/supporters").status()).isEqualTo(200);
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

  @Test
  void supportersAreOnePersonPerEmailWhateverItsUnicodeForm() {
    Api admin = Api.sharedAdmin(base);
    String local = "dedup" + System.nanoTime();
    Api.Reply first = admin.post("/api/supporters", json("email", local + "@it.test"));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Api.Reply again =
        admin.post("/api/supporters", json("email", local.toUpperCase() + "@İT.TEST"));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().getJsonNumber("id").longValue())
        .isEqualTo(first.json().getJsonNumber("id").longValue());
  }

  @Test
  void aDeactivatedAccountsSessionsAndTokensStopAtOnceUntilReactivated() {
    String password = "correct horse battery";
    JsonObject account = created(password, "admin");
    long id = account.getJsonNumber("id").longValue();
    String email = account.getString("email");
    Api session = new Api(base);
    assertThat(session.signIn(email, password).status()).isEqualTo(200);
    Api.Reply made = session.post("/api/staff/tokens", json("name", "their integration"));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    Api token = new Api(base).withBearer(made.json().getString("token"));
    assertThat(token.get("/api/staff/accounts").status()).isEqualTo(200);

    Api admin = Api.sharedAdmin(base);
    Api.Reply deactivated = admin.post("/api/staff/accounts/" + id + "/deactivate", "{}");
    assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
    assertThat(deactivated.json().getBoolean("active")).isFalse();

    assertProblem(session.get("/api/staff/session"), 401, "unauthorized");
    assertProblem(token.get("/api/staff/accounts"), 401, "unauthorized");
    assertProblem(new Api(base).signIn(email, password), 401, "unauthorized");
    JsonObject audited =
        admin.get("/api/audit?entityType=staff_account&entityId=" + id).array().stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getString("action").equals("staff.deactivated"))
            .findFirst()
            .orElseThrow();
    assertThat(audited.getString("actor")).isEqualTo("staff:" + TestEnvironment.ADMIN_EMAIL);
    assertThat(audited.getString("after")).contains("\"sessionsEnded\": 1", "\"tokensRevoked\": 1");

    Api.Reply reactivated = admin.post("/api/staff/accounts/" + id + "/reactivate", "{}");
    assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
    assertThat(reactivated.json().getBoolean("active")).isTrue();
    assertThat(new Api(base).signIn(email, password).status()).isEqualTo(200);
    // what deactivation ended stays ended
    assertProblem(token.get("/api/staff/accounts"), 401, "unauthorized");
    assertProblem(session.get("/api/staff/session"), 401, "unauthorized");
  }

  @Test
  void noAdminDeactivatesThemselvesAndOnlyAdminsDeactivate() {
    String password = "correct horse battery";
    JsonObject account = created(password, "admin");
    Api self = new Api(base);
    assertThat(self.signIn(account.getString("email"), password).status()).isEqualTo(200);
    long id = account.getJsonNumber("id").longValue();
    assertProblem(
        self.post("/api/staff/accounts/" + id + "/deactivate", "{}"),
        409,
        "cannot-deactivate-self");
    assertThat(self.get("/api/staff/session").status()).isEqualTo(200);

    Api volunteers = new Api(base);
    volunteers.signIn(staffWith(password, "volunteers"), password);
    assertProblem(
        volunteers.post("/api/staff/accounts/" + id + "/deactivate", "{}"), 403, "role-required");
  }

  @Test
  void aTokenCannotMakeTokensAndTokensExpire() {
    Api admin = Api.sharedAdmin(base);
    assertProblem(
        admin.post("/api/staff/tokens", json("name", "too long", "expiresInDays", 366)),
        400,
        "validation");
    Api.Reply created = admin.post("/api/staff/tokens", json("name", "expiring"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    java.time.Instant expires = java.time.Instant.parse(created.json().getString("expiresAt"));
    assertThat(expires)
        .isBetween(
            java.time.Instant.now().plus(Duration.ofDays(89)),
            java.time.Instant.now().plus(Duration.ofDays(91)));
    Api token = new Api(base).withBearer(created.json().getString("token"));
    assertProblem(
        token.post("/api/staff/tokens", json("name", "minted by a token")),
        403,
        "session-required");
    Api.Reply shortLived =
        admin.post("/api/staff/tokens", json("name", "a week", "expiresInDays", 7));
    assertThat(shortLived.json().getString("expiresAt")).isNotEqualTo(expires.toString());

    long id = created.json().getJsonNumber("id").longValue();
    assertThat(token.get("/api/staff/accounts").status()).isEqualTo(200);
    assertThat(new Api(base).post("/api/test-support/staff-tokens/" + id + "/expire", "").status())
        .isEqualTo(204);
    Api.Reply expired = token.get("/api/staff/accounts");
    assertProblem(expired, 401, "unauthorized");
    assertThat(expired.json().getString("detail")).contains("expired");
  }

  @Test
  void answersWithPersonalDataOrSecretsAreNeverStored() {
    Api admin = Api.sharedAdmin(base);
    Api.Reply person =
        admin.post("/api/supporters", json("email", "nostore" + System.nanoTime() + "@it.test"));
    long id = person.json().getJsonNumber("id").longValue();
    assertThat(person.header("Cache-Control")).isEqualTo("no-store");
    for (String path :
        List.of(
            "/api/supporters?q=nostore",
            "/api/supporters/" + id,
            "/api/shifts",
            "/api/volunteers?status=applied",
            "/api/staff/accounts",
            "/api/staff/tokens",
            "/api/audit")) {
      Api.Reply reply = admin.get(path);
      assertThat(reply.status()).as(path + " " + reply.body()).isEqualTo(200);
      assertThat(reply.header("Cache-Control")).as(path).isEqualTo("no-store");
    }
    for (String csv : List.of("/api/donations/export.csv", "/api/hours/export.csv")) {
      Api.Download download = admin.download(csv, "text/csv");
      assertThat(download.status()).as(csv + " " + download.text()).isEqualTo(200);
      assertThat(download.header("Cache-Control")).as(csv).isEqualTo("no-store");
    }
    // refusals too: a problem answer must not be replayed from a cache either
    Api anonymous = new Api(base);
    Api.Reply me = anonymous.get("/api/volunteers/me");
    assertProblem(me, 401, "unauthorized");
    assertThat(me.header("Cache-Control")).isEqualTo("no-store");
    Api.Reply manage = anonymous.get("/api/manage/not-a-real-token");
    assertThat(manage.status()).isGreaterThanOrEqualTo(400);
    assertThat(manage.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void supportersAreReadByTheRolesThatMeetPeopleAndEditedByFundraising() {
    Api admin = Api.sharedAdmin(base);
    long id =
        admin
            .post("/api/supporters", json("email", "scoped" + System.nanoTime() + "@it.test"))
            .json()
            .getJsonNumber("id")
            .longValue();
    String flags =
        "{\"safeContact\": {\"discreetSender\": true, \"noPostalMail\": true,"
            + " \"doNotFeature\": true}}";
    String password = "correct horse battery";

    Api impact = new Api(base);
    impact.signIn(staffWith(password, "impact"), password);
    assertProblem(impact.get("/api/supporters"), 403, "role-required");
    assertProblem(impact.get("/api/supporters/" + id), 403, "role-required");
    assertProblem(
        impact.post("/api/supporters", json("email", "x" + System.nanoTime() + "@it.test")),
        403,
        "role-required");
    assertProblem(impact.patch("/api/supporters/" + id, flags), 403, "role-required");

    for (String role : List.of("advocacy", "volunteers")) {
      Api staff = new Api(base);
      staff.signIn(staffWith(password, role), password);
      assertThat(staff.get("/api/supporters/" + id).status()).as(role).isEqualTo(200);
      assertProblem(staff.patch("/api/supporters/" + id, flags), 403, "role-required");
      assertProblem(
          staff.patch("/api/supporters/" + id, "{\"consent\": {\"sms\": true}}"),
          403,
          "role-required");
      assertProblem(
          staff.put(
              "/api/supporters/" + id + "/topics", "{\"topics\": {\"impact-newsletter\": true}}"),
          403,
          "role-required");
    }
    assertThat(admin.get("/api/supporters/" + id).json().getJsonObject("safeContact"))
        .isEqualTo(
            Json.createObjectBuilder()
                .add("discreetSender", false)
                .add("noPostalMail", false)
                .add("doNotFeature", false)
                .build());

    Api fundraising = new Api(base);
    fundraising.signIn(staffWith(password, "fundraising"), password);
    Api.Reply edited = fundraising.patch("/api/supporters/" + id, flags);
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    assertThat(edited.json().getJsonObject("safeContact").getBoolean("discreetSender")).isTrue();
  }

  @Test
  void anAdminLiftsALockOutAndTheUnlockIsAudited() {
    String password = "correct horse battery";
    JsonObject account = created(password, "impact");
    String email = account.getString("email");
    long id = account.getJsonNumber("id").longValue();
    String ip = address();
    for (int i = 0; i < 5; i++) {
      new Api(base).signIn(email, "wrong " + i, from(ip));
    }
    assertProblem(new Api(base).signIn(email, password, from(ip)), 429, "signin-locked");

    Api staff = new Api(base);
    staff.signIn(staffWith(password, "fundraising"), password);
    assertProblem(staff.post("/api/staff/accounts/" + id + "/unlock", "{}"), 403, "role-required");

    Api admin = Api.sharedAdmin(base);
    Api.Reply unlocked = admin.post("/api/staff/accounts/" + id + "/unlock", "{}");
    assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
    assertThat(new Api(base).signIn(email, password, from(ip)).status()).isEqualTo(200);
    assertThat(admin.get("/api/audit?entityType=staff_account&entityId=" + id).body())
        .contains("staff.unlocked", TestEnvironment.ADMIN_EMAIL);
    assertProblem(admin.post("/api/staff/accounts/999999999/unlock", "{}"), 404, "not-found");
  }
}
