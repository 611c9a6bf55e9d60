package org.pathlight.donations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a recurring gift stands; the database and the API use the lower-case words. */
public enum PlanStatus {
  /** Its checkout is not completed yet (never shown to the donor). */
  PENDING,
  ACTIVE,
  /** The newest instalment failed and is being retried. */
  FAILING,
  PAUSED,
  /** The processor gave up collecting. */
  LAPSED,
  CANCELED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every word, for a query parameter's allowed values. */
  static Set<String> words() {
    return Arrays.stream(values()).map(PlanStatus::word).collect(Collectors.toUnmodifiableSet());
  }

  static PlanStatus of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }

  /** The {@code recurring_plan.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column implements jakarta.persistence.AttributeConverter<PlanStatus, String> {
    @Override
    public String convertToDatabaseColumn(PlanStatus s) {
      return s == null ? null : s.word();
    }

    @Override
    public PlanStatus convertToEntityAttribute(String v) {
      return v == null ? null : of(v);
    }
  }
}
