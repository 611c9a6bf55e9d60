package org.pathlight.volunteers;

import org.pathlight.common.Words;

/** A volunteer's background check as staff record it; stored and shown as the lower-case words. */
public enum BackgroundCheck {
  NONE,
  PENDING,
  CLEAR,
  FAILED;

  public String word() {
    return Words.of(this);
  }

  static BackgroundCheck of(String word) {
    return Words.parse(BackgroundCheck.class, BackgroundCheck::word, word).orElseThrow();
  }

  /** The {@code volunteer.background_status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<BackgroundCheck>
      implements jakarta.persistence.AttributeConverter<BackgroundCheck, String> {
    public Column() {
      super(BackgroundCheck.class);
    }
  }
}
