package org.pathlight.donations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.pathlight.common.MoneyText;

/**
 * What an ask amount bound to a service type shows: its own amount and label, or, when it follows
 * the cost, the units' published cost rounded as staff chose, with a label that says so. Either way
 * staff see its drift from the real cost, and a written label more than 10% off is flagged.
 */
final class AskPrices {

  /** How far a written label may be from the real cost before staff are warned. */
  static final BigDecimal TOLERANCE = new BigDecimal("0.10");

  private AskPrices() {}

  /** An ask as donors see it, and (for bound asks) the check staff see. */
  record Priced(long amount, String label, Funds.Check check) {}

  static Priced price(Fund.Ask ask, ServiceCosts.Service service) {
    if (ask.serviceType() == null) {
      return new Priced(ask.amount(), ask.label(), null);
    }
    if (service == null || !service.priced()) {
      return unchecked(
          ask, "No unit cost is published yet, so the amount and label stay as written.");
    }
    if (!service.currency().equals(ask.currency())) {
      return unchecked(
          ask,
          "The unit cost is in "
              + service.currency().toUpperCase(Locale.ROOT)
              + " and this amount is in "
              + ask.currency().toUpperCase(Locale.ROOT)
              + ", so it cannot follow or be checked.");
    }
    long real = service.unitCost() * ask.units();
    String words = words(ask.units(), service);
    long amount = ask.followsCost() ? rounded(real, ask.roundTo()) : ask.amount();
    String label =
        ask.followsCost() ? MoneyText.whole(amount, ask.currency()) + " — " + words : ask.label();
    BigDecimal drift =
        BigDecimal.valueOf(amount - real).divide(BigDecimal.valueOf(real), 4, RoundingMode.HALF_UP);
    boolean warning = !ask.followsCost() && drift.abs().compareTo(TOLERANCE) > 0;
    String realText = MoneyText.format(real, ask.currency());
    String costs = ask.units() == 1 ? " costs " : " cost ";
    String note =
        ask.followsCost()
            ? "Follows the unit cost: " + words + costs + realText + ". " + service.basis()
            : (warning ? "More than 10% off: " : "Within 10%: ")
                + words
                + costs
                + realText
                + ", and this amount is "
                + MoneyText.format(ask.amount(), ask.currency())
                + ". "
                + service.basis();
    return new Priced(
        amount,
        label,
        new Funds.Check(
            real, percent(drift), warning, note, ask.amount(), ask.label(), service.basis()));
  }

  private static Priced unchecked(Fund.Ask ask, String note) {
    return new Priced(
        ask.amount(),
        ask.label(),
        new Funds.Check(null, null, false, note, ask.amount(), ask.label(), null));
  }

  /** The cost rounded half up to a multiple of {@code step}, never below one step. */
  static long rounded(long cost, long step) {
    long steps =
        BigDecimal.valueOf(cost)
            .divide(BigDecimal.valueOf(step), 0, RoundingMode.HALF_UP)
            .longValueExact();
    return Math.max(1, steps) * step;
  }

  /** "one night of safe housing", "7 nights of safe housing". */
  static String words(int units, ServiceCosts.Service service) {
    return units == 1 ? "one " + service.unit() : units + " " + service.unitPlural();
  }

  /** A drift as a whole percent: 0.1049 → 10, −0.034 → −3. */
  private static Integer percent(BigDecimal drift) {
    return drift.movePointRight(2).setScale(0, RoundingMode.HALF_UP).intValueExact();
  }
}
