package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class YearEndStatementsTest {

  private static final ZoneId ZONE = ZoneId.of("America/Chicago");

  private static ZonedDateTime at(int month, int day, int hour) {
    return ZonedDateTime.of(2027, month, day, hour, 0, 0, 0, ZONE);
  }

  @Test
  void statementsAreDueFromNineOnTheStatementDayOfJanuaryOn() {
    assertThat(YearEndStatements.due(at(1, 15, 9), 15)).isTrue();
    assertThat(YearEndStatements.due(at(1, 31, 23), 15)).isTrue();
    assertThat(YearEndStatements.due(at(1, 15, 8), 15)).isFalse();
    assertThat(YearEndStatements.due(at(1, 14, 12), 15)).isFalse();
    assertThat(YearEndStatements.due(at(2, 1, 12), 15)).isFalse();
    assertThat(YearEndStatements.due(at(12, 31, 12), 15)).isFalse();
  }

  @Test
  void dayZeroTurnsTheJobOff() {
    assertThat(YearEndStatements.due(at(1, 20, 12), 0)).isFalse();
  }
}
