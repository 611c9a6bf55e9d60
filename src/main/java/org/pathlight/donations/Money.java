package org.pathlight.donations;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Minor units to text a donor reads: 4500 usd → "$45.00". */
final class Money {

  private Money() {}

  static String format(long minorUnits, String currency) {
    Currency c = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
    format.setCurrency(c);
    format.setMinimumFractionDigits(c.getDefaultFractionDigits());
    format.setMaximumFractionDigits(c.getDefaultFractionDigits());
    return format.format(BigDecimal.valueOf(minorUnits, c.getDefaultFractionDigits()));
  }

  /**
   * The fee to add so that, after the processor takes {@code percentBasisPoints} of the total plus
   * {@code fixed}, the organisation receives {@code amount}: total = ⌈(amount + fixed) / (1 −
   * rate)⌉.
   */
  static long coveringFee(long amount, int percentBasisPoints, long fixed) {
    long denominator = 10_000L - percentBasisPoints;
    long total = Math.floorDiv((amount + fixed) * 10_000L + denominator - 1, denominator);
    return total - amount;
  }
}
