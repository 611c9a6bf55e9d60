package org.pathlight.shifts;

import org.pathlight.common.Words;

/**
 * Whether a shift still happens. Spelled "canceled" in the API, as bookings and plans are; the
 * database keeps the value its check constraint has always had ({@code cancelled}).
 */
public enum ShiftStatus {
  OPEN("open"),
  CANCELED("cancelled");

  private final String stored;

  ShiftStatus(String stored) {
    this.stored = stored;
  }

  public String word() {
    return Words.of(this);
  }

  /** The {@code shift.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<ShiftStatus>
      implements jakarta.persistence.AttributeConverter<ShiftStatus, String> {
    public Column() {
      super(ShiftStatus.class, s -> s.stored);
    }
  }
}
