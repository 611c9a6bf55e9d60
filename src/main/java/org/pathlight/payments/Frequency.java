package org.pathlight.payments;

import java.util.Optional;
import org.pathlight.common.Words;

/**
 * How often a recurring gift is collected; the API, the database and Stripe prices use the words.
 */
public enum Frequency {
  MONTHLY("monthly"),
  QUARTERLY("quarterly"),
  ANNUALLY("annual");

  private final String adjective;

  Frequency(String adjective) {
    this.adjective = adjective;
  }

  /** {@code monthly}, {@code quarterly}, {@code annually}. */
  public String word() {
    return Words.of(this);
  }

  /** As a sentence says it: "your monthly gift", "your annual gift". */
  public String adjective() {
    return adjective;
  }

  /** What an amount given at this frequency comes to per month (rounded down). */
  public long perMonth(long amount) {
    return switch (this) {
      case MONTHLY -> amount;
      case QUARTERLY -> amount / 3;
      case ANNUALLY -> amount / 12;
    };
  }

  public static Optional<Frequency> of(String word) {
    return Words.parse(Frequency.class, Frequency::word, word);
  }

  /** The {@code recurring_plan.frequency} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<Frequency>
      implements jakarta.persistence.AttributeConverter<Frequency, String> {
    public Column() {
      super(Frequency.class);
    }
  }
}
