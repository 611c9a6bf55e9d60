package org.pathlight.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Dates and times from requests, with a 400 naming the field when they do not parse. */
public final class Dates {

  private Dates() {}

  /** A required calendar date, {@code YYYY-MM-DD}. */
  public static LocalDate date(String field, String value) {
    LocalDate d;
    try {
      d = LocalDate.parse(value == null ? "" : value.trim());
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "use a date in the form YYYY-MM-DD");
    }
    if (d.getYear() < 1900 || d.getYear() > 9999) {
      throw ProblemException.invalid(field, "use a date between 1900 and 9999");
    }
    return d;
  }

  /** An optional calendar date: blank is null. */
  public static LocalDate optionalDate(String field, String value) {
    return value == null || value.isBlank() ? null : date(field, value);
  }

  /**
   * A required moment: ISO-8601 with an offset, or a local date-time ({@code 2026-12-01T18:00})
   * read in {@code zone}, the organisation's. A local time that falls in a DST gap moves forward by
   * the gap; one that occurs twice (autumn) is the earlier of the two.
   */
  public static Instant instant(String field, String value, ZoneId zone) {
    String v = value == null ? "" : value.trim();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return java.time.LocalDateTime.parse(v).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw ProblemException.invalid(
            field,
            "use ISO-8601 with an offset (2026-12-01T18:00:00-06:00) or a local date-time in the"
                + " organisation's time zone (2026-12-01T18:00)");
      }
    }
  }

  /**
   * An optional range bound: a date means the start of that day in {@code zone} (the
   * organisation's), anything else a moment with an offset; blank is null.
   */
  public static Instant bound(String field, String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return value.trim().length() == 10
          ? LocalDate.parse(value.trim()).atStartOfDay(zone).toInstant()
          : OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "use a date (YYYY-MM-DD) or ISO-8601 with an offset");
    }
  }
}
