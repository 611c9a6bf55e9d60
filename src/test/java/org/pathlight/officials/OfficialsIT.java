package org.pathlight.officials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.CensusStub;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * The officials directory: imports of the published formats (small fixtures written for these
 * tests, and the full shared datasets when they are present), ZIP lookups with their traps (several
 * districts, several states, at-large seats, DC, vacant seats), custom targets and who may change
 * what. Each lookup test first imports the fixture set, so the tests need no order.
 */
@PathlightIT
class OfficialsIT {

  private static final Path FIXTURES = projectDir().resolve("src/test/resources/officials");
  private static final Path SHARED = projectDir().resolve("../shared/data/officials").normalize();

  private static Instant deployedAt;

  @Deployment(testable = false)
  static WebArchive deployment() {
    Map<String, String> settings =
        new java.util.HashMap<>(TestEnvironment.get().censusSettings()); // the geocoder stub
    settings.put("pathlight.officials.lookup.limit.per.address", "100000");
    // the start-up import reads the fixture folder; an earlier class may have imported the same
    // files, so the import history is cleared first: this boot's import must run (and is checked)
    settings.put("pathlight.officials.dir", FIXTURES.toString());
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement()) {
      // (the schema exists only once a deployment has migrated it: not when this class runs first)
      s.execute(
          "do $$ begin if to_regclass('official_import') is not null then"
              + " delete from official_import; end if; end $$");
      deployedAt = Instant.now();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return Deployments.pathlightWith(settings);
  }

  @ArquillianResource URL base;

  private static Path projectDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  private Api staff() {
    return Api.sharedAdmin(base);
  }

  private Api.Reply importFile(Api api, String source, Path file) {
    String type = file.toString().endsWith(".csv") ? "text/csv" : "application/yaml";
    try {
      return importBody(api, source, type, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Api.Reply importBody(Api api, String source, String type, String body) {
    return api.send("POST", "/api/officials/imports?source=" + source, type, body);
  }

  private JsonObject imported(String source, String file) {
    Api.Reply reply = importFile(staff(), source, FIXTURES.resolve(file));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** Brings the directory to the fixture set, whatever an earlier test imported. */
  private void fixtures() {
    imported("congress-legislators", "congress-legislators-current.yaml");
    imported("congress-district-offices", "congress-legislators-district-offices.yaml");
    imported("zccd", "zccd.csv");
    imported("openstates-districts", "openstates-districts.csv");
    imported("openstates", "openstates-all-legislators.csv");
  }

  private JsonObject lookup(String query) {
    Api.Reply reply = new Api(base).get("/api/officials?" + query);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private static List<String> ids(JsonObject lookup) {
    return lookup.getJsonArray("officials").getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("id"))
        .toList();
  }

  private static List<String> labels(JsonObject lookup) {
    return lookup.getJsonArray("districts").getValuesAs(JsonObject.class).stream()
        .map(d -> d.getString("label"))
        .toList();
  }

  private static JsonObject official(JsonObject lookup, String id) {
    return lookup.getJsonArray("officials").getValuesAs(JsonObject.class).stream()
        .filter(o -> o.getString("id").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + lookup));
  }

  private static Map<String, String> channels(JsonObject official) {
    Map<String, String> byType = new java.util.TreeMap<>();
    for (JsonObject c : official.getJsonArray("channels").getValuesAs(JsonObject.class)) {
      byType.put(c.getString("type"), c.getString("value"));
    }
    return byType;
  }

  private static long count(String sql) {
    try (Connection c = TestEnvironment.get().connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aZipInOneDistrictGivesTheSenatorsAndTheRepresentativeWithTheirChannels() {
    fixtures();
    JsonObject found = lookup("zip=10018");
    assertThat(found.getString("zip")).isEqualTo("10018");
    assertThat(found.getBoolean("ambiguous")).isFalse();
    assertThat(labels(found)).containsExactly("NY-12");
    JsonObject district = found.getJsonArray("districts").getJsonObject(0);
    assertThat(district.getString("divisionId"))
        .isEqualTo("ocd-division/country:us/state:ny/cd:12");
    assertThat(district.getBoolean("vacant")).isFalse();
    assertThat(ids(found)).containsExactlyInAnyOrder("S000148", "G000555", "N000002");

    JsonObject schumer = official(found, "S000148");
    assertThat(schumer.getString("office")).isEqualTo("us-senate");
    assertThat(schumer.getString("title")).isEqualTo("Senator");
    assertThat(channels(schumer)).containsKeys("contact-form", "print", "phone");
    assertThat(channels(schumer)).doesNotContainKey("email");
    JsonObject nadler = official(found, "N000002");
    assertThat(nadler.getString("office")).isEqualTo("us-house");
    assertThat(nadler.getString("title")).isEqualTo("Representative");
    assertThat(nadler.getString("district")).isEqualTo("12");
    // members of Congress publish no email; a letter can always go by post to Washington
    assertThat(channels(nadler)).doesNotContainKey("email");
    assertThat(channels(nadler).get("print")).contains("Washington");
  }

  @Test
  void aZipInSeveralDistrictsIsAmbiguousUntilOneOfThemIsChosen() {
    fixtures();
    JsonObject found = lookup("zip=10001");
    assertThat(found.getBoolean("ambiguous")).isTrue();
    assertThat(labels(found)).containsExactly("NY-10", "NY-12");
    // one state: the senators are certain, the House member is not
    assertThat(ids(found)).containsExactlyInAnyOrder("S000148", "G000555");

    JsonObject chosen = lookup("zip=10001&district=NY-12");
    assertThat(chosen.getBoolean("ambiguous")).isFalse();
    assertThat(labels(chosen)).containsExactly("NY-12");
    assertThat(ids(chosen)).containsExactlyInAnyOrder("S000148", "G000555", "N000002");
    assertThat(ids(lookup("zip=10001&district=ny-010"))).contains("G000599");

    JsonObject refused =
        assertProblem(
            new Api(base).get("/api/officials?zip=10001&district=NY-13"),
            422,
            "district-not-in-zip");
    assertThat(refused.getJsonArray("candidates").getValuesAs(JsonValue.class).toString())
        .contains("NY-10", "NY-12");
    assertProblem(new Api(base).get("/api/officials?zip=10001&district=twelve"), 400, "validation");
  }

  @Test
  void aZipAcrossStateLinesNamesNoSenatorUntilTheDistrictIsChosen() {
    fixtures();
    JsonObject found = lookup("zip=42223");
    assertThat(found.getBoolean("ambiguous")).isTrue();
    assertThat(labels(found)).containsExactly("KY-1", "TN-7");
    assertThat(ids(found)).isEmpty();

    JsonObject tennessee = lookup("zip=42223&district=TN-7");
    assertThat(ids(tennessee)).containsExactlyInAnyOrder("B001243", "H000601", "V000139");
    assertProblem(new Api(base).get("/api/officials?zip=42223&stateUpper=8"), 400, "validation");
  }

  @Test
  void atLargeStatesDcAndZipPlusFourAreAnswered() {
    fixtures();
    JsonObject wyoming = lookup("zip=82001-1234");
    assertThat(wyoming.getString("zip")).isEqualTo("82001");
    assertThat(wyoming.getBoolean("ambiguous")).isFalse();
    assertThat(labels(wyoming)).containsExactly("WY-AL");
    assertThat(wyoming.getJsonArray("districts").getJsonObject(0).getString("divisionId"))
        .isEqualTo("ocd-division/country:us/state:wy/cd:at-large");
    assertThat(ids(wyoming)).containsExactlyInAnyOrder("B001261", "L000571", "H001096");
    assertThat(official(wyoming, "H001096").getString("district")).isEqualTo("AL");
    assertThat(ids(lookup("zip=82001&district=WY-0"))).contains("H001096");

    JsonObject dc = lookup("zip=20001");
    assertThat(labels(dc)).containsExactly("DC-AL");
    assertThat(dc.getJsonArray("districts").getJsonObject(0).getString("divisionId"))
        .isEqualTo("ocd-division/country:us/district:dc/cd:at-large");
    // DC has a delegate in the House and no senators
    assertThat(ids(dc)).containsExactly("N000147");
    assertThat(official(dc, "N000147").getString("title")).isEqualTo("Delegate");
  }

  @Test
  void aVacantSeatIsADistrictWithNobodyInIt() {
    fixtures();
    JsonObject found = lookup("zip=94544");
    assertThat(found.getBoolean("ambiguous")).isFalse();
    assertThat(labels(found)).containsExactly("CA-14");
    assertThat(found.getJsonArray("districts").getJsonObject(0).getBoolean("vacant")).isTrue();
    assertThat(ids(found)).containsExactlyInAnyOrder("P000145", "S001150");
  }

  @Test
  void unknownAndMalformedZipsAreProblems() {
    fixtures();
    assertProblem(new Api(base).get("/api/officials?zip=99999"), 404, "zip-unknown");
    assertProblem(new Api(base).get("/api/officials?zip=1234"), 400, "validation");
    assertProblem(new Api(base).get("/api/officials?zip=abcde"), 400, "validation");
    assertProblem(new Api(base).get("/api/officials"), 400, "validation");
  }

  @Test
  void stateLegislatorsComeOnlyForAChosenStateDistrict() {
    fixtures();
    JsonObject plain = lookup("zip=85004");
    assertThat(ids(plain)).containsExactlyInAnyOrder("K000377", "G000574", "A000381");

    JsonObject withState = lookup("zip=85004&stateUpper=8&stateLower=8");
    assertThat(labels(withState)).containsExactly("AZ-3", "AZ upper 8", "AZ lower 8");
    List<JsonObject> state =
        withState.getJsonArray("officials").getValuesAs(JsonObject.class).stream()
            .filter(o -> o.getString("office").startsWith("state-"))
            .toList();
    // lower district 8 elects two members
    assertThat(state)
        .extracting(o -> o.getString("name"))
        .containsExactlyInAnyOrder("Lauren Kuby", "Brian Garcia", "Janeen Connolly");
    JsonObject kuby =
        state.stream().filter(o -> o.getString("name").equals("Lauren Kuby")).findFirst().get();
    assertThat(kuby.getString("title")).isEqualTo("State Senator");
    assertThat(channels(kuby)).containsEntry("email", "lkuby@azleg.gov").containsKey("print");

    JsonObject empty = lookup("zip=85004&stateLower=9");
    assertThat(empty.getJsonArray("districts").getJsonObject(1).getBoolean("vacant")).isTrue();
    assertProblem(
        new Api(base).get("/api/officials?zip=85004&stateLower=99"), 422, "state-district-unknown");

    JsonObject ward = lookup("zip=20001&stateUpper=Ward%201");
    assertThat(ward.getJsonArray("officials").getValuesAs(JsonObject.class))
        .anySatisfy(o -> assertThat(o.getString("title")).isEqualTo("Councilmember"));
  }

  @Test
  void aStreetAddressSettlesAnAmbiguousZipThroughTheGeocoder() {
    fixtures();
    CensusStub census = TestEnvironment.get().census();
    int asked = census.addresses().size();
    // ZIP 10001 is in NY-10 and NY-12; the address is in NY-12, state senate 47, assembly 75
    JsonObject placed = lookup("zip=10001&address=350+Fifth+Avenue");
    assertThat(placed.getBoolean("ambiguous")).isFalse();
    assertThat(placed.getBoolean("located")).isTrue();
    assertThat(ids(placed)).contains("N000002", "S000148").doesNotContain("G000599");
    assertThat(labels(placed)).contains("NY-12");
    assertThat(placed.getJsonArray("officials").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("office"))
        .contains("state-upper", "state-lower");
    assertThat(census.addresses().subList(asked, census.addresses().size()))
        .containsExactly("350 Fifth Avenue, 10001");

    // a state district the directory does not know is left out, not a 422
    JsonObject ten = lookup("zip=10001&address=20+West+34th+Street");
    assertThat(ten.getBoolean("ambiguous")).isFalse();
    assertThat(labels(ten)).containsExactly("NY-10");
    // an explicit choice wins over the geocoder, which is then not asked
    int before = census.addresses().size();
    JsonObject chosen =
        lookup("zip=10001&district=NY-10&stateUpper=47&stateLower=75&address=350+Fifth+Avenue");
    assertThat(labels(chosen)).contains("NY-10");
    assertThat(census.addresses()).hasSize(before);

    // no match, a match outside the ZIP, a broken or slow geocoder: the ZIP answer, as offline
    for (String address : List.of("1 Nowhere Lane", "500 Pennsylvania Ave", "broken", "timeout")) {
      JsonObject fallback = lookup("zip=10001&address=" + address.replace(' ', '+'));
      assertThat(fallback.getBoolean("ambiguous")).as(address).isTrue();
      assertThat(fallback.getBoolean("located")).as(address).isFalse();
    }
  }

  @Test
  void aStatesLegislativeDistrictsAreListedForTheChoice() {
    fixtures();
    Api.Reply upper = new Api(base).get("/api/officials/state-districts?state=ny&chamber=upper");
    assertThat(upper.status()).as(upper.body()).isEqualTo(200);
    assertThat(upper.array().getValuesAs(JsonObject.class))
        .extracting(d -> d.getString("district"))
        .containsExactly("47");
    assertThat(upper.array().getJsonObject(0).getBoolean("vacant")).isFalse();
    Api.Reply az = new Api(base).get("/api/officials/state-districts?state=AZ&chamber=lower");
    assertThat(az.array().getJsonObject(0).getInt("seats")).isEqualTo(2);
    assertThat(new Api(base).get("/api/officials/state-districts?state=ZZ&chamber=upper").array())
        .isEmpty();
    assertProblem(
        new Api(base).get("/api/officials/state-districts?state=New+York&chamber=upper"),
        400,
        "validation");
    assertProblem(
        new Api(base).get("/api/officials/state-districts?state=NY&chamber=senate"),
        400,
        "validation");
  }

  @Test
  void reImportingTheSameFilesChangesNothing() {
    fixtures();
    for (String[] f :
        new String[][] {
          {"congress-legislators", "congress-legislators-current.yaml"},
          {"congress-district-offices", "congress-legislators-district-offices.yaml"},
          {"zccd", "zccd.csv"},
          {"openstates-districts", "openstates-districts.csv"},
          {"openstates", "openstates-all-legislators.csv"}
        }) {
      JsonObject again = imported(f[0], f[1]);
      assertThat(again.getString("source")).isEqualTo(f[0]);
      assertThat(again.getInt("added")).as(f[0]).isZero();
      assertThat(again.getInt("updated")).as(f[0]).isZero();
      assertThat(again.getInt("retired")).as(f[0]).isZero();
      assertThat(again.getInt("unchanged")).as(f[0]).isPositive();
    }
    JsonObject offices =
        imported("congress-district-offices", "congress-legislators-district-offices.yaml");
    assertThat(offices.getInt("skipped")).isEqualTo(1); // Z999999 is no member
    assertThat(count("select count(*) from official where id = 'S000148'")).isEqualTo(1);
  }

  @Test
  void aMemberWhoLeavesIsRetiredAndTheirSuccessorAdded() {
    fixtures();
    JsonObject replaced = imported("congress-legislators", "congress-legislators-replaced.yaml");
    assertThat(replaced.getInt("added")).isEqualTo(1);
    assertThat(replaced.getInt("updated")).isEqualTo(1);
    assertThat(replaced.getInt("retired")).isEqualTo(1);
    JsonObject now = lookup("zip=10018");
    assertThat(ids(now)).contains("X000001").doesNotContain("N000002");
    assertThat(channels(official(now, "S000148")).get("phone")).isEqualTo("202-224-0000");
    // the retired member is kept, with the date they left
    assertThat(
            count("select count(*) from official where id = 'N000002' and retired_at is not null"))
        .isEqualTo(1);

    JsonObject back = imported("congress-legislators", "congress-legislators-current.yaml");
    assertThat(back.getInt("added")).isZero();
    assertThat(back.getInt("updated")).isEqualTo(2); // N000002 returns, the phone changes back
    assertThat(back.getInt("retired")).isEqualTo(1); // X000001
    assertThat(ids(lookup("zip=10018"))).contains("N000002").doesNotContain("X000001");
  }

  @Test
  void malformedFilesAreRefusedWithAProblemAndWriteNothing() {
    fixtures();
    long officials = count("select count(*) from official where retired_at is null");
    long zips = count("select count(*) from zip_district");
    long runs = count("select count(*) from official_import");

    JsonObject yaml =
        assertProblem(
            importBody(staff(), "congress-legislators", "application/yaml", "- id: [unclosed\n"),
            400,
            "import-malformed");
    assertThat(yaml.getString("detail")).contains("not valid YAML");
    assertProblem(
        importBody(staff(), "congress-legislators", "application/yaml", "members: 3\n"),
        400,
        "import-malformed");
    JsonObject noTerms =
        assertProblem(
            importBody(
                staff(),
                "congress-legislators",
                "application/yaml",
                "- id: {bioguide: A000001}\n  name: {official_full: A Person}\n  terms: []\n"),
            400,
            "import-malformed");
    assertThat(noTerms.getString("detail")).contains("A000001", "no terms");
    JsonObject header =
        assertProblem(
            importBody(staff(), "zccd", "text/csv", "zip,cd\n10001,12\n"), 400, "import-malformed");
    assertThat(header.getString("detail")).contains("zcta");
    // the first row is good, the second is not: nothing of the file is written
    JsonObject row =
        assertProblem(
            importBody(
                staff(),
                "zccd",
                "text/csv",
                "state_fips,state_abbr,zcta,cd\n01,AL,35004,3\n01,AL,35005,x\n"),
            400,
            "import-malformed");
    assertThat(row.getString("detail")).contains("line 3");
    JsonObject chamber =
        assertProblem(
            importBody(
                staff(),
                "openstates",
                "text/csv",
                "ocd_person_id,name,state,chamber,district,division_id,party,email,"
                    + "capitol_address,capitol_voice,district_address,district_voice,homepage\n"
                    + "ocd-person/x,A B,AZ,middle,8,,,,,,,,\n"),
            400,
            "import-malformed");
    assertThat(chamber.getString("detail")).contains("chamber");
    assertProblem(importBody(staff(), "nonsense", "text/csv", "a\n"), 400, "validation");
    assertProblem(
        staff().send("POST", "/api/officials/imports", "text/csv", "a\n"), 400, "validation");
    JsonObject empty =
        assertProblem(
            importBody(staff(), "congress-legislators", "application/yaml", "[]\n"),
            400,
            "import-malformed");
    assertThat(empty.getString("detail")).contains("no rows");
    assertProblem(
        importBody(
            staff(),
            "openstates-districts",
            "text/csv",
            "state,chamber,district,division_id,num_seats\n"),
        400,
        "import-malformed");
    assertProblem(importBody(staff(), "zccd", "text/csv", ""), 400, "import-malformed");

    assertThat(count("select count(*) from official where retired_at is null"))
        .isEqualTo(officials);
    assertThat(count("select count(*) from zip_district")).isEqualTo(zips);
    assertThat(count("select count(*) from official_import")).isEqualTo(runs);
    assertProblem(new Api(base).get("/api/officials?zip=35004"), 404, "zip-unknown");
  }

  @Test
  void onlyAdvocacyStaffMayImportAndManageTargets() {
    fixtures();
    Path zccd = FIXTURES.resolve("zccd.csv");
    assertProblem(importFile(new Api(base), "zccd", zccd), 401, "unauthorized");
    assertProblem(new Api(base).get("/api/officials/custom"), 401, "unauthorized");
    assertProblem(new Api(base).get("/api/officials/imports"), 401, "unauthorized");

    Api volunteers = staffWith("volunteers");
    assertProblem(importFile(volunteers, "zccd", zccd), 403, "role-required");
    assertProblem(
        volunteers.post("/api/officials/custom", json("name", "X", "title", "Y", "email", "x@y.z")),
        403,
        "role-required");

    Api advocacy = staffWith("advocacy");
    Api.Reply imported = importFile(advocacy, "zccd", zccd);
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().getInt("added")).isZero();
    assertThat(advocacy.get("/api/officials/imports").array()).isNotEmpty();
  }

  private Api staffWith(String role) {
    String email = "officials" + System.nanoTime() + "@it.test";
    String password = "a-long-staff-password-1";
    Api.Reply created =
        staff()
            .post(
                "/api/staff/accounts",
                json(
                    "email",
                    email,
                    "displayName",
                    "Advocacy Person",
                    "password",
                    password,
                    "roles",
                    Json.createArrayBuilder().add(role).build()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api api = new Api(base);
    assertThat(api.signIn(email, password).status()).isEqualTo(200);
    return api;
  }

  @Test
  void customTargetsAreAddedListedRetiredAndAudited() {
    Api.Reply created =
        staff()
            .post(
                "/api/officials/custom",
                json(
                    "name",
                    "Dana Mayor",
                    "title",
                    "Mayor",
                    "organisation",
                    "City of Springfield",
                    "email",
                    "mayor@springfield.example"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(id).startsWith("custom-");
    assertThat(created.json().get("retiredAt")).isNull();

    JsonObject invalid =
        assertProblem(
            staff().post("/api/officials/custom", json("name", "", "title", "Mayor")),
            400,
            "validation");
    assertThat(invalid.getJsonArray("errors").toString()).contains("name", "email");
    assertProblem(
        staff()
            .post(
                "/api/officials/custom",
                json("name", "A", "title", "B", "email", "not-an-address")),
        400,
        "validation");

    JsonArray listed = staff().get("/api/officials/custom").array();
    assertThat(listed.toString()).contains(id, "City of Springfield");

    Api.Reply retired = staff().post("/api/officials/custom/" + id + "/retire", "{}");
    assertThat(retired.status()).as(retired.body()).isEqualTo(200);
    assertThat(retired.json().getString("retiredAt")).isNotBlank();
    assertProblem(
        staff().post("/api/officials/custom/custom-999999/retire", "{}"), 404, "not-found");

    String trail = staff().get("/api/audit?entityType=official&entityId=" + id).body();
    assertThat(trail).contains("official.custom.created", "official.custom.retired");
    assertThat(staff().get("/api/audit?entityType=official_import").body())
        .contains("officials.imported");
  }

  @Test
  void theStartUpImportReadTheConfiguredFolder() {
    assertThat(
            count(
                "select count(distinct source) from official_import where actor = 'system'"
                    + " and imported_at >= '"
                    + deployedAt
                    + "'"))
        .isEqualTo(5);
  }

  @Test
  void theFullPublishedDatasetsImportAndReimportWithoutChanges() {
    Assumptions.assumeTrue(Files.isDirectory(SHARED), "the shared datasets are not at " + SHARED);
    String[][] files = {
      {"congress-legislators", "congress-legislators-current.yaml"},
      {"congress-district-offices", "congress-legislators-district-offices.yaml"},
      {"zccd", "zccd.csv"},
      {"openstates-districts", "openstates-districts.csv"},
      {"openstates", "openstates-all-legislators.csv"}
    };
    for (String[] f : files) {
      long started = System.nanoTime();
      Api.Reply first = importFile(staff(), f[0], SHARED.resolve(f[1]));
      assertThat(first.status()).as(first.body()).isEqualTo(200);
      System.out.printf(
          "full import %s: %s in %d ms%n",
          f[0], first.body(), (System.nanoTime() - started) / 1_000_000);
    }
    assertThat(
            count(
                "select count(*) from official where source = 'congress-legislators'"
                    + " and retired_at is null"))
        .isEqualTo(537);
    assertThat(
            count(
                "select count(*) from official where source = 'openstates' and retired_at is null"))
        .isEqualTo(7451);
    assertThat(count("select count(*) from zip_district")).isEqualTo(42033);
    assertThat(count("select count(*) from state_district")).isEqualTo(7009);
    assertThat(count("select count(distinct zip) from zip_district")).isEqualTo(33774);

    for (String[] f : files) {
      JsonObject again = importFile(staff(), f[0], SHARED.resolve(f[1])).json();
      assertThat(again.getInt("added")).as(f[0]).isZero();
      assertThat(again.getInt("updated")).as(f[0]).isZero();
      assertThat(again.getInt("retired")).as(f[0]).isZero();
    }

    // the four seats vacant in this snapshot are known districts with nobody in them
    assertThat(
            count(
                "select count(*) from (select distinct state, district from zip_district) z"
                    + " where not exists (select 1 from official o where o.retired_at is null"
                    + " and o.office = 'us-house' and o.state = z.state"
                    + " and o.district = z.district)"))
        .isEqualTo(4);
    JsonObject vacant = lookup("zip=94544");
    assertThat(vacant.getJsonArray("districts").getJsonObject(0).getBoolean("vacant")).isTrue();
    assertThat(ids(lookup("zip=82001"))).hasSize(3);
    assertThat(lookup("zip=10001").getBoolean("ambiguous")).isTrue();
  }
}
