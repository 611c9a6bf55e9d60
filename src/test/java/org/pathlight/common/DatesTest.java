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
    assertThatThrownBy(() -> Dates.instant("startsAt", "2026-12-01 18:00", CHICAGO))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> Dates.date("birthDate", null)).isInstanceOf(ProblemException.class);
    assertThat(Dates.optionalDate("expiresOn", "")).isNull();
    assertThat(Dates.date("d", "2026-02-28")).isEqualTo(LocalDate.of(2026, 2, 28));
  }

  @Test
  void aLocalDateTimeIsReadInTheOrganisationsZoneAcrossDaylightSaving() {
    // winter (CST, -6) and summer (CDT, -5)
    assertThat(Dates.instant("startsAt", "2026-12-01T18:00", CHICAGO))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    assertThat(Dates.instant("startsAt", "2026-07-01T18:00", CHICAGO))
        .isEqualTo(Instant.parse("2026-07-01T23:00:00Z"));
    // 02:30 does not exist on 8 March 2026: it moves forward by the gap
    assertThat(Dates.instant("startsAt", "2026-03-08T02:30", CHICAGO))
        .isEqualTo(Instant.parse("2026-03-08T08:30:00Z"));
    // 01:30 happens twice on 1 November 2026: the first one (CDT)
    assertThat(Dates.instant("startsAt", "2026-11-01T01:30", CHICAGO))
        .isEqualTo(Instant.parse("2026-11-01T06:30:00Z"));
    // an offset wins over the zone
    assertThat(Dates.instant("startsAt", "2026-12-01T18:00:00Z", CHICAGO))
        .isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
    assertThatThrownBy(() -> Dates.instant("startsAt", "tomorrow evening", CHICAGO))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.problem().errors().get(0).field()).isEqualTo("startsAt"));
  }
}
