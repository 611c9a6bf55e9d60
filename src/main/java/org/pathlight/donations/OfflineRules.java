package org.pathlight.donations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.pathlight.common.MoneyText;
import org.pathlight.common.Problem;

/**
 * What an offline gift (check, cash, donor-advised fund grant, gift in kind) must be before it is
 * receipted: a currency the organisation accepts, a received date neither in the future nor before
 * the floor (January 1, {@code maxAgeYears} years back, organisation time), an amount from 1 to the
 * maximum (0 for a gift in kind, which we never value), and a benefit no larger than the gift; a
 * donor-advised fund grant can carry no benefit to the donor at all.
 */
final class OfflineRules {

  private OfflineRules() {}

  /** The organisation's settings the rules apply. */
  record Limits(List<String> currencies, long maxAmount, int maxAgeYears) {}

  /** Every field that breaks a rule, with what to do about it; empty when the gift is fine. */
  static List<Problem.FieldError> check(
      GiftSource source,
      long amount,
      String currency,
      LocalDate receivedOn,
      long benefitValue,
      String inKindDescription,
      LocalDate today,
      Limits limits) {
    List<Problem.FieldError> errors = new ArrayList<>();
    boolean inKind = source == GiftSource.IN_KIND;
    boolean knownCurrency = limits.currencies().contains(currency);
    if (!knownCurrency) {
      errors.add(
          new Problem.FieldError(
              "currency", "we accept " + String.join(", ", limits.currencies())));
    }
    if (inKind) {
      if (inKindDescription == null || inKindDescription.isBlank()) {
        errors.add(new Problem.FieldError("inKindDescription", "describe what was given"));
      }
      if (amount != 0) {
        errors.add(
            new Problem.FieldError("amount", "must be 0 for a gift in kind: the donor values it"));
      }
      if (benefitValue != 0) {
        errors.add(new Problem.FieldError("benefitValue", "must be 0 for a gift in kind"));
      }
    } else if (amount < 1 || amount > limits.maxAmount()) {
      String max =
          limits.maxAmount()
              + " minor units"
              + (knownCurrency ? " (" + MoneyText.format(limits.maxAmount(), currency) + ")" : "");
      errors.add(new Problem.FieldError("amount", "must be from 1 to " + max));
    }
    if (source == GiftSource.DAF && benefitValue != 0) {
      errors.add(
          new Problem.FieldError(
              "benefitValue",
              "must be 0: a donor-advised fund grant cannot carry any benefit to the donor"));
    } else if (!inKind && benefitValue > amount) {
      errors.add(new Problem.FieldError("benefitValue", "cannot be more than the amount"));
    }
    if (receivedOn != null) {
      LocalDate floor = floor(today, limits.maxAgeYears());
      if (receivedOn.isAfter(today)) {
        errors.add(new Problem.FieldError("receivedOn", "cannot be in the future"));
      } else if (receivedOn.isBefore(floor)) {
        errors.add(
            new Problem.FieldError("receivedOn", "cannot be before " + floor + " (too old)"));
      }
    }
    return errors;
  }

  /** The earliest received date accepted: January 1, {@code years} years before this year. */
  static LocalDate floor(LocalDate today, int years) {
    return LocalDate.of(today.getYear() - years, 1, 1);
  }
}
