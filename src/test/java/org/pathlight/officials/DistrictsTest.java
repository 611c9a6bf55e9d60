package org.pathlight.officials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pathlight.common.ProblemException;

class DistrictsTest {

  @Test
  void seatsAreReadInTheFormsPeopleType() {
    assertThat(Districts.parse("NY-12")).isEqualTo(new Districts.Seat("NY", "12"));
    assertThat(Districts.parse(" ny-012 ")).isEqualTo(new Districts.Seat("NY", "12"));
    assertThat(Districts.parse("WY-AL")).isEqualTo(new Districts.Seat("WY", "AL"));
    assertThat(Districts.parse("WY-0")).isEqualTo(new Districts.Seat("WY", "AL"));
    assertThat(Districts.parse("wy-at-large")).isEqualTo(new Districts.Seat("WY", "AL"));
    assertThat(Districts.parse("NY12")).isNull();
    assertThat(Districts.parse("NY-100")).isNull();
    assertThat(Districts.parse("New York-12")).isNull();
  }

  @Test
  void divisionsFollowOpenCivicData() {
    assertThat(Districts.houseDivision("NY", "12"))
        .isEqualTo("ocd-division/country:us/state:ny/cd:12");
    assertThat(Districts.houseDivision("WY", "AL"))
        .isEqualTo("ocd-division/country:us/state:wy/cd:at-large");
    assertThat(Districts.houseDivision("DC", "AL"))
        .isEqualTo("ocd-division/country:us/district:dc/cd:at-large");
    assertThat(Districts.houseDivision("PR", "AL"))
        .isEqualTo("ocd-division/country:us/territory:pr/cd:at-large");
  }

  @Test
  void titlesNameTheSeat() {
    assertThat(Districts.houseTitle("NY")).isEqualTo("Representative");
    assertThat(Districts.houseTitle("DC")).isEqualTo("Delegate");
    assertThat(Districts.houseTitle("PR")).isEqualTo("Resident Commissioner");
    assertThat(Districts.stateTitle("CA", "state-lower")).isEqualTo("Assembly Member");
    assertThat(Districts.stateTitle("VA", "state-lower")).isEqualTo("Delegate");
    assertThat(Districts.stateTitle("TX", "state-lower")).isEqualTo("State Representative");
    assertThat(Districts.stateTitle("NE", "state-upper")).isEqualTo("State Senator");
    assertThat(Districts.stateTitle("DC", "state-upper")).isEqualTo("Councilmember");
  }

  @Test
  void zipPlusFourKeepsTheFirstFiveDigits() {
    assertThat(Officials.zip5("12345-6789")).isEqualTo("12345");
    assertThat(Officials.zip5(" 02134 ")).isEqualTo("02134");
    assertThatThrownBy(() -> Officials.zip5("1234")).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Officials.zip5("123456")).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Officials.zip5(null)).isInstanceOf(ProblemException.class);
  }
}
