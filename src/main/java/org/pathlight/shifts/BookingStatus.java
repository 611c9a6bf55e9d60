package org.pathlight.shifts;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

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
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code booking.status} column's values. */
  @Converter(autoApply = true)
  public static class Column implements AttributeConverter<BookingStatus, String> {
    @Override
    public String convertToDatabaseColumn(BookingStatus status) {
      return status == null ? null : status.stored;
    }

    @Override
    public BookingStatus convertToEntityAttribute(String value) {
      if (value == null) {
        return null;
      }
      for (BookingStatus s : values()) {
        if (s.stored.equals(value)) {
          return s;
        }
      }
      throw new IllegalStateException("booking status " + value);
    }
  }
}
