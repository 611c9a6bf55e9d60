package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DatesTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @Test
  void aDateBoundIsTheStartOfThatDayInTheOrganisationsZone() {
    assertThat(Dates.bound("from", "2026-11-01", CHICAGO))
        .isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
    assertThat(Dates.bound("from", "2026-11-01T10:00:00Z", CHICAGO))
        .isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    assertThat(Dates.bound("from", " ", CHICAGO)).isNull();
  }

  @Test
  void whatDoesNotParseNamesItsField() {
    assertThatThrownBy(() -> Dates.date("receivedOn", "yesterday"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("receivedOn"));
    assertThatThrownBy(() -> Dates.instant("startsAt", "2026-12-01 18:00"))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Dates.date("birthDate", null)).isInstanceOf(ProblemException.class);
    assertThat(Dates.optionalDate("expiresOn", "")).isNull();
    assertThat(Dates.date("d", "2026-02-28")).isEqualTo(LocalDate.of(2026, 2, 28));
  }
}
