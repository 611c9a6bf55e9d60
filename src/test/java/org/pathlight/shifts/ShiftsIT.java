package org.pathlight.shifts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;

/** Volunteers apply, are screened and book shifts; seats, waitlists and addresses stay safe. */
@PathlightIT
class ShiftsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api staff() {
    return Api.sharedAdmin(base);
  }

  /** An applied volunteer: id and bearer token (from the emailed sign-in link). */
  record Person(long id, String email, Api api) {}

  private Person apply(String birthDate) {
    String email = "vol" + System.nanoTime() + "@example.org";
    Api.Reply applied =
        new Api(base)
            .post(
                "/api/volunteers",
                Json.createObjectBuilder()
                    .add("email", email)
                    .add("firstName", "Val")
                    .add("lastName", "Unteer")
                    .add("birthDate", birthDate)
                    .add("skills", Json.createArrayBuilder().add("cooking"))
                    .add("agreesToConfidentiality", true)
                    .build()
                    .toString());
    assertThat(applied.status()).as(applied.body()).isEqualTo(202);
    long id = volunteerId(email);
    String token =
        new Api(base)
            .post("/api/test-support/volunteer-token?id=" + id, "{}")
            .json()
            .getString("token");
    return new Person(id, email, new Api(base).withBearer(token));
  }

  /** The id staff see for the applicant with this email (the public answer names none). */
  private long volunteerId(String email) {
    return staff()
        .get("/api/volunteers?status=applied")
        .array()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(v -> v.getString("email").equals(email))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no applicant " + email))
        .getJsonNumber("id")
        .longValue();
  }

  private void approve(Person p) {
    assertThat(
            staff()
                .post("/api/volunteers/" + p.id() + "/decision", "{\"decision\": \"approve\"}")
                .status())
        .isEqualTo(200);
  }

  private void clearForSafeHouse(Person p) {
    Api.Reply screened =
        staff()
            .send(
                "PUT",
                "/api/volunteers/" + p.id() + "/screening",
                "application/json",
                "{\"backgroundCheck\": {\"status\": \"clear\", \"completedOn\": \"2026-01-10\", \"expiresOn\": \"2028-01-10\"},"
                    + " \"trainings\": [{\"code\": \"trauma-informed-care\", \"completedOn\": \"2026-02-01\"},"
                    + " {\"code\": \"anti-trafficking-101\", \"completedOn\": \"2026-02-02\", \"expiresOn\": \"2028-01-01\"}],"
                    + " \"agreementSignedOn\": \"2026-01-05\"}");
    assertThat(screened.status()).as(screened.body()).isEqualTo(200);
    approve(p);
  }

  private String role(boolean survivorFacing, String trainings) {
    String code = (survivorFacing ? "safe-house-" : "mailing-") + System.nanoTime();
    Api.Reply created =
        staff()
            .post(
                "/api/roles",
                "{\"code\": \""
                    + code
                    + "\", \"name\": \""
                    + (survivorFacing ? "Safe-house evening" : "Mailing party")
                    + "\","
                    + " \"survivorFacing\": "
                    + survivorFacing
                    + ", \"requirements\": {\"trainings\": ["
                    + trainings
                    + "], \"minAge\": 21}}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return code;
  }

  private long shift(String role, OffsetDateTime starts, int capacity) {
    Api.Reply created =
        staff()
            .post(
                "/api/shifts",
                "{\"roleCode\": \""
                    + role
                    + "\", \"startsAt\": \""
                    + starts
                    + "\", \"endsAt\": \""
                    + starts.plusHours(3)
                    + "\","
                    + " \"capacity\": "
                    + capacity
                    + ", \"publicLocation\": \"North side\", \"address\": \"12 Hidden Lane\","
                    + " \"revealHoursBefore\": 24}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getJsonNumber("id").longValue();
  }

  private static OffsetDateTime inHours(long hours) {
    return OffsetDateTime.now(ZoneOffset.UTC).plusHours(hours).withNano(0);
  }

  private static JsonObject find(Api.Reply list, long shiftId) {
    return list.array().getValuesAs(JsonObject.class).stream()
        .filter(s -> s.getJsonNumber("id").longValue() == shiftId)
        .findFirst()
        .orElse(null);
  }

  @Test
  void anApplicantIsEmailedASignInLinkThatWorksAsABearerToken() {
    String email = "link" + System.nanoTime() + "@example.org";
    new Api(base)
        .post(
            "/api/volunteers",
            "{\"email\": \""
                + email
                + "\", \"firstName\": \"Lin\", \"lastName\": \"K\", \"birthDate\": \"1995-05-05\","
                + " \"agreesToConfidentiality\": true}");
    MimeMessage welcome = Mailbox.await(email, 1, Duration.ofSeconds(20)).get(0);
    Matcher token = Pattern.compile("#token=(\\S+)").matcher(Mailbox.text(welcome));
    assertThat(token.find()).isTrue();
    Api me = new Api(base).withBearer(token.group(1));
    JsonObject profile = me.get("/api/volunteers/me").json().getJsonObject("volunteer");
    assertThat(profile.getString("email")).isEqualTo(email);
    assertThat(profile.getString("status")).isEqualTo("applied");

    assertThat(
            new Api(base)
                .post("/api/volunteers/login-link", "{\"email\": \"" + email + "\"}")
                .status())
        .isEqualTo(202);
    assertThat(
            new Api(base)
                .post(
                    "/api/volunteers/login-link",
                    "{\"email\": \"nobody" + System.nanoTime() + "@example.org\"}")
                .status())
        .isEqualTo(202);
    assertThat(Mailbox.await(email, 2, Duration.ofSeconds(20))).hasSize(2);
    assertProblem(
        new Api(base).withBearer("forged.token").get("/api/volunteers/me"), 401, "unauthorized");
    assertProblem(new Api(base).get("/api/volunteers/me"), 401, "unauthorized");
  }

  /** The sign-in token of the newest sign-in link mailed to {@code email}. */
  private static String newestLinkToken(String email, int messages) {
    List<MimeMessage> mail = Mailbox.await(email, messages, Duration.ofSeconds(20));
    assertThat(mail).hasSizeGreaterThanOrEqualTo(messages);
    return Mailbox.link(mail.get(mail.size() - 1), Pattern.compile("#token=(\\S+)"));
  }

  @Test
  void signingOutEverywhereAndARejectionEndEverySignInLink() {
    Person p = apply("1990-01-01");
    Api laptop = new Api(base).withBearer(newestLinkToken(p.email(), 1));
    assertThat(laptop.get("/api/volunteers/me").status()).isEqualTo(200);
    assertThat(p.api().get("/api/volunteers/me").status()).isEqualTo(200);

    assertThat(p.api().delete("/api/volunteers/me/sessions").status()).isEqualTo(204);
    assertProblem(laptop.get("/api/volunteers/me"), 401, "unauthorized");
    assertProblem(p.api().get("/api/volunteers/me"), 401, "unauthorized");

    // a link asked for afterwards signs in again
    assertThat(
            new Api(base)
                .post("/api/volunteers/login-link", "{\"email\": \"" + p.email() + "\"}")
                .status())
        .isEqualTo(202);
    Api fresh = new Api(base).withBearer(newestLinkToken(p.email(), 2));
    assertThat(fresh.get("/api/volunteers/me").status()).isEqualTo(200);

    Api.Reply rejected =
        staff()
            .post(
                "/api/volunteers/" + p.id() + "/decision",
                "{\"decision\": \"reject\", \"reason\": \"not a fit\"}");
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    assertProblem(fresh.get("/api/volunteers/me"), 401, "unauthorized");
  }

  @Test
  void theSignInLinkLimitCountsEverySpellingOfAnEmailAsOne() {
    String email = "limit" + System.nanoTime() + "@example.org";
    List<String> spellings =
        List.of(
            email,
            email.toUpperCase(),
            email.replace("example", "EXAMPLE"),
            email.replace("limit", "ＬＩＭＩＴ"),
            email.replace("limit", "lİmit"));
    for (String spelling : spellings) {
      assertThat(
              new Api(base)
                  .post("/api/volunteers/login-link", Api.json("email", spelling))
                  .status())
          .as(spelling)
          .isEqualTo(202);
    }
    assertProblem(
        new Api(base)
            .post("/api/volunteers/login-link", Api.json("email", email.replace("limit", "LİMİT"))),
        429,
        "rate-limited");
  }

  @Test
  void applyingAgainWithAKnownEmailAnswersExactlyLikeAFirstApplication() {
    String email = "twice" + System.nanoTime() + "@example.org";
    String application =
        Api.json(
            "email", email,
            "firstName", "Tess",
            "lastName", "Wice",
            "birthDate", "1990-03-03",
            "agreesToConfidentiality", true);
    Api.Reply first = new Api(base).post("/api/volunteers", application);
    Api.Reply again = new Api(base).post("/api/volunteers", application);
    Api.Reply other =
        new Api(base)
            .post(
                "/api/volunteers",
                application.replace(email, "other" + System.nanoTime() + "@example.org"));
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.body()).isEqualTo(first.body()).isEqualTo(other.body());
    assertThat(headerNames(again)).isEqualTo(headerNames(first));
    assertThat(first.body()).doesNotContain("id\"", "already");

    // the owner of the email hears about the second try; nothing else changed
    List<MimeMessage> mail = Mailbox.await(email, 2, Duration.ofSeconds(20));
    assertThat(mail.stream().map(Mailbox::subject))
        .anyMatch(subject -> subject.startsWith("Thank you for applying"))
        .anyMatch(subject -> subject.startsWith("You have applied already"));
    long id = volunteerId(email);
    MimeMessage note =
        mail.stream()
            .filter(m -> Mailbox.subject(m).startsWith("You have applied already"))
            .findFirst()
            .orElseThrow();
    String token = Mailbox.link(note, Pattern.compile("#token=(\\S+)"));
    JsonObject me =
        new Api(base).withBearer(token).get("/api/volunteers/me").json().getJsonObject("volunteer");
    assertThat(me.getJsonNumber("id").longValue()).isEqualTo(id);
  }

  @Test
  void theLinkFormAnswersAKnownAndAnUnknownEmailByteForByteAlike() {
    Person p = apply("1991-04-04");
    Mailbox.await(p.email(), 1, Duration.ofSeconds(20));
    Api.Reply known =
        new Api(base).post("/api/volunteers/login-link", Api.json("email", p.email()));
    Api.Reply unknown =
        new Api(base)
            .post(
                "/api/volunteers/login-link",
                Api.json("email", "stranger" + System.nanoTime() + "@example.org"));
    assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(202);
    assertThat(known.body()).isEqualTo(unknown.body());
    assertThat(headerNames(known)).isEqualTo(headerNames(unknown));
    assertThat(Mailbox.await(p.email(), 2, Duration.ofSeconds(20))).hasSize(2);
  }

  private static java.util.Set<String> headerNames(Api.Reply reply) {
    return new java.util.TreeSet<>(reply.headers().map().keySet());
  }

  @Test
  void applicationsAreValidated() {
    Api.Reply bad =
        new Api(base)
            .post(
                "/api/volunteers",
                "{\"email\": \"x\", \"birthDate\": \"soon\", \"agreesToConfidentiality\": false}");
    JsonObject problem = assertProblem(bad, 400, "validation");
    assertThat(problem.toString()).contains("agreesToConfidentiality", "firstName", "email");
    Api.Reply young =
        new Api(base)
            .post(
                "/api/volunteers",
                "{\"email\": \"kid"
                    + System.nanoTime()
                    + "@example.org\", \"firstName\": \"K\", \"lastName\": \"Id\","
                    + " \"birthDate\": \"2020-01-01\", \"agreesToConfidentiality\": true}");
    assertProblem(young, 400, "validation");
  }

  @Test
  void survivorFacingShiftsAreInvisibleAndUnbookableUntilCleared() {
    String safeHouse = role(true, "\"trauma-informed-care\", \"anti-trafficking-101\"");
    long shift = shift(safeHouse, inHours(72), 3);
    Person applicant = apply("1990-01-01");

    assertThat(find(new Api(base).get("/api/shifts?role=" + safeHouse), shift))
        .as("anonymous")
        .isNull();
    assertThat(find(applicant.api().get("/api/shifts?role=" + safeHouse), shift))
        .as("not cleared")
        .isNull();
    assertProblem(
        applicant.api().post("/api/shifts/" + shift + "/bookings", "{}"), 404, "not-found");

    clearForSafeHouse(applicant);
    JsonObject visible = find(applicant.api().get("/api/shifts?role=" + safeHouse), shift);
    assertThat(visible).isNotNull();
    assertThat(visible.getBoolean("survivorFacing")).isTrue();
    assertThat(visible.containsKey("address")).as("not booked: no address").isFalse();
    Api.Reply booked = applicant.api().post("/api/shifts/" + shift + "/bookings", "{}");
    assertThat(booked.status()).as(booked.body()).isEqualTo(201);
    assertThat(booked.json().getString("status")).isEqualTo("confirmed");
    // three days ahead: outside the 24-hour reveal window
    assertThat(
            find(applicant.api().get("/api/shifts?role=" + safeHouse), shift)
                .containsKey("address"))
        .isFalse();
  }

  @Test
  void theAddressShowsOnlyToConfirmedClearedVolunteersInsideTheWindow() {
    String safeHouse = role(true, "\"trauma-informed-care\"");
    long soon = shift(safeHouse, inHours(2), 1);
    Person confirmed = apply("1985-03-03");
    Person waitlisted = apply("1985-03-03");
    clearForSafeHouse(confirmed);
    clearForSafeHouse(waitlisted);
    assertThat(
            confirmed
                .api()
                .post("/api/shifts/" + soon + "/bookings", "{}")
                .json()
                .getString("status"))
        .isEqualTo("confirmed");
    JsonObject wait = waitlisted.api().post("/api/shifts/" + soon + "/bookings", "{}").json();
    assertThat(wait.getString("status")).isEqualTo("waitlisted");
    assertThat(wait.getInt("position")).isEqualTo(1);

    assertThat(
            find(confirmed.api().get("/api/shifts?role=" + safeHouse), soon).getString("address"))
        .isEqualTo("12 Hidden Lane");
    JsonObject mine = confirmed.api().get("/api/volunteers/me").json();
    assertThat(mine.getJsonArray("bookings").getJsonObject(0).getString("address"))
        .isEqualTo("12 Hidden Lane");
    assertThat(waitlisted.api().get("/api/volunteers/me").body()).doesNotContain("Hidden Lane");
    assertThat(
            find(waitlisted.api().get("/api/shifts?role=" + safeHouse), soon)
                .containsKey("address"))
        .isFalse();
    assertThat(new Api(base).get("/api/shifts").body()).doesNotContain("12 Hidden Lane");
  }

  @Test
  void notClearedOverlappingAndRepeatedBookingsAreRefused() {
    String trained = role(false, "\"anti-trafficking-101\"");
    long first = shift(trained, inHours(100), 5);
    long overlapping = shift(trained, inHours(101), 5);
    Person p = apply("1990-01-01");
    approve(p);
    Api.Reply refused = p.api().post("/api/shifts/" + first + "/bookings", "{}");
    JsonObject problem = assertProblem(refused, 403, "not-cleared");
    assertThat(problem.getString("detail"))
        .contains("training anti-trafficking-101 is not completed");

    clearForSafeHouse(p);
    Api.Reply booked = p.api().post("/api/shifts/" + first + "/bookings", "{}");
    assertThat(booked.status()).isEqualTo(201);
    long bookingId = booked.json().getJsonNumber("id").longValue();
    assertProblem(p.api().post("/api/shifts/" + first + "/bookings", "{}"), 409, "already-booked");
    assertProblem(
        p.api().post("/api/shifts/" + overlapping + "/bookings", "{}"), 409, "overlapping-shift");

    // staff may cancel for a volunteer, through the same role and CSRF checks as other staff calls
    assertProblem(Api.admin(base).withoutCsrf().delete("/api/bookings/" + bookingId), 403, "csrf");
    assertThat(staff().delete("/api/bookings/" + bookingId).json().getString("status"))
        .isEqualTo("canceled");
  }

  @Test
  void theReasonStaffGiveForADecisionReachesTheApplicant() {
    Person approved = apply("1980-01-01");
    assertThat(
            staff()
                .post(
                    "/api/volunteers/" + approved.id() + "/decision",
                    "{\"decision\": \"approve\", \"reason\": \"Ana will meet you at the door.\"}")
                .status())
        .isEqualTo(200);
    MimeMessage welcome =
        Mailbox.await(approved.email(), 2, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.text(m).contains("is approved"))
            .findFirst()
            .orElseThrow();
    assertThat(Mailbox.text(welcome)).contains("A note from our volunteer team: Ana will meet you");

    Person plain = apply("1980-01-01");
    approve(plain);
    MimeMessage noNote =
        Mailbox.await(plain.email(), 2, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.text(m).contains("is approved"))
            .findFirst()
            .orElseThrow();
    assertThat(Mailbox.text(noNote)).doesNotContain("A note from");
  }

  @Test
  void cancellingPromotesTheFirstWaitlistedVolunteerWhoIsEmailedWithoutTheAddress() {
    String mailing = role(false, "");
    long shift = shift(mailing, inHours(48), 1);
    Person first = apply("1980-01-01");
    Person second = apply("1980-01-01");
    Person third = apply("1980-01-01");
    for (Person p : List.of(first, second, third)) {
      approve(p);
    }
    long firstBooking =
        first
            .api()
            .post("/api/shifts/" + shift + "/bookings", "{}")
            .json()
            .getJsonNumber("id")
            .longValue();
    assertThat(
            second.api().post("/api/shifts/" + shift + "/bookings", "{}").json().getInt("position"))
        .isEqualTo(1);
    assertThat(
            third.api().post("/api/shifts/" + shift + "/bookings", "{}").json().getInt("position"))
        .isEqualTo(2);
    assertProblem(second.api().delete("/api/bookings/" + firstBooking), 404, "not-found");

    assertThat(first.api().delete("/api/bookings/" + firstBooking).json().getString("status"))
        .isEqualTo("canceled");
    JsonObject secondView = find(second.api().get("/api/shifts?role=" + mailing), shift);
    assertThat(secondView.getJsonObject("myBooking").getString("status")).isEqualTo("confirmed");
    assertThat(
            find(third.api().get("/api/shifts?role=" + mailing), shift)
                .getJsonObject("myBooking")
                .getString("status"))
        .isEqualTo("waitlisted");
    MimeMessage promoted =
        Mailbox.await(second.email(), 3, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.subject(m).contains("seat opened"))
            .findFirst()
            .orElseThrow();
    assertThat(Mailbox.text(promoted))
        .contains("North side", "confirmed")
        .doesNotContain("12 Hidden Lane");
    assertThat(staff().get("/api/shifts/" + shift + "/roster").body())
        .contains(second.email(), third.email());

    long secondBooking = secondView.getJsonObject("myBooking").getJsonNumber("id").longValue();
    // nobody has come or not come before the shift starts
    assertProblem(
        staff()
            .post(
                "/api/shifts/" + shift + "/checkins",
                "{\"bookingId\": " + secondBooking + ", \"attended\": true}"),
        409,
        "shift-not-started");
    assertThat(
            new Api(base)
                .post("/api/test-support/shifts/" + shift + "/backdate?hours=49", "")
                .status())
        .isEqualTo(204);
    Api.Reply checkedIn =
        staff()
            .post(
                "/api/shifts/" + shift + "/checkins",
                "{\"bookingId\": " + secondBooking + ", \"attended\": true, \"minutes\": 150}");
    assertThat(checkedIn.status()).as(checkedIn.body()).isEqualTo(200);
    JsonObject hours = staff().get("/api/volunteers/" + second.id() + "/hours").json();
    assertThat(hours.getJsonNumber("totalMinutes").longValue()).isEqualTo(150);
    assertThat(hours.getJsonObject("minutesByRole").getJsonNumber(mailing).longValue())
        .isEqualTo(150);
    assertProblem(
        staff()
            .post(
                "/api/shifts/" + shift + "/checkins",
                "{\"bookingId\": " + firstBooking + ", \"attended\": true}"),
        409,
        "not-confirmed");
  }

  private long book(Person p, long shift) {
    Api.Reply booked = p.api().post("/api/shifts/" + shift + "/bookings", "{}");
    assertThat(booked.status()).as(booked.body()).isEqualTo(201);
    return booked.json().getJsonNumber("id").longValue();
  }

  private biweekly.component.VEvent event(String feedPath, long booking) {
    return biweekly.Biweekly.parse(new Api(base).get(feedPath, "Accept", "text/calendar").body())
        .first()
        .getEvents()
        .stream()
        .filter(e -> e.getUid().getValue().startsWith("booking-" + booking + "@"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void editingAShiftTellsItsVolunteersRaisesTheSequenceAndFewerSeatsAskWhoMovesThenCancelling()
      throws Exception {
    String mailing = role(false, "");
    long shift = shift(mailing, inHours(50), 2);
    Person a = apply("1980-01-01");
    Person b = apply("1981-01-01");
    Person c = apply("1982-01-01");
    for (Person p : List.of(a, b, c)) {
      approve(p);
    }
    long ab = book(a, shift);
    long bb = book(b, shift);
    long cb = book(c, shift); // waitlisted
    String url = a.api().post("/api/calendar/link", "{}").json().getString("url");
    String feed = url.substring(url.indexOf("/api/calendar/"));
    assertThat(event(feed, ab).getSequence().getValue()).isZero();
    String path = "/api/shifts/" + shift;

    assertProblem(new Api(base).patch(path, "{\"capacity\": 3}"), 401, "unauthorized");
    assertProblem(a.api().patch(path, "{\"capacity\": 3}"), 401, "unauthorized");
    assertProblem(staff().patch(path, "{\"capacity\": 0}"), 400, "validation");
    assertProblem(staff().patch(path, "{\"endsAt\": \"" + inHours(40) + "\"}"), 400, "validation");
    // fewer seats than confirmed volunteers: staff choose who goes back; nothing changes till then
    JsonObject refused =
        assertProblem(staff().patch(path, "{\"capacity\": 1}"), 409, "capacity-below-booked");
    assertThat(refused.getJsonArray("confirmed")).hasSize(2);
    assertThat(refused.getInt("moveToWaitlist")).isEqualTo(1);
    assertThat(event(feed, ab).getSequence().getValue()).isZero();

    OffsetDateTime later = inHours(74);
    Api.Reply edited =
        staff()
            .patch(
                path,
                "{\"startsAt\": \""
                    + later
                    + "\", \"endsAt\": \""
                    + later.plusHours(3)
                    + "\", \"publicLocation\": \"South side\", \"capacity\": 1,"
                    + " \"moveToWaitlist\": ["
                    + bb
                    + "]}");
    assertThat(edited.status()).as(edited.body()).isEqualTo(200);
    var moved = event(feed, ab);
    assertThat(moved.getSequence().getValue()).isEqualTo(1);
    assertThat(moved.getLocation().getValue()).isEqualTo("South side");
    assertThat(moved.getDateStart().getValue().toInstant()).isEqualTo(later.toInstant());
    assertThat(
            find(b.api().get("/api/shifts?role=" + mailing), shift)
                .getJsonObject("myBooking")
                .getString("status"))
        .isEqualTo("waitlisted");
    for (Person p : List.of(a, b, c)) {
      List<MimeMessage> told = Mailbox.await(p.email(), "Changed:", 1, Duration.ofSeconds(20));
      assertThat(told).as(p.email()).hasSize(1);
      assertThat(Mailbox.text(told.get(0))).contains("South side").doesNotContain("Hidden Lane");
    }
    assertThat(Mailbox.text(Mailbox.withSubject(b.email(), "Changed:").get(0)))
        .contains("now on the waitlist");

    // cancelling: every booked and waitlisted volunteer is told once, without the address
    String cancel = path + "/cancel";
    assertProblem(staff().post(cancel, "{}"), 400, "validation");
    assertProblem(a.api().post(cancel, "{\"reason\": \"x\"}"), 401, "unauthorized");
    Api.Reply cancelled = staff().post(cancel, "{\"reason\": \"The venue is flooded\"}");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertProblem(staff().post(cancel, "{\"reason\": \"again\"}"), 409, "shift-cancelled");
    assertProblem(staff().patch(path, "{\"capacity\": 5}"), 409, "shift-cancelled");
    for (Person p : List.of(a, b, c)) {
      List<MimeMessage> told = Mailbox.await(p.email(), "Cancelled:", 1, Duration.ofSeconds(20));
      assertThat(Mailbox.text(told.get(0))).contains("South side").doesNotContain("Hidden Lane");
    }
    Mailbox.sleep(1000);
    for (Person p : List.of(a, b, c)) {
      assertThat(Mailbox.withSubject(p.email(), "Cancelled:")).as(p.email()).hasSize(1);
    }
    var gone = event(feed, ab);
    assertThat(gone.getStatus().isCancelled()).isTrue();
    assertThat(gone.getSequence().getValue()).isEqualTo(2);
    assertThat(staff().get("/api/audit?entityType=shift&entityId=" + shift).body())
        .contains("shift.updated", "shift.cancelled", "The venue is flooded");
    assertThat(cb).isPositive();
  }

  @Test
  void aRoleThatNowAsksMoreFlagsItsBookedVolunteersOnTheRosterAndTellsThem() {
    String mailing = role(false, "");
    long shift = shift(mailing, inHours(80), 3);
    Person p = apply("1980-01-01");
    approve(p);
    book(p, shift);
    String path = "/api/roles/" + mailing;
    assertProblem(new Api(base).patch(path, "{\"name\": \"X\"}"), 401, "unauthorized");
    assertProblem(staff().patch("/api/roles/no-such-role", "{\"name\": \"X\"}"), 404, "not-found");
    assertProblem(staff().patch(path, "{\"requirements\": {\"minAge\": 200}}"), 400, "validation");
    assertProblem(staff().patch(path, "{\"name\": \"\"}"), 400, "validation");
    Api.Reply changed =
        staff()
            .patch(
                path,
                "{\"name\": \"Mailing and packing\", \"requirements\": {\"trainings\":"
                    + " [\"first-aid\"]}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getInt("bookingsFlagged")).isEqualTo(1);
    assertThat(changed.json().getJsonObject("role").getString("name"))
        .isEqualTo("Mailing and packing");
    // kept on the roster, and flagged there: nobody is silently kept or dropped
    String roster = staff().get("/api/shifts/" + shift + "/roster").body();
    assertThat(roster).contains(p.email(), "first-aid");
    assertThat(Mailbox.await(p.email(), 3, Duration.ofSeconds(20)).stream().map(Mailbox::text))
        .anySatisfy(t -> assertThat(t).contains("first-aid"));
    assertThat(staff().get("/api/audit?action=role.updated&entityId=" + mailing).body())
        .contains("bookingsFlagged");
  }

  @Test
  void theCalendarFeedFollowsBookingsWithStableUidsAndNeverShowsTheAddress() throws Exception {
    String mailing = role(false, "");
    long one = shift(mailing, inHours(30), 2);
    long two = shift(mailing, inHours(60), 2);
    Person p = apply("1980-01-01");
    approve(p);
    long first =
        p.api()
            .post("/api/shifts/" + one + "/bookings", "{}")
            .json()
            .getJsonNumber("id")
            .longValue();
    p.api().post("/api/shifts/" + two + "/bookings", "{}");
    String url = p.api().post("/api/calendar/link", "{}").json().getString("url");
    String path = url.substring(url.indexOf("/api/calendar/"));

    Api.Reply feed = new Api(base).get(path, "Accept", "text/calendar");
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.contentType()).startsWith("text/calendar");
    var calendar = biweekly.Biweekly.parse(feed.body()).first();
    assertThat(calendar.getEvents()).hasSize(2);
    var event =
        calendar.getEvents().stream()
            .filter(e -> e.getUid().getValue().startsWith("booking-" + first + "@"))
            .findFirst()
            .orElseThrow();
    assertThat(event.getSequence().getValue()).isZero();
    assertThat(event.getStatus().isConfirmed()).isTrue();
    assertThat(event.getLocation().getValue()).isEqualTo("North side");
    assertThat(feed.body()).doesNotContain("Hidden Lane");

    p.api().delete("/api/bookings/" + first);
    var after =
        biweekly.Biweekly.parse(new Api(base).get(path, "Accept", "text/calendar").body()).first();
    var cancelled =
        after.getEvents().stream()
            .filter(e -> e.getUid().getValue().startsWith("booking-" + first + "@"))
            .findFirst()
            .orElseThrow();
    assertThat(cancelled.getUid().getValue()).isEqualTo(event.getUid().getValue());
    assertThat(cancelled.getStatus().isCancelled()).isTrue();
    assertThat(cancelled.getSequence().getValue()).isEqualTo(1);

    assertThat(new Api(base).delete(path).status()).isEqualTo(204);
    assertProblem(new Api(base).get(path, "Accept", "text/calendar"), 404, "not-found");
  }

  @Test
  void aReminderGoesOutOnceAndItsLinkCancelsAndPromotesTheWaitlist() {
    String mailing = role(false, "");
    long shift = shift(mailing, inHours(20), 1);
    Person going = apply("1980-01-01");
    Person waiting = apply("1980-01-01");
    approve(going);
    approve(waiting);
    going.api().post("/api/shifts/" + shift + "/bookings", "{}");
    waiting.api().post("/api/shifts/" + shift + "/bookings", "{}");
    new Api(base).post("/api/test-support/reminders", "{}");
    new Api(base).post("/api/test-support/reminders", "{}");
    List<MimeMessage> reminders =
        Mailbox.await(going.email(), 3, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.subject(m).startsWith("Reminder"))
            .toList();
    Mailbox.sleep(1500);
    assertThat(
            Mailbox.to(going.email()).stream()
                .filter(m -> Mailbox.subject(m).startsWith("Reminder")))
        .hasSize(1);
    assertThat(
            Mailbox.to(waiting.email()).stream()
                .filter(m -> Mailbox.subject(m).startsWith("Reminder")))
        .isEmpty();
    String text = Mailbox.text(reminders.get(0));
    assertThat(text).contains("North side").doesNotContain("Hidden Lane");
    Matcher link = Pattern.compile("/volunteer/cancel#token=(\\S+)").matcher(text);
    assertThat(link.find()).isTrue();

    Api.Reply cancelled =
        new Api(base)
            .post("/api/bookings/cancel-by-link", "{\"token\": \"" + link.group(1) + "\"}");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().getString("status")).isEqualTo("canceled");
    assertThat(
            find(waiting.api().get("/api/shifts?role=" + mailing), shift)
                .getJsonObject("myBooking")
                .getString("status"))
        .isEqualTo("confirmed");
    assertProblem(
        new Api(base).post("/api/bookings/cancel-by-link", "{\"token\": \"forged\"}"),
        404,
        "not-found");
  }

  @Test
  void aClearanceThatLapsesBeforeTheShiftIsFlaggedAndTheVolunteerTold() {
    String safeHouse = role(true, "\"trauma-informed-care\"");
    long shift = shift(safeHouse, inHours(10), 2);
    Person p = apply("1980-01-01");
    clearForSafeHouse(p);
    assertThat(p.api().post("/api/shifts/" + shift + "/bookings", "{}").json().getString("status"))
        .isEqualTo("confirmed");
    // the background check comes back failed after the booking
    staff()
        .send(
            "PUT",
            "/api/volunteers/" + p.id() + "/screening",
            "application/json",
            "{\"backgroundCheck\": {\"status\": \"failed\"}, \"trainings\": [{\"code\": \"trauma-informed-care\", \"completedOn\": \"2026-02-01\"}]}");
    new Api(base).post("/api/test-support/reminders", "{}");
    MimeMessage told =
        Mailbox.await(p.email(), 3, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.subject(m).startsWith("Before your shift"))
            .findFirst()
            .orElseThrow();
    assertThat(Mailbox.text(told)).contains("a clear background check is needed", "do not come");
    assertThat(
            Mailbox.to(p.email()).stream().filter(m -> Mailbox.subject(m).startsWith("Reminder")))
        .isEmpty();
    assertThat(staff().get("/api/shifts/" + shift + "/roster").body())
        .contains("a clear background check is needed");
  }

  @Test
  void staffSeeEveryShiftAndAreWarnedOfExpiringScreening() {
    String safeHouse = role(true, "\"trauma-informed-care\"");
    long shift = shift(safeHouse, inHours(80), 2);
    JsonObject seen = find(staff().get("/api/shifts?role=" + safeHouse), shift);
    assertThat(seen).isNotNull();
    assertThat(seen.getString("address")).isEqualTo("12 Hidden Lane");

    Person p = apply("1980-01-01");
    String soon = java.time.LocalDate.now().plusDays(10).toString();
    staff()
        .send(
            "PUT",
            "/api/volunteers/" + p.id() + "/screening",
            "application/json",
            "{\"backgroundCheck\": {\"status\": \"clear\", \"completedOn\": \"2025-01-01\", \"expiresOn\": \""
                + soon
                + "\"}}");
    approve(p);
    assertThat(staff().get("/api/volunteers/expiring?within=30").body()).contains(p.email());
    assertThat(staff().get("/api/volunteers/expiring?within=5").body()).doesNotContain(p.email());
  }

  private long localShift(
      String role, String startsLocal, String endsLocal, int capacity, int min) {
    Api.Reply created =
        staff()
            .post(
                "/api/shifts",
                Api.json(
                    "roleCode", role,
                    "startsAt", startsLocal,
                    "endsAt", endsLocal,
                    "capacity", capacity,
                    "minStaff", min,
                    "publicLocation", "Office"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getJsonNumber("id").longValue();
  }

  @Test
  void staffSeeStaffingRecordAttendanceAndExportHours() {
    String mailing = role(false, "");
    String day = java.time.LocalDate.now().plusDays(20).toString();
    // a local date-time is read in the organisation's zone
    long shift = localShift(mailing, day + "T18:00", day + "T21:00", 3, 2);
    JsonObject seen = find(staff().get("/api/shifts?role=" + mailing + "&from=" + day), shift);
    assertThat(seen.getString("startsAt")).startsWith(day + "T18:00");
    assertThat(seen.getJsonObject("staffing").getBoolean("understaffed")).isTrue();
    assertThat(seen.getJsonObject("staffing").getInt("minStaff")).isEqualTo(2);
    // volunteers and visitors never see staffing
    assertThat(find(new Api(base).get("/api/shifts?role=" + mailing + "&from=" + day), shift))
        .doesNotContainKey("staffing");

    Person a = apply("1980-01-01");
    Person b = apply("1985-05-05");
    approve(a);
    approve(b);
    long ba = a.api().post("/api/shifts/" + shift + "/bookings", "{}").json().getInt("id");
    long bb = b.api().post("/api/shifts/" + shift + "/bookings", "{}").json().getInt("id");
    JsonObject staffing =
        find(staff().get("/api/shifts?role=" + mailing + "&from=" + day), shift)
            .getJsonObject("staffing");
    assertThat(staffing.getInt("confirmed")).isEqualTo(2);
    assertThat(staffing.getBoolean("understaffed")).isFalse();

    // the shift takes place (moved 30 days back: 10 days ago), then attendance is recorded
    assertThat(
            new Api(base)
                .post("/api/test-support/shifts/" + shift + "/backdate?hours=" + 30 * 24, "")
                .status())
        .isEqualTo(204);
    assertThat(
            staff()
                .post(
                    "/api/shifts/" + shift + "/checkins",
                    "{\"bookingId\": " + ba + ", \"attended\": true}")
                .status())
        .isEqualTo(200);
    assertThat(
            staff()
                .post(
                    "/api/shifts/" + shift + "/checkins",
                    "{\"bookingId\": " + bb + ", \"attended\": true, \"minutes\": 90}")
                .status())
        .isEqualTo(200);

    java.time.LocalDate today = java.time.LocalDate.now();
    String range = "?from=" + today.minusDays(60) + "&to=" + today.plusDays(1);
    JsonObject report = staff().get("/api/hours" + range).json();
    JsonObject total =
        report.getJsonArray("roles").getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("roleCode").equals(mailing))
            .findFirst()
            .orElseThrow();
    assertThat(total.getInt("volunteers")).isEqualTo(2);
    assertThat(total.getInt("shifts")).isEqualTo(2);
    assertThat(total.getInt("minutes")).isEqualTo(180 + 90);

    Api.Reply csv = staff().get("/api/hours/export.csv" + range, "Accept", "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body())
        .startsWith(
            "volunteer_id,first_name,last_name,email,role,role_name,shifts,minutes,hours\r\n")
        .contains(
            a.id() + ",Val,Unteer," + a.email() + "," + mailing + ",Mailing party,1,180,3.00\r\n")
        .contains(
            b.id() + ",Val,Unteer," + b.email() + "," + mailing + ",Mailing party,1,90,1.50\r\n");
    // a period before the shift has none of it
    assertThat(
            staff()
                .get(
                    "/api/hours/export.csv?from="
                        + today.minusDays(60)
                        + "&to="
                        + today.minusDays(12),
                    "Accept",
                    "text/csv")
                .body())
        .doesNotContain(a.email());

    assertProblem(staff().get("/api/hours?from=yesterday"), 400, "validation");
    assertProblem(staff().get("/api/hours" + "?from=2026-05-01&to=2026-04-01"), 400, "validation");
    assertProblem(new Api(base).get("/api/hours"), 401, "unauthorized");
    assertProblem(a.api().get("/api/hours/export.csv", "Accept", "text/csv"), 401, "unauthorized");
  }

  @Test
  void rolesAreListedToThoseWhoMayKnowOfThem() {
    String safeHouse = role(true, "\"trauma-informed-care\"");
    String mailing = role(false, "");
    assertThat(new Api(base).get("/api/roles").body()).contains(mailing).doesNotContain(safeHouse);
    Person p = apply("1980-01-01");
    assertThat(p.api().get("/api/roles").body()).doesNotContain(safeHouse);
    clearForSafeHouse(p);
    assertThat(p.api().get("/api/roles").body()).contains(safeHouse, mailing);
    assertThat(staff().get("/api/roles").body()).contains(safeHouse, mailing);
  }

  @Test
  void theDailyDigestFlagsLapsesExpiriesAndThinShiftsToStaffOnce() {
    String safeHouse = role(true, "\"trauma-informed-care\"");
    // booked four days out: past the reminder window, so only the digest sees the lapse
    long later = shift(safeHouse, inHours(96), 2);
    Person lapsing = apply("1980-01-01");
    clearForSafeHouse(lapsing);
    long booking =
        lapsing.api().post("/api/shifts/" + later + "/bookings", "{}").json().getInt("id");
    String soon = java.time.LocalDate.now().plusDays(3).toString();
    staff()
        .send(
            "PUT",
            "/api/volunteers/" + lapsing.id() + "/screening",
            "application/json",
            "{\"backgroundCheck\": {\"status\": \"clear\", \"completedOn\": \"2025-01-10\", \"expiresOn\": \""
                + soon
                + "\"}, \"trainings\": [{\"code\": \"trauma-informed-care\", \"completedOn\": \"2026-02-01\"}],"
                + " \"agreementSignedOn\": \"2026-01-05\"}");
    String mailing = role(false, "");
    String day = java.time.LocalDate.now().plusDays(2).toString();
    long thin = localShift(mailing, day + "T10:00", day + "T12:00", 5, 3);

    JsonObject run = new Api(base).post("/api/test-support/volunteer-digest", "{}").json();
    assertThat(run.getBoolean("ran")).isTrue();
    assertThat(run.getInt("lapsed")).isGreaterThanOrEqualTo(1);
    assertThat(run.getInt("understaffed")).isGreaterThanOrEqualTo(1);
    assertThat(run.getInt("emailed")).isGreaterThanOrEqualTo(1);
    // a second run the same day (another instance, another tick) does nothing
    assertThat(
            new Api(base)
                .post("/api/test-support/volunteer-digest?fresh=false", "{}")
                .json()
                .getBoolean("ran"))
        .isFalse();

    MimeMessage digest =
        Mailbox.await(org.pathlight.testing.TestEnvironment.ADMIN_EMAIL, 1, Duration.ofSeconds(20))
            .stream()
            .filter(m -> Mailbox.subject(m).startsWith("Volunteer screening and staffing"))
            .findFirst()
            .orElseThrow();
    assertThat(Mailbox.text(digest))
        .contains(lapsing.email(), "shift " + later, "background check on " + soon)
        .contains("Shift " + thin + " (" + mailing + ")", "0 confirmed of 3 needed");
    MimeMessage told =
        Mailbox.await(lapsing.email(), 3, Duration.ofSeconds(20)).stream()
            .filter(m -> Mailbox.subject(m).startsWith("Before your shift"))
            .findFirst()
            .orElseThrow();
    assertThat(Mailbox.text(told)).contains("background check");
    assertThat(staff().get("/api/shifts/" + later + "/roster").body())
        .contains("\"bookingId\":" + booking, "background check");

    // renewed: the next day's run clears the flag and does not tell the volunteer again
    clearForSafeHouse(lapsing);
    new Api(base).post("/api/test-support/volunteer-digest", "{}");
    assertThat(staff().get("/api/shifts/" + later + "/roster").body())
        .contains("\"clearanceLapsed\":\"\"");
    assertThat(
            Mailbox.to(lapsing.email()).stream()
                .filter(m -> Mailbox.subject(m).startsWith("Before your shift")))
        .hasSize(1);
  }

  @Test
  void aStormOfBookingsFillsExactlyTheSeatsAndWaitlistsTheRestInOrder() throws Exception {
    String mailing = role(false, "");
    long shift = shift(mailing, inHours(200), 25);
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Person p = apply("1980-01-01");
      approve(p);
      people.add(p);
    }
    List<Callable<Api.Reply>> attempts = new ArrayList<>();
    for (Person p : people) {
      attempts.add(() -> p.api().post("/api/shifts/" + shift + "/bookings", "{}"));
      attempts.add(
          () -> p.api().post("/api/shifts/" + shift + "/bookings", "{}")); // a double click
    }
    Collections.shuffle(attempts);
    ExecutorService pool = Executors.newFixedThreadPool(24);
    Map<String, Integer> outcomes = new HashMap<>();
    List<Integer> positions = new ArrayList<>();
    try {
      for (Future<Api.Reply> f : pool.invokeAll(attempts)) {
        Api.Reply r = f.get();
        String key = r.status() == 201 ? r.json().getString("status") : r.json().getString("type");
        outcomes.merge(key, 1, Integer::sum);
        if (r.status() == 201 && r.json().getString("status").equals("waitlisted")) {
          positions.add(r.json().getInt("position"));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(outcomes)
        .containsEntry("confirmed", 25)
        .containsEntry("waitlisted", 95)
        .containsEntry("/problems/already-booked", 120);
    assertThat(positions)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 95).boxed().toList());
    assertThat(find(new Api(base).get("/api/shifts?role=" + mailing), shift).getInt("seatsLeft"))
        .isZero();
  }
}
