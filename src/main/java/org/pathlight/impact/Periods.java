package org.pathlight.impact;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pathlight.common.ProblemException;

/**
 * The only periods impact knows: calendar months ({@code 2026-09}) and quarters ({@code 2026-Q3}).
 * A day is never accepted: services are counted per month, so nothing can be matched with a date in
 * the news or in court.
 */
final class Periods {

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}.*");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

  private Periods() {}

  /** A calendar quarter. */
  record Quarter(int year, int number) implements Comparable<Quarter> {

    static Quarter of(YearMonth month) {
      return new Quarter(month.getYear(), (month.getMonthValue() - 1) / 3 + 1);
    }

    YearMonth first() {
      return YearMonth.of(year, number * 3 - 2);
    }

    YearMonth last() {
      return YearMonth.of(year, number * 3);
    }

    List<YearMonth> months() {
      return List.of(first(), first().plusMonths(1), last());
    }

    Quarter previous() {
      return of(first().minusMonths(1));
    }

    @Override
    public int compareTo(Quarter o) {
      return first().compareTo(o.first());
    }

    @Override
    public String toString() {
      return year + "-Q" + number;
    }
  }

  /** A month in text, or a 400 naming {@code field}; months after {@code latest} are refused. */
  static YearMonth month(String field, String text, YearMonth latest) {
    if (text == null || text.isBlank()) {
      throw ProblemException.invalid(field, "is missing: give a month like " + latest);
    }
    String t = text.strip();
    if (DAY.matcher(t).matches()) {
      throw ProblemException.invalid(
          field,
          "must be a month like " + latest + ", not a day: services are never counted by day");
    }
    Matcher m = MONTH.matcher(t);
    if (!m.matches()) {
      throw ProblemException.invalid(field, "is not a month like " + latest);
    }
    YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    if (month.getYear() < 2000) {
      throw ProblemException.invalid(field, "must be from 2000 on");
    }
    if (month.isAfter(latest)) {
      throw ProblemException.invalid(field, "is in the future: the latest month is " + latest);
    }
    return month;
  }

  /** A quarter in text ({@code 2026-Q3}), or a 400 naming {@code field}. */
  static Quarter quarter(String field, String text) {
    if (text == null || text.isBlank()) {
      throw ProblemException.invalid(field, "give a quarter like 2026-Q3");
    }
    Matcher m = QUARTER.matcher(text.strip());
    if (!m.matches() || Integer.parseInt(m.group(1)) < 2000) {
      throw ProblemException.invalid(field, "is not a quarter like 2026-Q3");
    }
    return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Every month from {@code from} to {@code to}, both included. */
  static List<YearMonth> months(YearMonth from, YearMonth to) {
    List<YearMonth> out = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      out.add(m);
    }
    return out;
  }
}
