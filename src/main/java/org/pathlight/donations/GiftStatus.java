package org.pathlight.donations;

import java.util.Set;
import org.pathlight.common.Words;

/**
 * What a gift's facts add up to ({@link Gift#derive}); the database and the API use the lower-case
 * words ({@code partially_refunded}, {@code dispute_lost}).
 */
public enum GiftStatus {
  PENDING,
  SUCCEEDED,
  FAILED,
  REFUNDED,
  PARTIALLY_REFUNDED,
  DISPUTED,
  DISPUTE_LOST,
  EXPIRED,
  /** An offline gift staff voided: entered in error. */
  VOIDED,
  /** A check the bank returned unpaid. */
  BOUNCED;

  public String word() {
    return Words.of(this);
  }

  /** Every word, for a query parameter's allowed values. */
  static Set<String> words() {
    return Words.all(GiftStatus.class, GiftStatus::word);
  }

  /** The {@code gift.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<GiftStatus>
      implements jakarta.persistence.AttributeConverter<GiftStatus, String> {
    public Column() {
      super(GiftStatus.class);
    }
  }
}
