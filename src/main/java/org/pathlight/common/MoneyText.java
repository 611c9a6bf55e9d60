package org.pathlight.common;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Minor units as people read them, in the currency's own number of decimals ({@link
 * Currency#getDefaultFractionDigits()}: 2 for usd, 0 for jpy, 3 for kwd). The one place that turns
 * minor units into decimals: pages, emails, PDFs and CSV all go through here.
 */
public final class MoneyText {

  private MoneyText() {}

  /** The ISO currency for a lowercase code, if the code names one. */
  public static Optional<Currency> currency(String code) {
    if (code == null || !code.matches("[a-z]{3}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Currency.getInstance(code.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  /** Decimals of the currency's minor unit (2 when the code names no currency). */
  public static int digits(String code) {
    return currency(code).map(Currency::getDefaultFractionDigits).filter(d -> d >= 0).orElse(2);
  }

  /** 4500 usd → "$45.00"; 4500 jpy → "¥4,500"; an unknown code → "4,500.00 XYZ" (never throws). */
  public static String format(long minorUnits, String code) {
    return format(minorUnits, code, digits(code));
  }

  /**
   * As people write an amount in a label: a whole amount without its zero decimals (4500 usd →
   * "$45"), any other with them (4550 usd → "$45.50").
   */
  public static String whole(long minorUnits, String code) {
    int digits = digits(code);
    boolean whole = minorUnits % BigDecimal.TEN.pow(digits).longValueExact() == 0;
    return format(minorUnits, code, whole ? 0 : digits);
  }

  private static String format(long minorUnits, String code, int shown) {
    int digits = digits(code);
    BigDecimal value = BigDecimal.valueOf(minorUnits, digits);
    Optional<Currency> currency = currency(code);
    if (currency.isEmpty()) {
      NumberFormat plain = NumberFormat.getNumberInstance(Locale.US);
      plain.setMinimumFractionDigits(shown);
      plain.setMaximumFractionDigits(shown);
      return plain.format(value) + " " + String.valueOf(code).toUpperCase(Locale.ROOT);
    }
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
    format.setCurrency(currency.get());
    format.setMinimumFractionDigits(shown);
    format.setMaximumFractionDigits(shown);
    return format.format(value);
  }

  /** 4500 usd → "45.00", 4500 jpy → "4500": a plain decimal for CSV cells. */
  public static String decimal(long minorUnits, String code) {
    return BigDecimal.valueOf(minorUnits, digits(code)).toPlainString();
  }
}
