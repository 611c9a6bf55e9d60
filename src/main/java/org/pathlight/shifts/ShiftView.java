package org.pathlight.shifts;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A shift as a volunteer or visitor sees it. {@code address} is present only for a confirmed,
 * cleared volunteer of the shift inside the reveal window.
 */
public record ShiftView(
    long id,
    String roleCode,
    String roleName,
    boolean survivorFacing,
    OffsetDateTime startsAt,
    OffsetDateTime endsAt,
    int capacity,
    long seatsLeft,
    String publicLocation,
    String address,
    BookingView myBooking,
    Staffing staffing) {

  /**
   * What staff see besides: seats taken, waitlist, the minimum staffing and whether confirmed
   * volunteers fall short of it.
   */
  public record Staffing(
      long confirmed, long waitlisted, int minStaff, boolean understaffed, String status) {}

  static ShiftView of(
      Shift s, Role role, long seatsLeft, String address, BookingView mine, ZoneId zone) {
    return of(s, role, seatsLeft, address, mine, zone, null);
  }

  static ShiftView of(
      Shift s,
      Role role,
      long seatsLeft,
      String address,
      BookingView mine,
      ZoneId zone,
      Staffing staffing) {
    return new ShiftView(
        s.id(),
        s.roleCode(),
        role.name(),
        role.survivorFacing(),
        s.startsAt().atZone(zone).toOffsetDateTime(),
        s.endsAt().atZone(zone).toOffsetDateTime(),
        s.capacity(),
        seatsLeft,
        s.publicLocation(),
        address,
        mine,
        staffing);
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a z", Locale.US);

  static String when(Shift s, ZoneId zone) {
    return WHEN.format(s.startsAt().atZone(zone));
  }
}
