package org.pathlight.impact;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Collection;
import java.util.Locale;

/**
 * The one small-count rule every impact output calls: pages, API, CSV, PDF and email.
 *
 * <ul>
 *   <li>A count from 1 to threshold−1 is never shown as a number: it reads "fewer than 11". Zero is
 *       shown (it is nobody).
 *   <li>Complementary suppression: a figure made from several cells (a total, a subtotal, a unit
 *       cost's basis, a donor's share) is shown only if none of its cells is hidden; were it shown,
 *       subtracting the shown cells would give the hidden one back. Such a figure is hidden in
 *       turn, with the reason.
 * </ul>
 *
 * The public figures are quarters only, so a hidden quarter cannot be recovered from months either:
 * months never leave the staff pages.
 */
final class Suppression {

  /** A count as it may be shown: {@code count} is null when hidden. */
  public record Shown(Long count, String display) {
    public boolean hidden() {
      return count == null;
    }
  }

  private final int threshold;

  public Suppression(int threshold) {
    if (threshold < 2) {
      throw new IllegalArgumentException("the threshold must be at least 2");
    }
    this.threshold = threshold;
  }

  public int threshold() {
    return threshold;
  }

  /** The words a hidden count reads as. */
  public String fewer() {
    return "fewer than " + threshold;
  }

  /** Whether a count of services must not be shown as a number. */
  public boolean hides(long count) {
    return count > 0 && count < threshold;
  }

  /** A count of services, as it may be shown. */
  public Shown count(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("a count of services is never negative");
    }
    return hides(count) ? new Shown(null, fewer()) : new Shown(count, number(count));
  }

  /**
   * A figure summed from {@code cells}: hidden if any cell is hidden (it would give that cell
   * back), else shown by the count rule.
   */
  public Shown total(long value, Collection<Long> cells) {
    if (cells.stream().anyMatch(this::hides)) {
      return new Shown(null, "not shown: it includes a count " + fewer());
    }
    return count(value);
  }

  /**
   * A part of a count (what a donor's gifts helped fund), rounded down to whole units: a part below
   * the threshold, however small, reads "fewer than 11"; a part of a hidden {@code whole} is hidden
   * too, and reads "some" ("some outreach visits").
   */
  public Shown share(BigDecimal units, Collection<Long> wholeCells) {
    if (units.signum() <= 0) {
      return new Shown(0L, "0");
    }
    if (wholeCells.stream().anyMatch(this::hides)) {
      return new Shown(null, "some");
    }
    long whole = units.setScale(0, RoundingMode.DOWN).longValueExact();
    return whole < threshold ? new Shown(null, fewer()) : new Shown(whole, number(whole));
  }

  private static String number(long n) {
    return NumberFormat.getIntegerInstance(Locale.US).format(n);
  }
}
