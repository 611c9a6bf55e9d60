package org.pathlight.donations;

/** Minor units to text a donor reads (4500 usd → "$45.00"), and the covering fee. */
final class Money {

  private Money() {}

  static String format(long minorUnits, String currency) {
    return org.pathlight.common.MoneyText.format(minorUnits, currency);
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
