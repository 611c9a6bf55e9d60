package org.pathlight.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.JsonObject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.Pdfs;

/**
 * Letter campaigns on the fixture directory (imported at start-up): from a draft to letters
 * delivered by each official's channel, counted, printed and marked mailed; duplicates and bad
 * input; a re-import that replaces a member re-targets a live campaign.
 */
@PathlightIT
class CampaignsIT {

  private static final Path FIXTURES =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
          .toAbsolutePath()
          .resolve("src/test/resources/officials");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlightWith(
        Map.of(
            "pathlight.officials.dir",
            FIXTURES.toString(),
            "pathlight.officials.lookup.limit.per.address",
            "100000",
            "pathlight.campaigns.limit.per.address",
            "100000"));
  }

  @ArquillianResource URL base;

  private static final String LETTER =
      "Dear {{officialTitle}} {{officialName}},\n\n"
          + "As your constituent in {{city}}, I ask you to support the Supply Chain Transparency"
          + " Act.\n\n{{personalNote}}\n\nForced labor has no place in what we buy.";

  private Api staff() {
    return Api.sharedAdmin(base);
  }

  private String campaign(String slug, String... targets) {
    Api.Reply created =
        staff()
            .post(
                "/api/campaigns",
                Api.json(
                    "slug",
                    slug,
                    "title",
                    "End forced labor in supply chains",
                    "subject",
                    "Please support the Supply Chain Transparency Act",
                    "letterTemplate",
                    LETTER,
                    "targets",
                    List.of(targets)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return slug;
  }

  private static String action(String email, String zip, Object... more) {
    List<Object> pairs =
        new ArrayList<>(
            List.of("firstName", "Ana", "lastName", "Lopez", "email", email, "zip", zip));
    pairs.addAll(List.of(more));
    return Api.json(pairs.toArray());
  }

  private Api.Reply write(String slug, String body) {
    return new Api(base).post("/api/campaigns/" + slug + "/letters", body);
  }

  private static List<String> officials(JsonObject result) {
    return result.getJsonArray("letters").getValuesAs(JsonObject.class).stream()
        .map(l -> l.getString("officialId") + ":" + l.getString("channel"))
        .toList();
  }

  @Test
  void aCampaignGoesFromDraftToDeliveredCountedAndMailedLetters() throws Exception {
    String slug = "forced-labor-" + System.nanoTime();
    String ceoEmail = Mailbox.unique("ceo");
    Api.Reply ceo =
        staff()
            .post(
                "/api/officials/custom",
                Api.json(
                    "name", "Pat Chen",
                    "title", "Chief Executive",
                    "organisation", "Acme Apparel",
                    "email", ceoEmail));
    assertThat(ceo.status()).as(ceo.body()).isEqualTo(201);
    String ceoId = ceo.json().getString("id");

    // the letter must leave room for the supporter, use known fields, target what exists
    Api.Reply bad =
        staff()
            .post(
                "/api/campaigns",
                Api.json(
                    "slug", "Bad Slug!",
                    "title", "",
                    "subject", "s",
                    "letterTemplate", "Dear {{senatorName}}",
                    "targets", List.of("us-senate", "nobody-123")));
    JsonObject problem = assertProblem(bad, 400, "validation");
    assertThat(problem.getJsonArray("errors").toString())
        .contains("slug", "title", "letterTemplate", "{{personalNote}}", "nobody-123");
    assertProblem(new Api(base).post("/api/campaigns", "{}"), 401, "unauthorized");
    for (String[] wrong :
        new String[][] {
          {"targets", "[\"us-senate\", \"us-senate\"]", "once"},
          {"letterTemplate", "\"{{> header}} {{personalNote}}\"", "letterTemplate"},
          {"startsOn", "\"+10000-01-01\"", "between 1900 and 9999"}
        }) {
      // each field once (a member given twice is refused before validation): the wrong value
      // replaces the good one
      java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
      fields.put("slug", "\"wrong-" + System.nanoTime() + "\"");
      fields.put("title", "\"T\"");
      fields.put("subject", "\"S\"");
      fields.put("letterTemplate", "\"{{personalNote}}\"");
      fields.put("targets", "[\"us-senate\"]");
      fields.put(wrong[0], wrong[1]);
      String body =
          fields.entrySet().stream()
              .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
              .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
      assertThat(assertProblem(staff().post("/api/campaigns", body), 400, "validation").toString())
          .as(wrong[0])
          .contains(wrong[2]);
    }

    campaign(slug, "us-senate", "us-house", "state-upper", ceoId);
    assertProblem(new Api(base).get("/api/campaigns/" + slug), 404, "not-found");
    List<JsonObject> preview =
        staff()
            .get("/api/campaigns/" + slug + "/preview?zip=10018")
            .array()
            .getValuesAs(JsonObject.class);
    assertThat(preview)
        .extracting(p -> p.getString("official"))
        .contains("Kirsten E. Gillibrand", "Charles E. Schumer", "Jerrold Nadler", "Pat Chen");
    assertThat(preview.get(0).getString("body"))
        .startsWith("Dear Senator")
        .contains("(The supporter's own paragraph goes here.)");
    assertProblem(write(slug, action(Mailbox.unique("early"), "10018")), 404, "not-found");
    assertThat(staff().post("/api/campaigns/" + slug + "/publish", "{}").status()).isEqualTo(200);
    assertThat(new Api(base).get("/api/campaigns/" + slug).json().getString("status"))
        .isEqualTo("published");

    // every bad input: a clear problem, nothing written
    JsonObject ambiguous =
        assertProblem(write(slug, action(Mailbox.unique("a"), "10001")), 422, "address-needed");
    assertThat(ambiguous.getJsonArray("candidates").toString()).contains("NY-10", "NY-12");
    assertProblem(
        write(slug, action(Mailbox.unique("b"), "10018", "stateUpper", "47")), 400, "validation");
    JsonObject html =
        assertProblem(
            write(
                slug,
                action(
                    Mailbox.unique("c"),
                    "10018",
                    "address",
                    "1 Main St",
                    "personalNote",
                    "<script>alert(1)</script>")),
            400,
            "validation");
    assertThat(html.toString()).contains("personalNote", "remove the HTML");
    assertProblem(
        write(
            slug,
            action(
                Mailbox.unique("d"),
                "10018",
                "address",
                "1 Main St",
                "personalNote",
                "x".repeat(2001))),
        400,
        "validation");
    assertProblem(
        write(slug, action(Mailbox.unique("e"), "99999", "address", "1 Main")), 404, "zip-unknown");
    assertProblem(write(slug, action(Mailbox.unique("f"), "abc")), 400, "validation");
    assertProblem(
        write(slug, Api.json("firstName", "", "email", "nope", "zip", "10018")), 400, "validation");
    assertProblem(
        write(
            slug,
            action(Mailbox.unique("g"), "10018", "address", "1 Main", "website", "http://spam")),
        400,
        "rejected");
    assertProblem(write(slug, "not json"), 400, "malformed-json");
    // an email as long as the body allows, control characters: told, nothing written, no 500
    assertProblem(
        write(slug, action("a".repeat(6000) + "@example.org", "10018", "address", "1 Main")),
        400,
        "validation");
    assertProblem(
        write(slug, action(Mailbox.unique("h"), "10018", "address", "1 Main\u0000St")),
        400,
        "validation");
    assertProblem(
        write(slug, action(Mailbox.unique("i"), "10018", "address", "1 Main", "city", "A\nB")),
        400,
        "validation");
    assertThat(staff().get("/api/campaigns/" + slug + "/stats").json().getInt("actions")).isZero();

    // the letters, shown first, then written: senators and the House member on paper, the
    // state senator and the company by email
    String ana = Mailbox.unique("ana");
    String good =
        action(
            ana,
            "10018",
            "address",
            "350 Fifth Avenue",
            "city",
            "New York",
            "stateUpper",
            "47",
            "personalNote",
            "My cousin was trafficked through a garment workshop. Please act.",
            "optIn",
            true);
    Api.Reply shown = new Api(base).post("/api/campaigns/" + slug + "/letters/preview", good);
    assertThat(shown.status()).as(shown.body()).isEqualTo(200);
    assertThat(staff().get("/api/campaigns/" + slug + "/stats").json().getInt("actions")).isZero();
    Api.Reply written = write(slug, good);
    assertThat(written.status()).as(written.body()).isEqualTo(201);
    assertThat(officials(written.json()))
        .containsExactlyInAnyOrder(
            "G000555:print",
            "S000148:print",
            "N000002:print",
            bottcher() + ":email",
            ceoId + ":email");
    JsonObject toSenator =
        written.json().getJsonArray("letters").getValuesAs(JsonObject.class).stream()
            .filter(l -> l.getString("officialId").equals("G000555"))
            .findFirst()
            .orElseThrow();
    assertThat(toSenator.getString("body"))
        .startsWith("Dear Senator Kirsten E. Gillibrand,")
        .contains("constituent in New York", "My cousin was trafficked", "Sincerely,\nAna Lopez");
    assertThat(toSenator.getString("contactForm")).startsWith("https://www.gillibrand.senate.gov");

    MimeMessage toCeo = Mailbox.await(ceoEmail, 1, Duration.ofSeconds(30)).get(0);
    assertThat(Mailbox.subject(toCeo))
        .isEqualTo("Please support the Supply Chain Transparency Act");
    assertThat(Mailbox.text(toCeo)).contains("Dear Chief Executive Pat Chen", "My cousin");
    assertThat(((InternetAddress) toCeo.getReplyTo()[0]).getAddress()).isEqualTo(ana);
    // the supporter's copy: where each letter goes, the web forms, the letter itself
    MimeMessage copy = Mailbox.await(ana, "Your letters", 1, Duration.ofSeconds(30)).get(0);
    assertThat(Mailbox.subject(copy)).isEqualTo("Your letters: End forced labor in supply chains");
    assertThat(Mailbox.text(copy))
        .contains(
            "Senator Kirsten E. Gillibrand: printed with your address and delivered",
            "Their web form: https://www.gillibrand.senate.gov",
            "Chief Executive Pat Chen: emailed to their office",
            "Subject: Please support the Supply Chain Transparency Act",
            "My cousin was trafficked");

    // the same email again (another case, a double click, or a stranger who types it): answered
    // like a first action with this request's own letters, never the earlier ones; nothing sent
    String stranger = good.replace(ana, ana.toUpperCase()).replace("My cousin", "Someone else");
    Api.Reply again = write(slug, stranger);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().containsKey("duplicate")).isFalse();
    assertThat(officials(again.json())).hasSize(5);
    assertThat(again.body()).contains("Someone else").doesNotContain("My cousin");

    // eight clicks at once from a new supporter: one set of letters
    String ben = Mailbox.unique("ben");
    String benAction = good.replace(ana, ben).replace("Ana", "Ben");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      replies.add(
          pool.submit(
              () -> {
                gate.await();
                return write(slug, benAction);
              }));
    }
    gate.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Api.Reply> r : replies) {
      statuses.add(r.get(60, TimeUnit.SECONDS).status());
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(201, 429).contains(201);
    Mailbox.await("bottcher@nysenate.gov", 2, Duration.ofSeconds(30));
    Mailbox.await(ceoEmail, 2, Duration.ofSeconds(30));
    Mailbox.sleep(1000);
    assertThat(Mailbox.to(ceoEmail)).hasSize(2);
    assertThat(Mailbox.withSubject(ana, "Your letters"))
        .hasSize(1); // the repeat sent no second copy
    assertThat(Mailbox.withSubject(ben, "Your letters")).hasSize(1);
    // and one request to confirm the opt-in, however many requests asked at once
    assertThat(Mailbox.withSubject(ben, "Please confirm")).hasSize(1);

    JsonObject stats = staff().get("/api/campaigns/" + slug + "/stats").json();
    assertThat(stats.getInt("actions")).isEqualTo(2);
    assertThat(stats.getInt("letters")).isEqualTo(10);
    assertThat(stats.getJsonObject("byChannel").getJsonObject("print").getInt("queued"))
        .isEqualTo(6);
    assertThat(stats.getJsonObject("byChannel").getJsonObject("email").getInt("sent")).isEqualTo(4);

    // the print batch: one letter per page with the constituent's address; then mailed
    // a GET changes nothing: making a batch is a POST
    assertThat(
            staff()
                .get("/api/campaigns/" + slug + "/print-batch.pdf", "Accept", "application/pdf")
                .status())
        .isIn(404, 405);
    assertThat(staff().get("/api/campaigns/" + slug + "/print-batches").array()).isEmpty();
    Api.Download pdf =
        staff().download("POST", "/api/campaigns/" + slug + "/print-batches", "application/pdf");
    assertThat(pdf.status()).isEqualTo(201);
    assertThat(pdf.header("Location"))
        .endsWith(
            "/api/campaigns/" + slug + "/print-batches/" + pdf.header("X-Print-Batch") + ".pdf");
    assertThat(Pdfs.pages(pdf.body())).isEqualTo(6);
    assertThat(Pdfs.page(pdf.body(), 1))
        .contains("Ana Lopez", "350 Fifth Avenue", "New York, NY 10018", "The Honorable")
        .contains("Re: Please support the Supply Chain Transparency Act", "My cousin")
        // the official's office address, from the directory
        .containsPattern("(Senate|House) Office Building Washington DC 205");
    String batch = pdf.header("X-Print-Batch");
    assertThat(pdf.header("X-Letters")).isEqualTo("6");
    // address minimisation: the street address is only on the print letters, until mailed
    assertThat(
            count(
                "select count(*) from campaign_action a join campaign c on c.id ="
                    + " a.campaign_id where c.slug = '"
                    + slug
                    + "' and a.zip is not null"))
        .isPositive();
    assertThat(addresses(slug, "print")).isEqualTo(6);
    assertThat(addresses(slug, "email")).isZero();
    // a letter written after the download is not in that batch: marking it mailed leaves it be
    String carl = Mailbox.unique("carl");
    Api.Reply late =
        write(
            slug,
            action(
                carl,
                "10018",
                "address",
                "9 Late Street",
                "city",
                "New York",
                "personalNote",
                "Carl wrote too."));
    assertThat(late.status()).as(late.body()).isEqualTo(201);
    Api.Download reprint =
        staff()
            .download(
                "/api/campaigns/" + slug + "/print-batches/" + batch + ".pdf", "application/pdf");
    assertThat(reprint.status()).isEqualTo(200);
    assertThat(Pdfs.pages(reprint.body())).isEqualTo(6);
    Api.Reply mailed =
        staff().post("/api/campaigns/" + slug + "/print-batches/" + batch + "/mailed", "{}");
    assertThat(mailed.status()).as(mailed.body()).isEqualTo(200);
    assertThat(mailed.json().getInt("letters")).isEqualTo(6);
    assertThat(addresses(slug, "print")).isEqualTo(3); // Carl's, waiting for the next batch
    // a second click (or a colleague) marks nothing twice; the mailed batch's PDF is gone
    assertProblem(
        staff().post("/api/campaigns/" + slug + "/print-batches/" + batch + "/mailed", "{}"),
        409,
        "nothing-to-mark");
    assertProblem(
        staff()
            .get(
                "/api/campaigns/" + slug + "/print-batches/" + batch + ".pdf",
                "Accept",
                "application/pdf"),
        409,
        "batch-mailed");
    assertProblem(
        staff().post("/api/campaigns/" + slug + "/print-batches/x1/mailed", "{}"),
        400,
        "validation");
    assertProblem(
        staff().post("/api/campaigns/" + slug + "/print-batches/999999/mailed", "{}"),
        404,
        "not-found");
    Api.Download next =
        staff().download("POST", "/api/campaigns/" + slug + "/print-batches", "application/pdf");
    assertThat(Pdfs.pages(next.body())).isEqualTo(3);
    assertThat(Pdfs.text(next.body()))
        .contains("Carl wrote too", "9 Late Street")
        .doesNotContain("My cousin");
    assertThat(
            staff()
                .post(
                    "/api/campaigns/"
                        + slug
                        + "/print-batches/"
                        + next.header("X-Print-Batch")
                        + "/mailed",
                    "{}")
                .status())
        .isEqualTo(200);
    assertThat(staff().get("/api/campaigns/" + slug + "/print-batches").array()).hasSize(2);
    assertProblem(
        staff().post("/api/campaigns/" + slug + "/print-batches", "", "Accept", "application/pdf"),
        404,
        "not-found");
    assertThat(addresses(slug, "print")).isZero();
    JsonObject after = staff().get("/api/campaigns/" + slug + "/stats").json();
    assertThat(after.getJsonObject("byChannel").getJsonObject("print").getInt("sent")).isEqualTo(9);
    Api.Reply csv = staff().get("/api/campaigns/" + slug + "/stats.csv", "Accept", "text/csv");
    assertThat(csv.body()).contains("official_id,official", "G000555,Kirsten E. Gillibrand");

    // the lobbying tally: staff mark it direct lobbying
    Api.Reply marked = staff().patch("/api/campaigns/" + slug, Api.json("lobbying", "direct"));
    assertThat(marked.status()).as(marked.body()).isEqualTo(200);
    assertProblem(
        staff().patch("/api/campaigns/" + slug, Api.json("subject", "Changed")),
        409,
        "campaign-published");
    String tally = staff().get("/api/campaigns/lobbying.csv", "Accept", "text/csv").body();
    assertThat(tally)
        .contains(slug + ",End forced labor in supply chains,direct,published,3,14,9,2,3");

    // closed: no more letters
    staff().post("/api/campaigns/" + slug + "/close", "{}");
    assertProblem(write(slug, action(Mailbox.unique("late"), "10018")), 409, "campaign-closed");
  }

  @Test
  void aDiscreetSupportersCopyHasANeutralSenderAndSubject() {
    String slug = campaign("discreet-" + System.nanoTime(), "us-senate");
    staff().post("/api/campaigns/" + slug + "/publish", "{}");
    String email = Mailbox.unique("discreet");
    long id =
        staff()
            .post("/api/supporters", Api.json("email", email))
            .json()
            .getJsonNumber("id")
            .longValue();
    staff()
        .patch(
            "/api/supporters/" + id,
            "{\"safeContact\": {\"discreetSender\": true, \"noPostalMail\": false,"
                + " \"doNotFeature\": false}}");
    Api.Reply written = write(slug, action(email, "10018", "address", "1 Main St"));
    assertThat(written.status()).as(written.body()).isEqualTo(201);
    MimeMessage copy = Mailbox.await(email, 1, Duration.ofSeconds(30)).get(0);
    assertThat(Mailbox.subject(copy)).isEqualTo("Your letters have been sent");
    assertThat(Mailbox.from(copy)).contains("Notifications");

    // one email may try five times in ten minutes (a sixth is told to wait); still one copy
    String body = action(email, "10018", "address", "1 Main St");
    for (int i = 0; i < 4; i++) {
      assertThat(write(slug, body).status()).isEqualTo(201);
    }
    Api.Reply limited = write(slug, body);
    assertProblem(limited, 429, "rate-limited");
    assertThat(limited.header("Retry-After")).isNotNull();
    Mailbox.sleep(1000);
    assertThat(Mailbox.to(email)).hasSize(1);
  }

  @Test
  void aLettersOptInSubscribesNobodyUntilTheAddressConfirmsByEmail() {
    String slug = campaign("consent-" + System.nanoTime(), "us-senate");
    staff().post("/api/campaigns/" + slug + "/publish", "{}");

    // somebody already on record, who never opted in: ticking the box (as anyone could, with
    // their address) subscribes them to nothing; they are asked by email instead
    String existing = Mailbox.unique("optedout");
    long id =
        staff()
            .post("/api/supporters", Api.json("email", existing))
            .json()
            .getJsonNumber("id")
            .longValue();
    Api.Reply ticked =
        write(slug, action(existing, "10018", "address", "1 Main St", "optIn", true));
    assertThat(ticked.status()).as(ticked.body()).isEqualTo(201);
    assertThat(advocacyAlerts(id).getBoolean("subscribed")).isFalse();
    MimeMessage ask = Mailbox.await(existing, "Please confirm", 1, Duration.ofSeconds(20)).get(0);
    assertThat(Mailbox.text(ask)).contains("Advocacy alerts", "/subscribe/confirm#token=");

    // a new address the same: asked, and subscribed once it confirms, with where and the words
    String fresh = Mailbox.unique("newadvocate");
    assertThat(write(slug, action(fresh, "10018", "address", "1 Main St", "optIn", true)).status())
        .isEqualTo(201);
    long created =
        staff()
            .get("/api/supporters?q=" + fresh.substring(0, fresh.indexOf('@')))
            .array()
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    assertThat(advocacyAlerts(created).getBoolean("subscribed")).isFalse();
    MimeMessage confirm = Mailbox.await(fresh, "Please confirm", 1, Duration.ofSeconds(20)).get(0);
    String token = Mailbox.link(confirm, java.util.regex.Pattern.compile("#token=(\\S+)"));
    Api.Reply confirmed =
        new Api(base).post("/api/subscriptions/confirm", Api.json("token", token));
    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
    JsonObject alerts = advocacyAlerts(created);
    assertThat(alerts.getBoolean("subscribed")).isTrue();
    assertThat(alerts.getString("source"))
        .isEqualTo("action-page:" + slug + " (confirmed by email)");
    assertThat(alerts.getString("wording"))
        .isEqualTo("Email me about this campaign and future actions");
    assertThat(alerts.getString("at")).isNotBlank();
  }

  private JsonObject advocacyAlerts(long supporterId) {
    return staff()
        .get("/api/supporters/" + supporterId + "/topics")
        .array()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(t -> t.getString("code").equals("advocacy-alerts"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLetterTheMailServerRefusesIsCountedFailedWithItsReason() {
    Api.Reply target =
        staff()
            .post(
                "/api/officials/custom",
                Api.json("name", "Dana Ruiz", "title", "Buyer", "email", Mailbox.unique("buyer")));
    String id = target.json().getString("id");
    // the address went bad after it was checked (a typo fixed in the database, say)
    update("update official set email = 'bad@@address' where id = '" + id + "'");
    String slug = campaign("refused-" + System.nanoTime(), id);
    staff().post("/api/campaigns/" + slug + "/publish", "{}");
    Api.Reply written = write(slug, action(Mailbox.unique("sender"), "10018"));
    assertThat(written.status()).as(written.body()).isEqualTo(201);
    assertThat(officials(written.json())).containsExactly(id + ":email");

    JsonObject stats = null;
    for (int i = 0; i < 60; i++) {
      stats = staff().get("/api/campaigns/" + slug + "/stats").json();
      if (stats.getJsonObject("byChannel").getJsonObject("email").containsKey("failed")
          && !stats.getJsonArray("failures").isEmpty()) {
        break;
      }
      Mailbox.sleep(500);
    }
    assertThat(stats.getJsonObject("byChannel").getJsonObject("email").getInt("failed"))
        .isEqualTo(1);
    JsonObject failure = stats.getJsonArray("failures").getJsonObject(0);
    assertThat(failure.getString("official")).isEqualTo("Dana Ruiz");
    assertThat(failure.getString("reason")).isNotBlank();
    assertThat(staff().get("/api/campaigns/" + slug + "/stats.csv", "Accept", "text/csv").body())
        .contains("Dana Ruiz");
  }

  private static void update(String sql) {
    try (java.sql.Connection c = org.pathlight.testing.TestEnvironment.get().connect();
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Letters of a campaign and channel that still hold a street address. */
  private static long addresses(String slug, String channel) {
    return count(
        "select count(*) from letter l join campaign c on c.id = l.campaign_id where c.slug = '"
            + slug
            + "' and l.channel = '"
            + channel
            + "' and l.address_block is not null");
  }

  private static long count(String sql) {
    try (java.sql.Connection c = org.pathlight.testing.TestEnvironment.get().connect();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String bottcher() {
    return "ocd-person/d55adf3d-ba23-47c8-a844-ee28227983c0";
  }

  @Test
  void aReimportThatReplacesAMemberRetargetsALiveCampaign() throws Exception {
    String slug = campaign("house-" + System.nanoTime(), "us-house");
    staff().post("/api/campaigns/" + slug + "/publish", "{}");
    Api.Reply before = write(slug, action(Mailbox.unique("one"), "10018", "address", "1 Main St"));
    assertThat(before.status()).as(before.body()).isEqualTo(201);
    assertThat(officials(before.json())).containsExactly("N000002:print");

    importYaml("congress-legislators-successor.yaml");
    try {
      Api.Reply after = write(slug, action(Mailbox.unique("two"), "10018", "address", "1 Main St"));
      assertThat(after.status()).as(after.body()).isEqualTo(201);
      assertThat(officials(after.json())).containsExactly("X000002:print");
      JsonObject stats = staff().get("/api/campaigns/" + slug + "/stats").json();
      assertThat(stats.getJsonArray("byOfficial").toString()).contains("N000002", "X000002");
    } finally {
      importYaml("congress-legislators-current.yaml");
    }
  }

  private void importYaml(String file) throws IOException {
    Api.Reply reply =
        staff()
            .send(
                "POST",
                "/api/officials/imports?source=congress-legislators",
                "application/yaml",
                Files.readString(FIXTURES.resolve(file), StandardCharsets.UTF_8));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }
}
