package org.pathlight.shifts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A weekly pattern: the same local start time and length every week in the organisation's time
 * zone, so a 6 pm shift stays at 6 pm across daylight-saving changes.
 */
final class WeeklyPattern {

  /** One generated occurrence. */
  record Occurrence(Instant startsAt, Instant endsAt) {}

  private WeeklyPattern() {}

  static List<Occurrence> occurrences(Instant start, Instant end, ZoneId zone, int weeks) {
    ZonedDateTime localStart = start.atZone(zone);
    Duration length = Duration.between(start, end);
    List<Occurrence> all = new ArrayList<>();
    for (int week = 0; week < weeks; week++) {
      ZonedDateTime s = localStart.plusWeeks(week);
      all.add(new Occurrence(s.toInstant(), s.toInstant().plus(length)));
    }
    return all;
  }
}
