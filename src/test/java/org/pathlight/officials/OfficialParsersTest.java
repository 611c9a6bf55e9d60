package org.pathlight.officials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pathlight.common.ProblemException;

/** The importers' readers, on the fixtures and on broken input. */
class OfficialParsersTest {

  private static InputStream fixture(String name) {
    return OfficialParsersTest.class.getResourceAsStream("/officials/" + name);
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void congressMembersAreTakenFromTheirLastTerm() throws IOException {
    List<OfficialRow> rows = CongressYaml.legislators(fixture("congress-legislators-current.yaml"));
    assertThat(rows).hasSize(20);
    OfficialRow hageman =
        rows.stream().filter(r -> r.id().equals("H001096")).findFirst().orElseThrow();
    assertThat(hageman.office()).isEqualTo("us-house");
    assertThat(hageman.district()).isEqualTo("AL");
    assertThat(hageman.divisionId()).isEqualTo("ocd-division/country:us/state:wy/cd:at-large");
    assertThat(hageman.email()).isNull();
    assertThat(hageman.postalAddress()).contains("Washington");
    OfficialRow schumer =
        rows.stream().filter(r -> r.id().equals("S000148")).findFirst().orElseThrow();
    assertThat(schumer.office()).isEqualTo("us-senate");
    assertThat(schumer.district()).isNull();
    assertThat(schumer.contactForm()).startsWith("https://");
  }

  @Test
  void aMemberWithoutAnAddressStillHasTheChambersPostalAddress() throws IOException {
    List<OfficialRow> rows =
        CongressYaml.legislators(
            text(
                "- id: {bioguide: X000001}\n"
                    + "  name: {first: Pat, last: New}\n"
                    + "  terms:\n"
                    + "  - {type: rep, state: NY, district: 12, party: Democrat}\n"));
    assertThat(rows.get(0).name()).isEqualTo("Pat New");
    assertThat(rows.get(0).postalAddress()).isEqualTo(CongressYaml.HOUSE_ADDRESS);
  }

  @Test
  void unsafeOrBrokenYamlIsRefused() {
    assertThatThrownBy(
            () -> CongressYaml.legislators(text("- !!java.io.File {path: /etc/passwd}\n")))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> CongressYaml.legislators(text("- a: 1\n  a: 2\n")))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(
            () ->
                CongressYaml.legislators(
                    text(
                        "- id: {bioguide: X000001}\n  name: {official_full: A}\n"
                            + "  terms: [{type: rep, state: NY, party: D}]\n")))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("district");
    // a "billion laughs" document stops at the alias limit
    StringBuilder bomb = new StringBuilder("- &l0 [x, x]\n");
    for (int i = 1; i < 30; i++) {
      bomb.append("- &l").append(i).append(" [*l").append(i - 1).append(", *l");
      bomb.append(i - 1).append("]\n");
    }
    assertThatThrownBy(() -> CongressYaml.legislators(text(bomb.toString())))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("aliases")
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void districtOfficesJoinTheirAddressLines() throws IOException {
    List<CongressYaml.OfficeRow> rows =
        CongressYaml.districtOffices(fixture("congress-legislators-district-offices.yaml"));
    assertThat(rows).extracting(CongressYaml.OfficeRow::officialId).contains("Z999999");
    assertThat(rows).allSatisfy(r -> assertThat(r.officeId()).isNotBlank());
  }

  @Test
  void theCrosswalkKeepsEveryDistrictOfAZip() throws IOException {
    Set<OfficialCsv.ZipRow> rows = OfficialCsv.zccd(fixture("zccd.csv"));
    assertThat(rows)
        .contains(
            new OfficialCsv.ZipRow("10001", "NY", "10"),
            new OfficialCsv.ZipRow("10001", "NY", "12"),
            new OfficialCsv.ZipRow("42223", "TN", "7"),
            new OfficialCsv.ZipRow("82001", "WY", "AL"));
    assertThatThrownBy(() -> OfficialCsv.zccd(text("state_abbr,zcta,cd\nNY,1000,12\n")))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> OfficialCsv.zccd(text("state_abbr,zcta\nNY,10001\n")))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("cd");
  }

  @Test
  void openStatesRowsBecomeStateLegislators() throws IOException {
    List<OfficialRow> rows = OfficialCsv.openStates(fixture("openstates-all-legislators.csv"));
    assertThat(rows).hasSize(6);
    OfficialRow ward = rows.stream().filter(r -> r.state().equals("DC")).findFirst().orElseThrow();
    assertThat(ward.office()).isEqualTo("state-upper");
    assertThat(ward.title()).isEqualTo("Councilmember");
    assertThat(ward.district()).isEqualTo("Ward 1");
    List<OfficialCsv.StateDistrictRow> districts =
        OfficialCsv.openStatesDistricts(fixture("openstates-districts.csv"));
    assertThat(districts)
        .contains(
            new OfficialCsv.StateDistrictRow(
                "AZ", "lower", "8", "ocd-division/country:us/state:az/sldl:8", 2));
    assertThat(districts)
        .extracting(OfficialCsv.StateDistrictRow::chamber)
        .doesNotContain("legislature");
  }
}
