package org.pathlight.donations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
  EXPIRED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every word, for a query parameter's allowed values. */
  static Set<String> words() {
    return Arrays.stream(values()).map(GiftStatus::word).collect(Collectors.toUnmodifiableSet());
  }

  /** The {@code gift.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column implements jakarta.persistence.AttributeConverter<GiftStatus, String> {
    @Override
    public String convertToDatabaseColumn(GiftStatus s) {
      return s == null ? null : s.word();
    }

    @Override
    public GiftStatus convertToEntityAttribute(String v) {
      return v == null ? null : valueOf(v.toUpperCase(Locale.ROOT));
    }
  }
}
