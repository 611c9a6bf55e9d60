package org.pathlight.shifts;

/** A booking as its volunteer sees it; {@code position} on the waitlist when waitlisted. */
public record BookingView(long id, long shiftId, String status, Long position) {
  static BookingView of(Booking b, Long position) {
    return new BookingView(b.id(), b.shiftId(), b.status().word(), position);
  }
}
