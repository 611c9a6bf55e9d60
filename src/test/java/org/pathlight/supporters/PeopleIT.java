package org.pathlight.supporters;

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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pathlight.testing.Api;
import org.pathlight.testing.Browser;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * People in the staff workspace: search, one profile per person with its timeline across teams
 * (each team sees its own records), and contact, consent and safe-contact edits, audited; by API
 * and in real Chromium.
 */
@PathlightIT
class PeopleIT extends org.pathlight.testing.WithBrowser {

  private static final String PASSWORD = "a long people password";

  @Deployment(testable = false)
  static WebArchive deployment() {
    // the officials fixtures, imported at start, so a letter can be written in an erasure's test
    return Deployments.pathlightWith(
        java.util.Map.of(
            "pathlight.officials.dir",
            java.nio.file.Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath()
                .resolve("src/test/resources/officials")
                .toString()));
  }

  @ArquillianResource URL base;

  private Api admin() {
    return Api.sharedAdmin(base);
  }

  private Api staff(String... roles) {
    String email = Mailbox.unique("people");
    Api.createStaff(admin(), email, "Pat People", PASSWORD, roles);
    Api api = new Api(base);
    assertThat(api.signIn(email, PASSWORD).status()).isEqualTo(200);
    return api;
  }

  /** A volunteer application for this email (accepted for screening: 202). */
  private void apply(String email, String first, String last) {
    Api.Reply applied =
        new Api(base)
            .post(
                "/api/volunteers",
                json(
                    "email",
                    email,
                    "firstName",
                    first,
                    "lastName",
                    last,
                    "birthDate",
                    "1990-01-01",
                    "agreesToConfidentiality",
                    true));
    assertThat(applied.status()).as(applied.body()).isEqualTo(202);
  }

  /** A donor with a check and a volunteer application: their supporter id. */
  private long donorWhoVolunteers(String email) {
    Api.Reply gift =
        admin()
            .post(
                "/api/donations/offline",
                json(
                    "email",
                    email,
                    "firstName",
                    "Rosa",
                    "lastName",
                    "Timeline",
                    "source",
                    "check",
                    "amount",
                    4200,
                    "currency",
                    "usd",
                    "receivedOn",
                    "2026-11-15"));
    assertThat(gift.status()).as(gift.body()).isEqualTo(201);
    apply(email, "Rosa", "Timeline");
    return gift.json().getJsonNumber("supporterId").longValue();
  }

  private static List<String> kinds(JsonObject timeline) {
    return timeline.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
        .map(e -> e.getString("kind"))
        .distinct()
        .toList();
  }

  @Test
  void aProfileShowsEachTeamItsOwnRecordsNewestFirst() throws Exception {
    String email = Mailbox.unique("timeline");
    long id = donorWhoVolunteers(email);
    Mailbox.await(email, 1, Duration.ofSeconds(20));
    JsonObject all = admin().get("/api/supporters/" + id + "/timeline").json();
    assertThat(kinds(all)).contains("gift", "volunteer", "email");
    assertThat(all.getJsonArray("hidden")).isEmpty();
    assertThat(all.getJsonArray("unavailable")).isEmpty();
    JsonObject gift =
        all.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .filter(e -> e.getString("kind").equals("gift"))
            .findFirst()
            .orElseThrow();
    assertThat(gift.getString("title")).isEqualTo("Gift of $42.00 to Where most needed");
    assertThat(gift.getString("detail")).startsWith("Paid · check · receipt ");
    assertThat(gift.getString("link")).startsWith("/staff/gifts/");
    var times =
        all.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("at"))
            .toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    // volunteer staff see the volunteering, not the gifts or the emails about them
    JsonObject volunteers = staff("volunteers").get("/api/supporters/" + id + "/timeline").json();
    assertThat(kinds(volunteers)).containsOnly("volunteer", "screening");
    assertThat(volunteers.getJsonArray("hidden").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .contains("gifts and recurring gifts", "emails");
    assertProblem(new Api(base).get("/api/supporters/" + id + "/timeline"), 401, "unauthorized");
    assertProblem(staff("impact").get("/api/supporters/" + id + "/timeline"), 403, "role-required");
    assertProblem(admin().get("/api/supporters/99999999/timeline"), 404, "not-found");
    assertProblem(admin().get("/api/supporters/" + id + "/timeline?limit=0"), 400, "validation");
  }

  @Test
  void contactConsentAndSafeContactEditsAreAuditedAndBadOnesWriteNothing() throws Exception {
    String email = Mailbox.unique("flags");
    long id = donorWhoVolunteers(email);
    String path = "/api/supporters/" + id;
    long audits =
        TestEnvironment.count(
            "select count(*) from audit_event where entity_type = 'supporter' and entity_id = ?",
            String.valueOf(id));
    Api admin = admin();
    assertProblem(admin.patch(path, json("phone", "call me")), 400, "validation");
    assertProblem(
        admin.patch(path, "{\"address\": {\"line1\": \"1 Main St\"}}"), 400, "validation");
    assertProblem(
        admin.patch(
            path,
            "{\"address\": {\"line1\": \"1 Main St\", \"city\": \"Troy\", \"country\": \"usa\"}}"),
        400,
        "validation");
    assertProblem(
        admin.patch(path, "{\"safeContact\": {\"discreetSender\": \"maybe\"}}"),
        400,
        "malformed-json");
    assertProblem(staff("volunteers").patch(path, json("phone", "555")), 403, "role-required");
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where entity_type = 'supporter' and entity_id = ?",
                String.valueOf(id)))
        .isEqualTo(audits);
    Api.Reply changed =
        admin.patch(
            path,
            "{\"phone\": \"+1 518 555 0100\", \"safeContact\": {\"discreetSender\": true,"
                + " \"noPostalMail\": true, \"doNotFeature\": false}}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getJsonObject("safeContact").getBoolean("discreetSender")).isTrue();
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where entity_type = 'supporter' and entity_id = ?"
                    + " and action = 'supporter.updated'",
                String.valueOf(id)))
        .isEqualTo(1);
  }

  @Test
  void aFundraiserFindsAPersonSeesTheTimelineAndSetsASafeContactFlag() throws Exception {
    String email = Mailbox.unique("pageperson");
    long id = donorWhoVolunteers(email);
    String fundraiser = Mailbox.unique("fenna");
    Api.createStaff(admin(), fundraiser, "Fenna Fundraiser", PASSWORD, "fundraising");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(browser, base, fundraiser, PASSWORD, 1280);
    browser.findElement(By.linkText("People")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#people-search")));
    browser.findElement(By.name("q")).sendKeys(email);
    browser.findElement(By.cssSelector("#people-search button[type=submit]")).click();
    By row = By.cssSelector("#people tr[data-person='" + id + "'] a");
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#people tbody tr"), 1));
    wait.until(ExpectedConditions.visibilityOfElementLocated(row)).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("person-title"), "Rosa Timeline"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("timeline"), "Gift of $42.00 to Where most needed"));
    // a fundraiser does not see volunteering, and is told so
    assertThat(browser.findElement(By.id("timeline-note")).getText()).contains("volunteering");
    assertThat(browser.findElements(By.cssSelector("#timeline [data-kind=volunteer]"))).isEmpty();
    // an address with no city is said beside the city
    browser.findElement(By.id("p-line1")).sendKeys("12 Harbor Road");
    browser.findElement(By.cssSelector("#person-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("p-city-error")))
                .getText())
        .isEqualTo("Enter the city.");
    browser.findElement(By.id("p-city")).sendKeys("Troy");
    browser.findElement(By.id("p-discreet")).click();
    browser.findElement(By.cssSelector("#person-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("safe-banner"), "send only from a neutral name"));
    assertThat(browser.findElement(By.id("person-facts")).getText())
        .contains("12 Harbor Road, Troy");
    JsonObject saved = admin().get("/api/supporters/" + id).json();
    assertThat(saved.getJsonObject("safeContact").getBoolean("discreetSender")).isTrue();
    Browser.screenshot(browser, "staff-person");
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#timeline li")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-person-phone");
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/people?q=" + email);
    wait.until(ExpectedConditions.visibilityOfElementLocated(row));
    WebElement flags = browser.findElement(By.cssSelector("#people tr[data-person='" + id + "']"));
    assertThat(flags.getText()).contains("discreet sender");
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-people-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  /** A person record with this email, name and postal code: its id. */
  private long person(String email, String last, String postal) {
    Api.Reply made =
        admin()
            .post("/api/supporters", json("email", email, "firstName", "Dana", "lastName", last));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    long id = made.json().getJsonNumber("id").longValue();
    Api.Reply placed =
        admin()
            .patch(
                "/api/supporters/" + id,
                "{\"address\": {\"line1\": \"1 Elm St\", \"city\": \"Albany\", \"postalCode\": \""
                    + postal
                    + "\"}}");
    assertThat(placed.status()).as(placed.body()).isEqualTo(200);
    return id;
  }

  private Api.Reply check(String email, long amount) {
    return admin()
        .post(
            "/api/donations/offline",
            json(
                "email",
                email,
                "source",
                "check",
                "amount",
                amount,
                "currency",
                "usd",
                "receivedOn",
                "2026-11-16"));
  }

  private static long giftsOf(long supporter) throws Exception {
    return TestEnvironment.count("select count(*) from gift where supporter_id = ?", supporter);
  }

  @Test
  void twoRecordsOfOnePersonAreSuggestedPreviewedAndMergedKeepingEveryNumber() throws Exception {
    String last = "Merge" + System.nanoTime();
    String keepEmail = Mailbox.unique("keepme");
    String mergeEmail = Mailbox.unique("mergeme");
    long keep = person(keepEmail, last, "12207");
    long merge = person(mergeEmail, last, "12207");
    String receipt = check(mergeEmail, 3000).json().getString("receiptNumber");
    assertThat(check(keepEmail, 2000).status()).isEqualTo(201);
    apply(mergeEmail, "Dana", last);
    Api.Reply flagged =
        admin()
            .patch(
                "/api/supporters/" + merge,
                "{\"safeContact\": {\"discreetSender\": false, \"noPostalMail\": true,"
                    + " \"doNotFeature\": false}}");
    assertThat(flagged.status()).isEqualTo(200);

    var pairs = admin().get("/api/supporters/duplicates?limit=500").array();
    JsonObject pair =
        pairs.getValuesAs(JsonObject.class).stream()
            .filter(p -> p.getJsonObject("b").getJsonNumber("id").longValue() == merge)
            .findFirst()
            .orElseThrow();
    assertThat(pair.getJsonObject("a").getJsonNumber("id").longValue()).isEqualTo(keep);
    assertThat(pair.getJsonArray("reasons").getString(0))
        .isEqualTo("the same name and postal code");
    JsonObject preview =
        admin().get("/api/supporters/merge-preview?keep=" + keep + "&merge=" + merge).json();
    assertThat(preview.getJsonObject("mergeHolds").getInt("gifts")).isEqualTo(1);
    assertThat(preview.getJsonObject("mergeHolds").getInt("volunteer applications")).isEqualTo(1);
    assertThat(preview.containsKey("blocked")).isFalse();

    // the wrong role, nobody, and bad bodies
    String body = json("keep", keep, "merge", merge);
    assertProblem(staff("volunteers").post("/api/supporters/merge", body), 403, "role-required");
    assertProblem(new Api(base).post("/api/supporters/merge", body), 401, "unauthorized");
    assertProblem(admin().post("/api/supporters/merge", json("keep", keep)), 400, "validation");
    assertProblem(
        admin().post("/api/supporters/merge", json("keep", keep, "merge", keep)),
        400,
        "validation");
    assertProblem(
        admin().post("/api/supporters/merge", json("keep", keep, "merge", 99999999)),
        404,
        "not-found");
    assertProblem(
        admin().post("/api/supporters/merge", "{\"keep\": \"one\", \"merge\": 2}"),
        400,
        "malformed-json");
    assertThat(giftsOf(merge)).isEqualTo(1);

    Api.Reply merged = admin().post("/api/supporters/merge", body);
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().getJsonObject("safeContact").getBoolean("noPostalMail")).isTrue();
    assertThat(giftsOf(merge)).isZero();
    assertThat(giftsOf(keep)).isEqualTo(2);
    assertThat(
            TestEnvironment.count(
                "select count(*) from gift where supporter_id = ? and receipt_year || '-' ||"
                    + " lpad(receipt_number::text, 6, '0') = ?",
                keep,
                receipt))
        .isEqualTo(1);
    assertThat(TestEnvironment.count("select count(*) from volunteer where supporter_id = ?", keep))
        .isEqualTo(1);
    // the merged record answers as the kept one, and its email still finds the person
    assertThat(admin().get("/api/supporters/" + merge).json().getJsonNumber("id").longValue())
        .isEqualTo(keep);
    assertThat(check(mergeEmail, 500).json().getJsonNumber("supporterId").longValue())
        .isEqualTo(keep);
    assertThat(admin().get("/api/supporters?q=" + last).array()).hasSize(1);
    JsonObject timeline = admin().get("/api/supporters/" + keep + "/timeline").json();
    assertThat(
            timeline.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("kind").equals("email"))
                .map(e -> e.getString("detail")))
        .anyMatch(d -> d.contains(mergeEmail));
    assertProblem(admin().post("/api/supporters/merge", body), 409, "already-merged");
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where action = 'supporter.merged'"
                    + " and entity_id = ?",
                String.valueOf(keep)))
        .isEqualTo(1);

    // two volunteer applications: the volunteer team decides first
    String v1 = Mailbox.unique("vol1");
    String v2 = Mailbox.unique("vol2");
    long one = person(v1, last + "v", "12208");
    long two = person(v2, last + "v", "12208");
    apply(v1, "Dana", last + "v");
    apply(v2, "Dana", last + "v");
    Api.Reply blocked = admin().post("/api/supporters/merge", json("keep", one, "merge", two));
    assertProblem(blocked, 409, "not-mergeable");
    assertThat(blocked.json().getString("detail"))
        .contains("Both records have a volunteer application");
  }

  @Test
  void aMergeInTheMiddleOfConcurrentGiftsLosesNone() throws Exception {
    String last = "Race" + System.nanoTime();
    String keepEmail = Mailbox.unique("racekeep");
    String mergeEmail = Mailbox.unique("racemerge");
    long keep = person(keepEmail, last, "10001");
    long merge = person(mergeEmail, last, "10001");
    int gifts = 12;
    ExecutorService pool = Executors.newFixedThreadPool(5);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < gifts; i++) {
      long amount = 1000 + i;
      replies.add(
          pool.submit(
              () -> {
                go.await();
                return check(mergeEmail, amount);
              }));
    }
    Future<Api.Reply> merging =
        pool.submit(
            () -> {
              go.await();
              Thread.sleep(40);
              return admin().post("/api/supporters/merge", json("keep", keep, "merge", merge));
            });
    go.countDown();
    for (Future<Api.Reply> f : replies) {
      assertThat(f.get().status()).as(f.get().body()).isEqualTo(201);
    }
    assertThat(merging.get().status()).as(merging.get().body()).isEqualTo(200);
    pool.shutdown();
    assertThat(giftsOf(merge)).isZero();
    assertThat(giftsOf(keep)).isEqualTo(gifts);
    assertThat(
            TestEnvironment.count(
                "select count(distinct receipt_number) from gift where supporter_id = ?", keep))
        .isEqualTo(gifts);
  }

  @Test
  void aFundraiserMergesASuggestedPairFromThePage() throws Exception {
    String last = "Page" + System.nanoTime();
    long keep = person(Mailbox.unique("pagekeep"), last, "12180");
    long merge = person(Mailbox.unique("pagemerge"), last, "12180");
    check(admin().get("/api/supporters/" + merge).json().getString("email"), 1500);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 1280);
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/people/duplicates");
    By card = By.cssSelector(".dup-pair[data-pair='" + keep + "-" + merge + "']");
    WebElement pair = wait.until(ExpectedConditions.visibilityOfElementLocated(card));
    assertThat(pair.getText()).contains("the same name and postal code");
    pair.findElement(By.xpath(".//button[text()='Preview the merge']")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(card, "It takes in record " + merge));
    assertThat(pair.findElement(By.cssSelector(".dup-preview")).getText()).contains("with 1 gift.");
    Browser.screenshot(browser, "staff-duplicates");
    pair.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("cannot be undone");
    dialog.findElement(By.cssSelector(".confirm-ok")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("merge-done"), "Merged into"));
    assertThat(browser.findElements(card)).isEmpty();
    assertThat(giftsOf(keep)).isEqualTo(1);
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pairs")));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-duplicates-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  private Api.Reply importCsv(Api api, String query, String csv) {
    return api.send("POST", "/api/supporters/import?" + query, "text/csv", csv);
  }

  @Test
  void anImportIsCheckedLineByLineThenWritesOnlyTheGoodLines() throws Exception {
    String tag = "imp" + System.nanoTime();
    String fresh = tag + "new@example.org";
    String known = tag + "known@example.org";
    Api admin = admin();
    long existing =
        admin
            .post("/api/supporters", json("email", known, "firstName", "Kim"))
            .json()
            .getJsonNumber("id")
            .longValue();
    assertThat(
            admin
                .put(
                    "/api/supporters/" + existing + "/topics",
                    "{\"topics\": {\"impact-newsletter\": false}}")
                .status())
        .isEqualTo(200);
    String csv =
        "E-mail,First name,Surname,Newsletter,Street,Town,ZIP\r\n"
            + fresh
            + ",Ann,Import"
            + tag
            + ",yes,1 Elm St,Troy,12180\r\n"
            + known.toUpperCase()
            + ",,,yes,,,\r\n"
            + "not-an-email,Bob,Two,no,,,\r\n"
            + fresh
            + ",Ann,Again,no,,,\r\n"
            + tag
            + "c@example.org,Cy,Three,maybe,,,\r\n"
            + tag
            + "d@example.org,Di,Four,,2 Oak St,,\r\n";
    String map =
        "email=E-mail&lastName=Surname&emailOptIn=Newsletter&line1=Street&city=Town&postalCode=ZIP";
    // consent in the file needs its source
    assertProblem(importCsv(admin, map + "&dryRun=true", csv), 400, "validation");
    Api.Reply dry = importCsv(admin, map + "&dryRun=true&source=Gala+sheet", csv);
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().getBoolean("dryRun")).isTrue();
    assertThat(dry.json().getInt("lines")).isEqualTo(6);
    assertThat(dry.json().getInt("created")).isEqualTo(1);
    assertThat(dry.json().getInt("matched")).isEqualTo(1);
    var invalid = dry.json().getJsonArray("invalid").getValuesAs(JsonObject.class);
    assertThat(invalid).extracting(i -> i.getInt("line")).containsExactly(4, 5, 6, 7);
    assertThat(invalid.get(0).getJsonArray("errors").getString(0))
        .isEqualTo("'not-an-email' is not an email address");
    assertThat(invalid.get(1).getJsonArray("errors").getString(0))
        .isEqualTo("the same email as line 2: each person once");
    assertThat(invalid.get(2).getJsonArray("errors").getString(0))
        .isEqualTo("email consent must be yes or no, not 'maybe'");
    assertThat(invalid.get(3).getJsonArray("errors").getString(0))
        .isEqualTo("an address needs both the street and the city");
    assertThat(TestEnvironment.count("select count(*) from supporter where email = ?", fresh))
        .isZero();
    // bad mappings and files, the wrong role, nobody
    assertProblem(importCsv(admin, "email=Nope", csv), 400, "validation");
    assertProblem(importCsv(admin, "", "Name,Town\r\nAnn,Troy\r\n"), 400, "validation");
    assertProblem(importCsv(admin, "", "email\r\n\"open,quote\r\n"), 400, "import-malformed");
    assertProblem(importCsv(admin, "dryRun=maybe", csv), 400, "validation");
    assertProblem(importCsv(staff("volunteers"), map, csv), 403, "role-required");
    assertProblem(importCsv(new Api(base), map, csv), 401, "unauthorized");

    Api.Reply done = importCsv(admin, map + "&dryRun=false&source=Gala+sheet", csv);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().getInt("created")).isEqualTo(1);
    assertThat(done.json().getInt("matched")).isEqualTo(1);
    JsonObject made = admin.get("/api/supporters?q=" + fresh).array().getJsonObject(0);
    assertThat(made.getString("lastName")).isEqualTo("Import" + tag);
    assertThat(made.getJsonObject("address").getString("city")).isEqualTo("Troy");
    // a plain yes is the impact newsletter, with the file's source
    JsonObject newsletter = topic(admin, made.getJsonNumber("id").longValue(), "impact-newsletter");
    assertThat(newsletter.getBoolean("subscribed")).isTrue();
    assertThat(newsletter.getString("source")).startsWith("import:Gala sheet");
    assertThat(
            topic(admin, made.getJsonNumber("id").longValue(), "advocacy-alerts")
                .getBoolean("subscribed"))
        .isFalse();
    // someone already on record is never opted in by a file
    assertThat(topic(admin, existing, "impact-newsletter").getBoolean("subscribed")).isFalse();
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where action = 'supporter.import'"
                    + " and after_state::text like ?",
                "%Gala sheet%"))
        .isEqualTo(1);
    // the same search as CSV
    String export = admin.download("/api/supporters/export.csv?q=" + tag, "text/csv").text();
    assertThat(export.lines()).hasSize(3); // the header, the new person and the one on record
    assertThat(export)
        .startsWith("id,email,first_name")
        .contains(fresh, "Troy", "impact-newsletter")
        .contains(",email_topics,");
  }

  private static JsonObject topic(Api staff, long id, String code) {
    return staff
        .get("/api/supporters/" + id + "/topics")
        .array()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(t -> t.getString("code").equals(code))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aFundraiserImportsAFileAfterADryRunFromThePage() throws Exception {
    String tag = "pageimp" + System.nanoTime();
    java.nio.file.Path file = java.nio.file.Files.createTempFile("people", ".csv");
    java.nio.file.Files.writeString(
        file,
        "email,first_name,last_name\n"
            + tag
            + "1@example.org,Lee,Page\n"
            + "broken,Lee,Two\n"
            + tag
            + "3@example.org,Lou,Page\n");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 1280);
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/people/import");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-form")));
    browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    assertThat(
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-file-error")))
                .getText())
        .isEqualTo("Choose the CSV file first.");
    browser.findElement(By.id("import-file")).sendKeys(file.toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("map-email")));
    assertThat(
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("map-lastName")))
                .getFirstSelectedOption()
                .getText())
        .isEqualTo("last_name");
    browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("import-summary"), "3 lines: 2 new, 0 already on record, 1 cannot be imported"));
    assertThat(browser.findElement(By.cssSelector("#import-invalid tr[data-line='3']")).getText())
        .contains("'broken' is not an email address.");
    assertThat(admin().get("/api/supporters?q=" + tag).array()).isEmpty();
    Browser.screenshot(browser, "staff-import");
    browser.findElement(By.id("import-go")).click();
    wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#staff-confirm .confirm-ok")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("import-done"), "Imported: 2 new"));
    assertThat(admin().get("/api/supporters?q=" + tag).array()).hasSize(2);
    browser.manage().window().setSize(new Dimension(390, 844));
    Browser.assertFitsWidth(browser);
    Browser.screenshot(browser, "staff-import-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  void aPrivacyExportHoldsEverythingOnThePersonAndOnlyAnAdminGetsIt() throws Exception {
    String email = Mailbox.unique("privacy");
    long id = donorWhoVolunteers(email);
    Mailbox.await(email, 1, Duration.ofSeconds(20));
    assertProblem(
        staff("fundraising").get("/api/supporters/" + id + "/export"), 403, "role-required");
    assertProblem(new Api(base).get("/api/supporters/" + id + "/export"), 401, "unauthorized");
    assertProblem(admin().get("/api/supporters/99999999/export"), 404, "not-found");
    Api.Download zip = admin().download("/api/supporters/" + id + "/export", "application/zip");
    assertThat(zip.status()).isEqualTo(200);
    assertThat(zip.disposition()).contains("person-" + id + ".zip");
    java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        files.put(
            e.getName(),
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(files.keySet())
        .contains(
            "README.txt",
            "person.json",
            "emails.json",
            "changes.json",
            "gifts.json",
            "recurring-gifts.json",
            "volunteering.json",
            "trainings.json",
            "shifts.json",
            "campaign-actions.json",
            "letters.json",
            "giving-statement-2026.pdf");
    assertThat(files.get("person.json")).contains(email, "Timeline");
    assertThat(files.get("gifts.json")).contains("\"amount\":4200", "\"source\":\"check\"");
    assertThat(files.get("volunteering.json")).contains("1990-01-01");
    assertThat(files.get("emails.json")).contains("receipt");
    assertThat(files.get("giving-statement-2026.pdf")).startsWith("%PDF");
    assertThat(files.get("README.txt")).contains("addresses of shifts");
    assertThat(
            TestEnvironment.count(
                "select count(*) from audit_event where action = 'supporter.exported'"
                    + " and entity_id = ?",
                String.valueOf(id)))
        .isEqualTo(1);
  }

  /** A published campaign whose one target is an official written to by email: its slug. */
  private String emailCampaign(String officialEmail) {
    Api.Reply target =
        admin()
            .post(
                "/api/officials/custom",
                json(
                    "name", "Lee Erase",
                    "title", "Director",
                    "organisation", "Erase Supply Co",
                    "email", officialEmail));
    assertThat(target.status()).as(target.body()).isEqualTo(201);
    String slug = "erase-" + System.nanoTime();
    Api.Reply created =
        admin()
            .post(
                "/api/campaigns",
                json(
                    "slug",
                    slug,
                    "title",
                    "Clean supply chains",
                    "subject",
                    "Please audit your suppliers",
                    "letterTemplate",
                    "Dear {{officialName}},\n\nI live in {{city}}.\n\n{{personalNote}}\n\nThank you.",
                    "targets",
                    List.of(target.json().getString("id"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(admin().post("/api/campaigns/" + slug + "/publish", "{}").status()).isEqualTo(200);
    return slug;
  }

  private static long rows(String sql, Object... params) throws Exception {
    return TestEnvironment.count(sql, params);
  }

  @Test
  void anErasureAnonymisesThePersonEverywhereAndKeepsWhatTaxLawNeeds() throws Exception {
    String email = Mailbox.unique("erase");
    long id = donorWhoVolunteers(email);
    String official = Mailbox.unique("official");
    String slug = emailCampaign(official);
    Api.Reply letter =
        new Api(base)
            .post(
                "/api/campaigns/" + slug + "/letters",
                json(
                    "firstName", "Rosa",
                    "lastName", "Timeline",
                    "email", email,
                    "zip", "10018",
                    "personalNote", "My cousin was trafficked through a labor agency."));
    assertThat(letter.status()).as(letter.body()).isEqualTo(201);
    Mailbox.await(official, 1, Duration.ofSeconds(20));
    Mailbox.await(email, 1, Duration.ofSeconds(20));
    assertThat(admin().patch("/api/supporters/" + id, "{\"phone\": \"+1 518 555 0142\"}").status())
        .isEqualTo(200);
    String path = "/api/supporters/" + id + "/erase";

    // only an admin, with a reason; nothing is written on a refusal
    assertProblem(new Api(base).post(path, json("reason", "asked")), 401, "unauthorized");
    assertProblem(staff("fundraising").post(path, json("reason", "asked")), 403, "role-required");
    assertThat(assertProblem(admin().post(path, "{}"), 400, "validation").toString())
        .contains("say why");
    assertProblem(admin().post(path, json("reason", "x".repeat(501))), 400, "validation");
    assertProblem(
        admin().post("/api/supporters/99999999/erase", json("reason", "a")), 404, "not-found");
    assertThat(rows("select count(*) from supporter where id = ? and erased_at is null", id))
        .isEqualTo(1);
    JsonObject preview = admin().get("/api/supporters/" + id + "/erasure").json();
    assertThat(preview.containsKey("blocked")).as(preview.toString()).isFalse();
    assertThat(preview.getJsonObject("holds").getInt("gifts")).isEqualTo(1);

    Api.Reply erased = admin().post(path, json("reason", "Emailed request of 2026-11-30"));
    assertThat(erased.status()).as(erased.body()).isEqualTo(200);
    JsonObject report = erased.json();
    assertThat(report.getJsonArray("removed").toString())
        .contains("their name, email", "volunteer application", "text of 1 letter");
    assertThat(report.getJsonArray("kept").toString())
        .contains("1 gift: amount, date, fund, receipt number", "Tax and accounting law");

    // the person row keeps only its id and dates; the gift keeps its amount and receipt number
    assertThat(
            rows(
                "select count(*) from supporter where id = ? and email = ? and first_name is null"
                    + " and last_name is null and phone is null and erased_at is not null",
                id,
                "erased-" + id + "@erased.invalid"))
        .isEqualTo(1);
    assertThat(
            rows(
                "select count(*) from gift where supporter_id = ? and amount = 4200"
                    + " and receipt_number is not null",
                id))
        .isEqualTo(1);
    assertThat(
            rows(
                "select count(*) from volunteer where supporter_id = ? and birth_date is null", id))
        .isEqualTo(1);
    assertThat(
            rows(
                "select count(*) from campaign_action where supporter_id = ? and first_name = ''"
                    + " and personal_note is null",
                id))
        .isEqualTo(1);
    // nothing anywhere still holds the address or the letter's words
    assertThat(
            rows(
                "select count(*) from outbox_message where lower(to_address) = lower(?)"
                    + " or lower(reply_to) = lower(?) or text_body like '%trafficked%'",
                email, email))
        .isZero();
    assertThat(rows("select count(*) from letter where body like '%trafficked%'")).isZero();
    assertThat(
            rows(
                "select count(*) from audit_event where before_state::text ilike ?"
                    + " or after_state::text ilike ?",
                "%" + email + "%",
                "%" + email + "%"))
        .isZero();
    assertThat(
            rows(
                "select count(*) from audit_event where entity_id = ? and action in"
                    + " ('supporter.updated', 'supporter.erased')",
                String.valueOf(id)))
        .isEqualTo(2);

    // the record is gone from search, cannot be changed, and a repeat is refused politely
    assertThat(admin().get("/api/supporters?q=" + email).array()).isEmpty();
    assertThat(admin().get("/api/supporters/" + id).json().containsKey("erasedAt")).isTrue();
    assertProblem(
        admin().patch("/api/supporters/" + id, "{\"firstName\": \"Rosa\"}"), 409, "erased");
    assertProblem(admin().post(path, json("reason", "again")), 409, "erased");
    assertThat(
            admin()
                .get("/api/supporters/" + id + "/erasure")
                .json()
                .getJsonObject("report")
                .getString("reason"))
        .isEqualTo("Emailed request of 2026-11-30");
    assertThat(kinds(admin().get("/api/supporters/" + id + "/timeline").json())).contains("gift");
    // giving again with the same address starts a new record
    Api.Reply again = check(email, 900);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().getJsonNumber("supporterId").longValue()).isNotEqualTo(id);
  }

  @Test
  void aPersonWithARecurringGiftStillChargingCannotBeErasedYet() throws Exception {
    long id = person(Mailbox.unique("eraseplan"), "Planner" + System.nanoTime(), "12207");
    rows(
        "with made as (insert into recurring_plan (public_id, supporter_id, fund_code, amount,"
            + " currency, frequency, processor, test, status, created_at, updated_at)"
            + " values (gen_random_uuid(), ?, 'where-most-needed', 2500, 'usd', 'monthly', 'test',"
            + " true, 'active', now(), now()) returning 1) select count(*) from made",
        id);
    JsonObject refused =
        assertProblem(
            admin().post("/api/supporters/" + id + "/erase", json("reason", "asked")),
            409,
            "not-erasable");
    assertThat(refused.getString("detail")).contains("cancel it");
    assertThat(rows("select count(*) from supporter where id = ? and erased_at is null", id))
        .isEqualTo(1);
  }

  @Test
  void anErasureInTheMiddleOfConcurrentGiftsLosesNoneAndNamesNobody() throws Exception {
    String email = Mailbox.unique("raceerase");
    long id = person(email, "Erase" + System.nanoTime(), "10001");
    int gifts = 12;
    ExecutorService pool = Executors.newFixedThreadPool(5);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < gifts; i++) {
      long amount = 2000 + i;
      replies.add(
          pool.submit(
              () -> {
                go.await();
                return check(email, amount);
              }));
    }
    Future<Api.Reply> erasing =
        pool.submit(
            () -> {
              go.await();
              Thread.sleep(40);
              return admin()
                  .post("/api/supporters/" + id + "/erase", json("reason", "race request"));
            });
    go.countDown();
    for (Future<Api.Reply> f : replies) {
      assertThat(f.get().status()).as(f.get().body()).isEqualTo(201);
    }
    assertThat(erasing.get().status()).as(erasing.get().body()).isEqualTo(200);
    pool.shutdown();
    long onErased = giftsOf(id);
    long onNew =
        rows(
            "select count(*) from gift g join supporter s on s.id = g.supporter_id"
                + " where lower(s.email) = lower(?)",
            email);
    assertThat(onErased + onNew).isEqualTo(gifts);
    // a gift on the erased record was written before the erasure, never after it
    assertThat(
            rows(
                "select count(*) from gift g join supporter s on s.id = g.supporter_id"
                    + " where s.id = ? and g.created_at > s.erased_at",
                id))
        .isZero();
    assertThat(
            rows(
                "select count(distinct receipt_number) from gift g join supporter s"
                    + " on s.id = g.supporter_id where s.id = ? or lower(s.email) = lower(?)",
                id,
                email))
        .isEqualTo(gifts);
  }

  @Test
  void anAdminErasesAPersonFromTheProfileAfterConfirming() throws Exception {
    String email = Mailbox.unique("pageerase");
    long id = person(email, "Erasable" + System.nanoTime(), "12180");
    assertThat(check(email, 3100).status()).isEqualTo(201);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    Browser.signInAsStaff(
        browser, base, TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD, 390);
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/people/" + id);
    WebElement card =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-card")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("erase-holds"), "gifts: 1"));
    card.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("erase-reason-error"), "Say why"));
    card.findElement(By.id("erase-reason")).sendKeys("Phoned in on 2026-12-01");
    card.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("staff-confirm")));
    assertThat(dialog.getText()).contains("removed for good");
    dialog.findElement(By.cssSelector(".confirm-ok")).click();
    WebElement done =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("erased-card")));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("person-title"), "Erased supporter"));
    assertThat(done.getText())
        .contains("Phoned in on 2026-12-01", "1 gift: amount", "Tax and accounting law");
    assertThat(browser.findElement(By.id("edit-card")).isDisplayed()).isFalse();
    Browser.assertFitsWidth(browser);
    browser.executeScript("arguments[0].scrollIntoView()", done);
    Browser.screenshot(browser, "staff-person-erased-phone");
    assertThat(rows("select count(*) from supporter where id = ? and erased_at is not null", id))
        .isEqualTo(1);
    browser.manage().window().setSize(new Dimension(1280, 900));
  }
}
