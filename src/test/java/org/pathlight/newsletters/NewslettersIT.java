package org.pathlight.newsletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * A newsletter sent for real through the {@code newsletter-sends} job and the outbox to GreenMail:
 * a mixed audience (a donor, a plain subscriber, someone who said no, a safe-contact supporter, a
 * suppressed address, someone on another topic), its merge fields and footer, the one-click
 * headers, the throttle, pause, resume, an unsubscribe mid-send and a cancel, with bad drafts and
 * bad segments refused and nothing sent.
 */
@PathlightIT
class NewslettersIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlight();
  }

  @ArquillianResource URL base;

  private Api staff() {
    return Api.sharedAdmin(base);
  }

  /** A topic of this test's own, so the audience is exactly the people made here. */
  private String topic(String name) {
    String code = name + "-" + (System.nanoTime() % 1_000_000_000L);
    assertThat(staff().post("/api/topics", json("code", code, "name", "News " + code)).status())
        .isEqualTo(201);
    return code;
  }

  private long person(String email, String first, String topic, boolean yes) {
    long id =
        staff()
            .post("/api/supporters", json("email", email, "firstName", first))
            .json()
            .getJsonNumber("id")
            .longValue();
    if (topic != null) {
      assertThat(
              staff()
                  .put(
                      "/api/supporters/" + id + "/topics",
                      Json.createObjectBuilder()
                          .add("topics", Json.createObjectBuilder().add(topic, yes))
                          .build()
                          .toString())
                  .status())
          .isEqualTo(200);
    }
    return id;
  }

  private long draft(String topic, String subject, String body) {
    Api.Reply made =
        staff().post("/api/newsletters", json("subject", subject, "topic", topic, "body", body));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json().getJsonNumber("id").longValue();
  }

  private JsonObject progress(long id) {
    return staff().get("/api/newsletters/" + id).json();
  }

  private JsonObject awaitProgress(long id, Predicate<JsonObject> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject p = progress(id);
    while (!done.test(p) && Instant.now().isBefore(deadline)) {
      Mailbox.sleep(250);
      p = progress(id);
    }
    assertThat(done.test(p)).as(p.toString()).isTrue();
    return p;
  }

  private static String html(MimeMessage m) throws Exception {
    MimeMultipart parts = (MimeMultipart) m.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      if (parts.getBodyPart(i).isMimeType("text/html")) {
        return (String) parts.getBodyPart(i).getContent();
      }
    }
    throw new AssertionError("no HTML part");
  }

  @Test
  void aNewsletterReachesOnlyTheSubscribedWithTheirMergeFieldsFooterAndOneClickHeaders()
      throws Exception {
    String topic = topic("impact");
    String donor = Mailbox.unique("nl-donor");
    String fan = Mailbox.unique("nl-fan");
    String declined = Mailbox.unique("nl-no");
    String discreet = Mailbox.unique("nl-discreet");
    String bounced = Mailbox.unique("nl-bounced");
    String elsewhere = Mailbox.unique("nl-other");
    long donorId = person(donor, "Ada", topic, true);
    person(fan, null, topic, true);
    person(declined, "Nia", topic, false);
    long discreetId = person(discreet, "Sam", topic, true);
    person(bounced, "Bo", topic, true);
    person(elsewhere, "Oz", null, false);
    staff()
        .patch(
            "/api/supporters/" + discreetId,
            "{\"safeContact\": {\"discreetSender\": true, \"noPostalMail\": false,"
                + " \"doNotFeature\": false}}");
    try (var c = TestEnvironment.get().connect();
        var s =
            c.prepareStatement(
                "insert into email_suppression (email_key, reason, source, created_at)"
                    + " values (lower(?), 'hard-bounce', 'test', now())")) {
      s.setString(1, bounced);
      s.executeUpdate();
    }
    Api.Reply gift =
        staff()
            .post(
                "/api/donations/offline",
                json(
                    "email",
                    donor,
                    "firstName",
                    "Ada",
                    "lastName",
                    "Donor",
                    "source",
                    "check",
                    "amount",
                    5000,
                    "currency",
                    "usd",
                    "fundCode",
                    "legal-aid",
                    "receivedOn",
                    LocalDate.now(ZoneId.of("America/Chicago")).toString()));
    assertThat(gift.status()).as(gift.body()).isEqualTo(201);

    String body =
        "Dear {{firstName}},\n\nThis year you gave **{{givingTotal}}**. {{impact}}\n\n"
            + "[Manage your giving]({{manageLink}}) · <b>raw html stays text</b>";
    long id = draft(topic, "What your support made possible", body);

    // the audience before sending: the subscribed, less the suppressed
    assertThat(
            staff()
                .post(
                    "/api/segments/count",
                    "{\"rules\": {\"topic\": \"" + topic + "\"}, \"topic\": \"" + topic + "\"}")
                .json()
                .getInt("reachable"))
        .isEqualTo(3);

    // a preview for the donor, as they will get it
    JsonObject preview =
        staff().post("/api/newsletters/" + id + "/preview", json("email", donor)).json();
    assertThat(preview.getString("text"))
        .contains("Dear Ada", "$50.00", NewsletterMail.NOTHING_PUBLISHED);
    assertThat(preview.getString("html"))
        .contains(
            "<strong>$50.00</strong>", "&lt;b&gt;raw html stays text&lt;/b&gt;", "href=\"http")
        .doesNotContain("<b>raw");

    Api.Reply sending = staff().post("/api/newsletters/" + id + "/send", "{}");
    assertThat(sending.status()).as(sending.body()).isEqualTo(200);
    assertThat(sending.json().getString("status")).isIn("scheduled", "sending");
    JsonObject done =
        awaitProgress(
            id,
            p -> p.getString("status").equals("sent") && p.getInt("sent") == 3,
            Duration.ofSeconds(40));
    assertThat(done.getInt("audience")).isEqualTo(3);
    assertThat(done.getInt("queued")).isZero();
    assertThat(done.getInt("failed")).isZero();

    MimeMessage toDonor =
        Mailbox.await(donor, "What your support", 1, Duration.ofSeconds(20)).get(0);
    assertThat(Mailbox.text(toDonor))
        .contains(
            "Dear Ada",
            "$50.00",
            "/give/manage#token=",
            "Safe Harbor Test Org",
            "You get this because you subscribed to News " + topic,
            "/unsubscribe/",
            "/preferences#token=");
    assertThat(toDonor.getContentType()).startsWith("multipart/alternative");
    assertThat(html(toDonor)).contains("<strong>$50.00</strong>");
    String oneClick = toDonor.getHeader("List-Unsubscribe")[0];
    assertThat(oneClick).startsWith("<http").contains("/api/unsubscribe/").endsWith(">");
    assertThat(toDonor.getHeader("List-Unsubscribe-Post")[0])
        .isEqualTo("List-Unsubscribe=One-Click");

    MimeMessage toFan = Mailbox.await(fan, "What your support", 1, Duration.ofSeconds(20)).get(0);
    assertThat(Mailbox.text(toFan)).contains("Dear friend", NewsletterMail.NO_GIFTS_YET);
    // the safe-contact supporter: a neutral subject and sender name
    MimeMessage toDiscreet = Mailbox.await(discreet, 1, Duration.ofSeconds(20)).get(0);
    assertThat(Mailbox.subject(toDiscreet)).isEqualTo("An update for you");
    assertThat(Mailbox.from(toDiscreet)).doesNotContain("Safe Harbor");
    Mailbox.sleep(1500);
    assertThat(Mailbox.to(declined)).isEmpty();
    assertThat(Mailbox.to(bounced)).isEmpty();
    assertThat(Mailbox.to(elsewhere)).isEmpty();
    assertThat(Mailbox.withSubject(donor, "What your support")).hasSize(1);

    // the header's address unsubscribes in one POST, with no cookie
    String url = oneClick.substring(1, oneClick.length() - 1);
    String path = url.substring(url.indexOf("/api/unsubscribe/"));
    Api.Reply out =
        new Api(base)
            .send("POST", path, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
    assertThat(out.status()).as(out.body()).isEqualTo(200);
    assertThat(
            TestEnvironment.count(
                "select count(*) from topic_subscription where supporter_id = ? and topic_code = ?"
                    + " and not subscribed",
                donorId,
                topic))
        .isEqualTo(1);

    // sent is sent
    assertProblem(staff().post("/api/newsletters/" + id + "/send", "{}"), 409, "already-sent");
    assertProblem(
        staff().put("/api/newsletters/" + id, json("subject", "x", "topic", topic, "body", "x")),
        409,
        "already-sent");
  }

  @Test
  void aSendPausesResumesAndSkipsWhoeverUnsubscribesMeanwhile() throws Exception {
    String topic = topic("alerts");
    List<String> people = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String email = Mailbox.unique("nl-paused" + i);
      people.add(email);
      ids.add(person(email, "P" + i, topic, true));
    }
    long id = draft(topic, "Act now " + topic, "Hello {{firstName}}, please write today.");
    staff().post("/api/newsletters/" + id + "/send", "{}");
    // one a second: pause once the first is out
    awaitProgress(id, p -> p.getInt("sent") >= 1, Duration.ofSeconds(30));
    Api.Reply paused = staff().post("/api/newsletters/" + id + "/pause", "{}");
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().getString("status")).isEqualTo("paused");
    Mailbox.sleep(1500); // a message in the SMTP hand-off at the pause still lands
    long before = sentTo(people);
    Mailbox.sleep(3000);
    assertThat(sentTo(people)).as("nothing goes while paused").isEqualTo(before);
    assertThat(before).isLessThan(6);
    assertProblem(staff().post("/api/newsletters/" + id + "/pause", "{}"), 409, "not-sending");

    // the last person leaves the topic while the send is paused: nothing waiting goes to them
    String last = people.get(5);
    String token =
        new Api(base)
            .post(
                "/api/test-support/tokens?purpose=unsubscribe&subject=supporter:"
                    + ids.get(5)
                    + ":topic:"
                    + topic,
                "{}")
            .json()
            .getString("token");
    assertThat(
            new Api(base)
                .send(
                    "POST",
                    "/api/unsubscribe/" + token,
                    "application/x-www-form-urlencoded",
                    "List-Unsubscribe=One-Click")
                .status())
        .isEqualTo(200);

    assertThat(staff().post("/api/newsletters/" + id + "/resume", "{}").status()).isEqualTo(200);
    JsonObject done =
        awaitProgress(
            id,
            p -> p.getString("status").equals("sent") && p.getInt("queued") == 0,
            Duration.ofSeconds(40));
    assertThat(done.getInt("unsubscribed")).isEqualTo(1);
    assertThat(done.getInt("sent")).isEqualTo(5);
    Mailbox.sleep(1500);
    for (String p : people.subList(0, 5)) {
      assertThat(Mailbox.withSubject(p, "Act now")).as(p).hasSize(1);
    }
    assertThat(Mailbox.to(last)).isEmpty();
  }

  private static long sentTo(List<String> people) {
    return people.stream().mapToLong(p -> Mailbox.withSubject(p, "Act now").size()).sum();
  }

  @Test
  void twoInstancesWritingOneSendAtOnceWriteEachMessageOnce() throws Exception {
    String topic = topic("race");
    List<String> people = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String email = Mailbox.unique("nl-race" + i);
      people.add(email);
      person(email, "R" + i, topic, true);
    }
    long id = draft(topic, "Race " + topic, "Hi {{firstName}}");
    staff().post("/api/newsletters/" + id + "/send", "{}");
    // the job run on several threads at once as well as on its schedule: the newsletter's row
    // and SKIP LOCKED keep every message to one
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(
            () -> new Api(base).post("/api/test-support/jobs/newsletter-sends/run", "{}").status());
      }
      for (var f : pool.invokeAll(runs)) {
        assertThat(f.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    awaitProgress(id, p -> p.getInt("sent") == 4, Duration.ofSeconds(40));
    Mailbox.sleep(1500);
    List<String> messageIds = new ArrayList<>();
    for (String p : people) {
      List<MimeMessage> got = Mailbox.withSubject(p, "Race");
      assertThat(got).as(p).hasSize(1);
      messageIds.add(Mailbox.messageId(got.get(0)));
    }
    assertThat(messageIds).doesNotHaveDuplicates();
    assertThat(
            TestEnvironment.count(
                "select count(*) from outbox_message where bulk_tag = ?", "newsletter:" + id))
        .isEqualTo(4);
  }

  @Test
  void aScheduledSendCanBeCanceledAndBadDraftsSegmentsAndSchedulesAreRefused() throws Exception {
    String topic = topic("later");
    String email = Mailbox.unique("nl-later");
    person(email, "Lee", topic, true);
    long id = draft(topic, "Later " + topic, "Hello {{firstName}}");
    String inAnHour = java.time.OffsetDateTime.now().plusHours(1).toString();
    Api.Reply scheduled = staff().post("/api/newsletters/" + id + "/send", json("at", inAnHour));
    assertThat(scheduled.json().getString("status")).isEqualTo("scheduled");
    assertProblem(staff().post("/api/newsletters/" + id + "/send", "{}"), 409, "already-sent");
    assertThat(staff().post("/api/newsletters/" + id + "/cancel", "{}").json().getString("status"))
        .isEqualTo("canceled");
    assertProblem(staff().post("/api/newsletters/" + id + "/cancel", "{}"), 409, "not-cancelable");
    assertProblem(staff().post("/api/newsletters/" + id + "/resume", "{}"), 409, "not-paused");
    Mailbox.sleep(2500);
    assertThat(Mailbox.to(email)).isEmpty();

    long newsletters = TestEnvironment.count("select count(*) from newsletter");
    // bad drafts: nothing saved
    assertProblem(
        staff().post("/api/newsletters", json("subject", "", "topic", topic, "body", "x")),
        400,
        "validation");
    assertProblem(
        staff().post("/api/newsletters", json("subject", "S", "topic", "no-such", "body", "x")),
        400,
        "validation");
    assertProblem(
        staff()
            .post(
                "/api/newsletters",
                json("subject", "S", "topic", topic, "body", "Hi {{lastName}}")),
        400,
        "validation");
    assertProblem(
        staff()
            .post(
                "/api/newsletters",
                json("subject", "S", "topic", topic, "body", "Hi {{firstName}")),
        400,
        "validation");
    assertProblem(
        staff()
            .post(
                "/api/newsletters",
                "{\"subject\": \"S\", \"topic\": \""
                    + topic
                    + "\", \"segmentId\": 999999, \"body\": \"x\"}"),
        400,
        "validation");
    assertProblem(staff().post("/api/newsletters", "{\"subject\": 5}"), 400, "malformed-json");
    assertThat(TestEnvironment.count("select count(*) from newsletter")).isEqualTo(newsletters);

    // a schedule in the past, or nonsense
    long other = draft(topic, "Past " + topic, "x");
    assertProblem(
        staff().post("/api/newsletters/" + other + "/send", json("at", "2020-01-01T09:00:00Z")),
        400,
        "validation");
    assertProblem(
        staff().post("/api/newsletters/" + other + "/send", json("at", "tomorrow")),
        400,
        "validation");
    assertThat(progress(other).getString("status")).isEqualTo("draft");

    // a send now to a topic nobody is subscribed to goes to nobody: refused, still a draft
    long nobody = draft(topic("empty"), "Nobody " + topic, "x");
    assertProblem(
        staff().post("/api/newsletters/" + nobody + "/send", "{}"), 409, "empty-audience");
    assertThat(progress(nobody).getString("status")).isEqualTo("draft");

    // bad segments: nothing saved
    long segments = TestEnvironment.count("select count(*) from segment");
    for (String rules :
        List.of(
            "{\"height\": 3}",
            "{\"all\": []}",
            "{\"gave\": {\"minTotal\": \"lots\"}}",
            "{\"gave\": {\"from\": \"yesterday\"}}",
            "{\"gave\": {\"fund\": \"no-such-fund\"}}",
            "{\"recurring\": \"sometimes\"}",
            "{\"acted\": \"no-such-campaign\"}",
            "{\"topic\": \"no-such-topic\"}",
            "{\"volunteer\": {\"status\": \"maybe\"}}",
            "[1, 2]")) {
      assertProblem(
          staff().post("/api/segments", "{\"name\": \"Bad\", \"rules\": " + rules + "}"),
          400,
          "validation");
    }
    assertProblem(
        staff()
            .post("/api/segments", "{\"name\": \"\", \"rules\": {\"topic\": \"" + topic + "\"}}"),
        400,
        "validation");
    assertThat(TestEnvironment.count("select count(*) from segment")).isEqualTo(segments);

    // a good one, with and/or/not over giving, counted
    Api.Reply good =
        staff()
            .post(
                "/api/segments",
                "{\"name\": \"Lee and non-donors\", \"rules\": {\"all\": [{\"topic\": \""
                    + topic
                    + "\"}, {\"not\": {\"gave\": {\"minTotal\": 1}}}, {\"any\": [{\"lybunt\": {}},"
                    + " {\"sybunt\": {}}, {\"firstGift\": {\"from\": \"2000-01-01\"}}, {\"recurring\": \"active\"},"
                    + " {\"volunteer\": {}}, {\"hours\": {\"min\": 1}}, {\"not\": {\"topic\": \""
                    + topic
                    + "\"}},"
                    + " {\"topic\": \""
                    + topic
                    + "\"}]}]}}");
    assertThat(good.status()).as(good.body()).isEqualTo(201);
    assertThat(good.json().getInt("count")).isEqualTo(1);
    long segmentId = good.json().getJsonNumber("id").longValue();
    assertThat(
            staff()
                .get("/api/segments/" + segmentId + "/count?topic=" + topic)
                .json()
                .getInt("reachable"))
        .isEqualTo(1);
    // nobody without the topic is ever in a send, whatever the rules say
    Api.Reply wide =
        staff()
            .post(
                "/api/segments",
                "{\"name\": \"Everyone\", \"rules\": {\"not\": {\"topic\": \"" + topic + "\"}}}");
    assertThat(wide.json().getInt("count")).isGreaterThan(0);
    assertThat(
            staff()
                .get("/api/segments/" + wide.json().getJsonNumber("id") + "/count?topic=" + topic)
                .json()
                .getInt("reachable"))
        .isZero();

    // the newsletter staff may not use: impact staff, and anyone signed out
    assertProblem(new Api(base).get("/api/newsletters"), 401, "unauthorized");
  }

  /** Puts a report into the bounce mailbox, as a mail server returning it would. */
  private static void intoBounceMailbox(String report) throws Exception {
    var session = jakarta.mail.Session.getInstance(new java.util.Properties());
    var m =
        new jakarta.mail.internet.MimeMessage(
            session,
            new java.io.ByteArrayInputStream(
                report.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    TestEnvironment.get()
        .smtp()
        .getUserManager()
        .getUser(TestEnvironment.BOUNCE_MAILBOX)
        .deliver(m);
  }

  private static String dsn(String to, String action, String status, String messageId) {
    return "From: MAILER-DAEMON@mx.example.net\r\nTo: "
        + TestEnvironment.BOUNCE_MAILBOX
        + "\r\n"
        + "Subject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        + "Final-Recipient: rfc822; "
        + to
        + "\r\nAction: "
        + action
        + "\r\nStatus: "
        + status
        + "\r\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + "Message-ID: "
        + messageId
        + "\r\nTo: "
        + to
        + "\r\nSubject: x\r\n\r\n"
        + "--b1--\r\n";
  }

  private static String complaint(String to, String messageId) {
    return "From: feedback@isp.example\r\nTo: "
        + TestEnvironment.BOUNCE_MAILBOX
        + "\r\n"
        + "Subject: Abuse report\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b2\"\r\n\r\n"
        + "--b2\r\nContent-Type: text/plain\r\n\r\nThis is an abuse report.\r\n"
        + "--b2\r\nContent-Type: message/feedback-report\r\n\r\n"
        + "Feedback-Type: abuse\r\nUser-Agent: isp/1.0\r\nVersion: 1\r\n\r\n"
        + "--b2\r\nContent-Type: message/rfc822\r\n\r\n"
        + "Message-ID: "
        + messageId
        + "\r\nTo: "
        + to
        + "\r\nSubject: x\r\n\r\nbody\r\n"
        + "--b2--\r\n";
  }

  private void runBounceMailbox() {
    Api.Reply run = new Api(base).post("/api/test-support/jobs/bounce-mailbox/run", "{}");
    assertThat(run.status()).as(run.body()).isEqualTo(200);
    assertThat(run.json().getBoolean("failed")).as(run.body()).isFalse();
  }

  private static long suppressedCount(String email) throws Exception {
    return TestEnvironment.count(
        "select count(*) from email_suppression where email_key = lower(?)", email);
  }

  @Test
  void bouncesAndComplaintsFromTheMailboxAndThePostmarkWebhookSuppressAddressesForBulkMail()
      throws Exception {
    String topic = topic("bounce");
    String hard = Mailbox.unique("nl-hard");
    String soft = Mailbox.unique("nl-soft");
    String angry = Mailbox.unique("nl-angry");
    String fine = Mailbox.unique("nl-fine");
    for (String e : List.of(hard, soft, angry, fine)) {
      person(e, "B", topic, true);
    }
    long first = draft(topic, "First " + topic, "Hello {{firstName}}");
    staff().post("/api/newsletters/" + first + "/send", "{}");
    awaitProgress(first, p -> p.getInt("sent") == 4, Duration.ofSeconds(40));
    String hardId =
        Mailbox.messageId(Mailbox.await(hard, "First", 1, Duration.ofSeconds(20)).get(0));
    String softId =
        Mailbox.messageId(Mailbox.await(soft, "First", 1, Duration.ofSeconds(20)).get(0));
    String angryId =
        Mailbox.messageId(Mailbox.await(angry, "First", 1, Duration.ofSeconds(20)).get(0));

    // a hard bounce, a complaint (RFC 5965), a soft one, and a message that is no report
    intoBounceMailbox(dsn(hard, "failed", "5.1.1", hardId));
    intoBounceMailbox(complaint(angry, angryId));
    intoBounceMailbox(dsn(soft, "delayed", "4.2.2", softId));
    intoBounceMailbox(
        "From: someone@example.net\r\nTo: "
            + TestEnvironment.BOUNCE_MAILBOX
            + "\r\nSubject: a question\r\n\r\nHello, are you hiring?\r\n");
    runBounceMailbox();
    assertThat(suppressedCount(hard)).isEqualTo(1);
    assertThat(suppressedCount(angry)).isEqualTo(1);
    assertThat(suppressedCount(soft)).isZero(); // one soft bounce is not enough
    assertThat(progress(first).getInt("bounced")).isEqualTo(3);
    var box =
        TestEnvironment.get()
            .smtp()
            .getManagers()
            .getImapHostManager()
            .getInbox(
                TestEnvironment.get()
                    .smtp()
                    .getUserManager()
                    .getUser(TestEnvironment.BOUNCE_MAILBOX));
    assertThat(box.getMessageCount()).as("reports are deleted, the question is kept").isEqualTo(1);
    runBounceMailbox(); // nothing new: nothing twice
    assertThat(
            TestEnvironment.count(
                "select count(*) from email_bounce where email_key = lower(?)", hard))
        .isEqualTo(1);

    // two more soft bounces through Postmark's webhook: the third suppresses
    String auth =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(("postmark:" + TestEnvironment.BOUNCE_WEBHOOK_SECRET).getBytes());
    String softBounce =
        "{\"RecordType\": \"Bounce\", \"Type\": \"SoftBounce\", \"TypeCode\": 4096, \"Email\": \""
            + soft
            + "\", \"Description\": \"Mailbox full\", \"ID\": 42, \"Inactive\": false}";
    assertProblem(new Api(base).post("/api/mail/bounces", softBounce), 401, "unauthorized");
    assertProblem(
        new Api(base)
            .post(
                "/api/mail/bounces",
                softBounce,
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder().encodeToString("postmark:wrong".getBytes())),
        401,
        "unauthorized");
    assertProblem(
        new Api(base)
            .post("/api/mail/bounces", "{\"RecordType\": \"Bounce\"}", "Authorization", auth),
        400,
        "validation");
    assertThat(suppressedCount(soft)).isZero();
    for (int i = 0; i < 2; i++) {
      Api.Reply r = new Api(base).post("/api/mail/bounces", softBounce, "Authorization", auth);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    assertThat(suppressedCount(soft)).isEqualTo(1);
    // a kind Postmark sends that is no bounce: acknowledged, ignored
    assertThat(
            new Api(base)
                .post(
                    "/api/mail/bounces",
                    "{\"RecordType\": \"Delivery\", \"Email\": \"" + fine + "\"}",
                    "Authorization",
                    auth)
                .json()
                .getBoolean("recorded"))
        .isFalse();

    // the next send leaves all three out; staff see them and may lift one
    long second = draft(topic, "Second " + topic, "Hello again");
    staff().post("/api/newsletters/" + second + "/send", "{}");
    JsonObject done =
        awaitProgress(
            second,
            p -> p.getString("status").equals("sent") && p.getInt("sent") == 1,
            Duration.ofSeconds(40));
    assertThat(done.getInt("audience")).isEqualTo(1);
    Mailbox.sleep(1500);
    for (String gone : List.of(hard, soft, angry)) {
      assertThat(Mailbox.withSubject(gone, "Second")).as(gone).isEmpty();
    }
    assertThat(Mailbox.withSubject(fine, "Second")).hasSize(1);
    assertThat(
            staff()
                .get("/api/mail/suppressions?q=" + hard.substring(0, 12))
                .array()
                .getValuesAs(JsonObject.class))
        .extracting(x -> x.getString("reason"))
        .containsExactly("hard-bounce");
    assertThat(staff().post("/api/mail/suppressions/lift", json("email", hard)).status())
        .isEqualTo(200);
    assertThat(suppressedCount(hard)).isZero();
    assertProblem(
        staff().post("/api/mail/suppressions/lift", json("email", hard)), 404, "not-found");
  }
}
