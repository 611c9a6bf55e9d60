package org.pathlight.shifts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WeeklyPatternTest {

  @Test
  void theLocalStartTimeSurvivesTheSpringForwardChange() {
    ZoneId chicago = ZoneId.of("America/Chicago");
    var start = OffsetDateTime.parse("2027-03-08T18:00:00-06:00").toInstant();
    var all = WeeklyPattern.occurrences(start, start.plus(Duration.ofHours(3)), chicago, 3);
    assertThat(all).hasSize(3);
    assertThat(all.get(1).startsAt())
        .isEqualTo(OffsetDateTime.parse("2027-03-15T18:00:00-05:00").toInstant());
    assertThat(all.get(1).startsAt().atZone(chicago).getHour()).isEqualTo(18);
    assertThat(Duration.between(all.get(0).startsAt(), all.get(1).startsAt()))
        .isEqualTo(Duration.ofHours(167));
    assertThat(Duration.between(all.get(2).startsAt(), all.get(2).endsAt()))
        .isEqualTo(Duration.ofHours(3));
  }
}
