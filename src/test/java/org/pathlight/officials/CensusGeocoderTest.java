package org.pathlight.officials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading the Census geocoder's answers: its layer names change with every vintage. */
class CensusGeocoderTest {

  private static String answer(String geographies) {
    return "{\"result\":{\"input\":{},\"addressMatches\":[{\"matchedAddress\":\"X\","
        + "\"geographies\":{"
        + geographies
        + "}}]}}";
  }

  @Test
  void readsTheHouseAndStateDistrictsWhateverTheVintage() {
    var place =
        CensusGeocoder.parse(
            answer(
                "\"118th Congressional Districts\":[{\"STATE\":\"36\",\"CD118\":\"12\"}],"
                    + "\"2022 State Legislative Districts - Upper\":[{\"SLDU\":\"047\","
                    + "\"BASENAME\":\"047\"}],"
                    + "\"2022 State Legislative Districts - Lower\":[{\"SLDL\":\"075\","
                    + "\"BASENAME\":\"75\"}]"));
    assertThat(place).contains(new CensusGeocoder.Place("NY", "12", "47", "75"));
  }

  @Test
  void atLargeSeatsDelegatesAndNamedDistricts() {
    assertThat(
            CensusGeocoder.parse(
                answer("\"119th Congressional Districts\":[{\"STATE\":\"56\",\"CD119\":\"00\"}]")))
        .contains(new CensusGeocoder.Place("WY", "AL", null, null));
    assertThat(
            CensusGeocoder.parse(
                answer("\"119th Congressional Districts\":[{\"STATE\":\"11\",\"CD119\":\"98\"}]")))
        .contains(new CensusGeocoder.Place("DC", "AL", null, null));
    assertThat(
            CensusGeocoder.parse(
                answer(
                    "\"119th Congressional Districts\":[{\"STATE\":\"33\",\"CD119\":\"02\"}],"
                        + "\"2024 State Legislative Districts - Lower\":[{\"BASENAME\":"
                        + "\"Hillsborough 12\"}],"
                        + "\"2024 State Legislative Districts - Upper\":[{\"BASENAME\":\"ZZZ\"}]")))
        .contains(new CensusGeocoder.Place("NH", "2", null, "Hillsborough 12"));
  }

  @Test
  void anythingUnexpectedIsNotLocated() {
    assertThat(CensusGeocoder.parse("not json")).isEmpty();
    assertThat(CensusGeocoder.parse("{}")).isEmpty();
    assertThat(CensusGeocoder.parse("{\"result\":{\"addressMatches\":[]}}")).isEmpty();
    assertThat(CensusGeocoder.parse(answer("\"States\":[{\"STATE\":\"36\"}]"))).isEmpty();
    assertThat(
            CensusGeocoder.parse(
                answer("\"119th Congressional Districts\":[{\"STATE\":\"99\",\"CD119\":\"01\"}]")))
        .isEmpty();
    assertThat(
            CensusGeocoder.parse(
                answer("\"119th Congressional Districts\":[{\"STATE\":\"36\",\"CD119\":\"ZZ\"}]")))
        .isEmpty();
    assertThat(
            CensusGeocoder.parse(
                answer("\"119th Congressional Districts\":{\"STATE\":\"36\",\"CD119\":\"12\"}")))
        .isEmpty();
  }
}
