package org.pathlight.shifts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * A time slot of a role with a number of seats. Its private address (a safe house, say) is shown
 * only to confirmed, cleared volunteers of the shift, and only inside the reveal window.
 */
@Entity
@Table(name = "shift")
@NamedQuery(
    name = "Shift.between",
    query =
        "select s from Shift s where s.status = :open and s.startsAt >= :from and s.startsAt < :to"
            + " order by s.startsAt, s.id")
@NamedQuery(
    name = "Shift.listing",
    query =
        "select s, r, (select count(b) from Booking b where b.shiftId = s.id and b.status ="
            + " :confirmed) from Shift s, Role r where r.code = s.roleCode and s.status = :open"
            + " and s.startsAt >= :from and s.startsAt < :to order by s.startsAt, s.id")
public class Shift {

  @Id
  @SequenceGenerator(name = "shift_seq", sequenceName = "shift_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shift_seq")
  private Long id;

  @Column(name = "role_code")
  private String roleCode;

  @Column(name = "starts_at")
  private Instant startsAt;

  @Column(name = "ends_at")
  private Instant endsAt;

  private int capacity;

  @Column(name = "public_location")
  private String publicLocation;

  private String address;

  @Column(name = "reveal_hours_before")
  private int revealHoursBefore;

  @Column(name = "min_staff")
  private int minStaff;

  @jakarta.persistence.Convert(converter = ShiftStatus.Column.class)
  private ShiftStatus status;

  @Column(name = "created_at")
  private Instant createdAt;

  @Version private long version;

  protected Shift() {}

  Shift(
      String roleCode,
      Instant startsAt,
      Instant endsAt,
      int capacity,
      String publicLocation,
      String address,
      int revealHoursBefore,
      int minStaff,
      Instant now) {
    this.roleCode = roleCode;
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.capacity = capacity;
    this.publicLocation = publicLocation;
    this.address = address;
    this.revealHoursBefore = revealHoursBefore;
    this.minStaff = minStaff;
    this.status = ShiftStatus.OPEN;
    this.createdAt = now;
  }

  /** Cancelled by staff: nobody can book it, and every booking on it ends. */
  void cancel() {
    status = ShiftStatus.CANCELED;
  }

  /** What staff change on a shift; a null member stays as it is. */
  record Change(
      Instant startsAt,
      Instant endsAt,
      Integer capacity,
      String publicLocation,
      String address,
      Integer revealHoursBefore,
      Integer minStaff) {}

  /** Applies a change; true when the time or the meeting point moved (volunteers are told). */
  boolean apply(Change c) {
    boolean moved =
        (c.startsAt() != null && !c.startsAt().equals(startsAt))
            || (c.endsAt() != null && !c.endsAt().equals(endsAt))
            || (c.publicLocation() != null && !c.publicLocation().equals(publicLocation));
    if (c.startsAt() != null) {
      startsAt = c.startsAt();
    }
    if (c.endsAt() != null) {
      endsAt = c.endsAt();
    }
    if (c.capacity() != null) {
      capacity = c.capacity();
    }
    if (c.publicLocation() != null) {
      publicLocation = c.publicLocation();
    }
    if (c.address() != null) {
      address = c.address().isBlank() ? null : c.address();
    }
    if (c.revealHoursBefore() != null) {
      revealHoursBefore = c.revealHoursBefore();
    }
    if (c.minStaff() != null) {
      minStaff = c.minStaff();
    }
    return moved;
  }

  /** Inside the reveal window: from {@code revealHoursBefore} before the start to the end. */
  boolean revealsAddressAt(Instant now) {
    return !now.isBefore(startsAt.minus(Duration.ofHours(revealHoursBefore)))
        && now.isBefore(endsAt);
  }

  /** Attendance is a fact once the shift has begun; before, nobody has come or not come yet. */
  boolean hasStarted(Instant now) {
    return !now.isBefore(startsAt);
  }

  /**
   * What a volunteer's request for a seat comes to: a seat (confirmed, or waitlisted at a
   * position), or a refusal with the problem to answer.
   */
  sealed interface BookingDecision {
    record Seat(boolean confirmed, Long position) implements BookingDecision {}

    record Refused(org.pathlight.common.Problem problem) implements BookingDecision {}
  }

  /**
   * The booking rules, in the order a volunteer needs to hear them: the shift must be open and not
   * started; the volunteer cleared for its role on its day ({@code gaps} lists what is missing);
   * not booked on it already ({@code bookedShiftIds}), nor on an open shift overlapping it ({@code
   * alreadyBooked}); then a seat while {@code confirmed} is under capacity, else the next waitlist
   * place after {@code waitlisted}.
   */
  BookingDecision book(
      java.util.List<String> gaps,
      java.util.Collection<Shift> alreadyBooked,
      long confirmed,
      long waitlisted,
      Instant now) {
    if (status != ShiftStatus.OPEN || !startsAt.isAfter(now)) {
      return conflict("shift-closed", "This shift is closed for booking.");
    }
    if (!gaps.isEmpty()) {
      return new BookingDecision.Refused(
          org.pathlight.common.Problem.of(
                  403,
                  "not-cleared",
                  "Not cleared for this role",
                  "Before you can book: " + String.join("; ", gaps) + ".")
              .with("gaps", gaps));
    }
    if (alreadyBooked.stream().anyMatch(s -> id != null && id.equals(s.id))) {
      return conflict("already-booked", "You are already booked on this shift.");
    }
    if (alreadyBooked.stream().anyMatch(s -> s.status == ShiftStatus.OPEN && s.overlaps(this))) {
      return conflict("overlapping-shift", "You are booked on another shift at that time.");
    }
    return confirmed < capacity
        ? new BookingDecision.Seat(true, null)
        : new BookingDecision.Seat(false, waitlisted + 1);
  }

  private static BookingDecision conflict(String slug, String detail) {
    return new BookingDecision.Refused(
        org.pathlight.common.ProblemException.conflict(slug, detail).problem());
  }

  boolean overlaps(Shift other) {
    return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
  }

  public Long id() {
    return id;
  }

  public String roleCode() {
    return roleCode;
  }

  public Instant startsAt() {
    return startsAt;
  }

  public Instant endsAt() {
    return endsAt;
  }

  public int capacity() {
    return capacity;
  }

  public String publicLocation() {
    return publicLocation;
  }

  String address() {
    return address;
  }

  public int revealHoursBefore() {
    return revealHoursBefore;
  }

  public int minStaff() {
    return minStaff;
  }

  public ShiftStatus status() {
    return status;
  }
}
