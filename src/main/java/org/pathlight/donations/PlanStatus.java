package org.pathlight.donations;

import java.util.Locale;
import java.util.Set;
import org.pathlight.common.Words;

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
    return Words.of(this);
  }

  /** Every word, for a query parameter's allowed values. */
  static Set<String> words() {
    return Words.all(PlanStatus.class, PlanStatus::word);
  }

  static PlanStatus of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }

  /** The {@code recurring_plan.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<PlanStatus>
      implements jakarta.persistence.AttributeConverter<PlanStatus, String> {
    public Column() {
      super(PlanStatus.class);
    }
  }
}
