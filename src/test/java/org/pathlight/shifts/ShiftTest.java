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

  private static String refusal(Shift.BookingDecision d) {
    return d instanceof Shift.BookingDecision.Refused r ? r.problem().type() : "seat";
  }

  @Test
  void theBookingDecisionFollowsTheRulesInOrder() {
    Instant before = start.minusSeconds(3600);
    java.util.List<String> none = java.util.List.of();
    // capacity 4: seats while under it, then the next waitlist place
    assertThat(shift.book(none, java.util.List.of(), 3, 0, before))
        .isEqualTo(new Shift.BookingDecision.Seat(true, null));
    assertThat(shift.book(none, java.util.List.of(), 4, 2, before))
        .isEqualTo(new Shift.BookingDecision.Seat(false, 3L));
    // started: closed, whatever else is true
    assertThat(
            refusal(shift.book(java.util.List.of("a training"), java.util.List.of(), 0, 0, start)))
        .isEqualTo("/problems/shift-closed");
    // not cleared comes before anything about other bookings, and lists the gaps
    Shift.BookingDecision gaps =
        shift.book(java.util.List.of("a background check"), java.util.List.of(shift), 0, 0, before);
    assertThat(refusal(gaps)).isEqualTo("/problems/not-cleared");
    assertThat(((Shift.BookingDecision.Refused) gaps).problem().status()).isEqualTo(403);
    assertThat(((Shift.BookingDecision.Refused) gaps).problem().detail())
        .isEqualTo("Before you can book: a background check.");
    Shift during =
        new Shift(
            "x", start.plusSeconds(3600), start.plusSeconds(4 * 3600), 1, "p", null, 0, 0, start);
    assertThat(refusal(shift.book(none, java.util.List.of(during), 0, 0, before)))
        .isEqualTo("/problems/overlapping-shift");
  }
}
