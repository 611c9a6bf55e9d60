package org.pathlight.donations;

import org.pathlight.common.Words;

/** How a gift came in; the API and the database use the lower-case words ({@code in_kind}). */
public enum GiftSource {
  ONLINE,
  CHECK,
  CASH,
  /** A grant from a donor-advised fund: no benefit may go to the donor. */
  DAF,
  /** Goods or services, valued by the donor. */
  IN_KIND;

  public String word() {
    return Words.of(this);
  }

  static GiftSource of(String word) {
    return Words.parse(GiftSource.class, GiftSource::word, word)
        .orElseThrow(() -> new IllegalArgumentException("gift source " + word));
  }

  /** The {@code gift.source} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<GiftSource>
      implements jakarta.persistence.AttributeConverter<GiftSource, String> {
    public Column() {
      super(GiftSource.class);
    }
  }
}
