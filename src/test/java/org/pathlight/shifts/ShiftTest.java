package org.pathlight.shifts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShiftTest {

  private final Instant start = Instant.parse("2026-12-10T18:00:00Z");
  private final Shift shift =
      new Shift(
          "safe-house-evening",
          start,
          start.plusSeconds(3 * 3600),
          4,
          "North side",
          "12 Hidden Lane",
          24,
          1,
          start.minusSeconds(86400 * 10));

  @Test
  void theAddressIsRevealedOnlyInsideTheWindow() {
    assertThat(shift.revealsAddressAt(start.minusSeconds(24 * 3600 + 1))).isFalse();
    assertThat(shift.revealsAddressAt(start.minusSeconds(24 * 3600))).isTrue();
    assertThat(shift.revealsAddressAt(start.plusSeconds(3600))).isTrue();
    assertThat(shift.revealsAddressAt(start.plusSeconds(3 * 3600))).isFalse();
  }

  @Test
  void shiftsOverlapWhenTheirTimesIntersect() {
    Shift later =
        new Shift(
            "x",
            start.plusSeconds(3 * 3600),
            start.plusSeconds(5 * 3600),
            1,
            "p",
            null,
            0,
            0,
            start);
    Shift during =
        new Shift(
            "x", start.plusSeconds(3600), start.plusSeconds(4 * 3600), 1, "p", null, 0, 0, start);
    assertThat(shift.overlaps(later)).isFalse();
    assertThat(shift.overlaps(during)).isTrue();
    assertThat(during.overlaps(shift)).isTrue();
  }
}
