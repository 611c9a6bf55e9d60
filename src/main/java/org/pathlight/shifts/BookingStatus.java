package org.pathlight.shifts;

import jakarta.persistence.Converter;
import org.pathlight.common.Words;

/**
 * Where a booking stands. The API spells each one as {@link #word()} ("canceled", as plans and
 * Stripe do); the database keeps the values it always had ({@code cancelled}).
 */
public enum BookingStatus {
  CONFIRMED("confirmed"),
  WAITLISTED("waitlisted"),
  CANCELED("cancelled");

  private final String stored;

  BookingStatus(String stored) {
    this.stored = stored;
  }

  /** The word in the API and on pages. */
  public String word() {
    return Words.of(this);
  }

  /** The {@code booking.status} column's values. */
  @Converter(autoApply = true)
  public static class Column extends Words.Column<BookingStatus>
      implements jakarta.persistence.AttributeConverter<BookingStatus, String> {
    public Column() {
      super(BookingStatus.class, s -> s.stored);
    }
  }
}
