package org.pathlight.shifts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A volunteer's seat on a shift: confirmed, waitlisted (in booking order) or canceled. */
@Entity
@Table(name = "booking")
@NamedQuery(
    name = "Booking.liveForShift",
    query =
        "select b from Booking b where b.shiftId = :shiftId and b.status <> org.pathlight.shifts.BookingStatus.CANCELED"
            + " order by b.id")
@NamedQuery(
    name = "Booking.liveForVolunteer",
    query =
        "select b from Booking b where b.volunteerId = :volunteerId and b.status <> org.pathlight.shifts.BookingStatus.CANCELED"
            + " order by b.id")
@NamedQuery(
    name = "Booking.allForVolunteer",
    query = "select b from Booking b where b.volunteerId = :volunteerId order by b.id")
public class Booking {

  @Id
  @SequenceGenerator(name = "booking_seq", sequenceName = "booking_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "booking_seq")
  private Long id;

  @Column(name = "shift_id")
  private long shiftId;

  @Column(name = "volunteer_id")
  private long volunteerId;

  @jakarta.persistence.Convert(converter = BookingStatus.Column.class)
  private BookingStatus status;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "cancelled_at")
  private Instant cancelledAt;

  @Column(name = "clearance_lapsed_at")
  private Instant clearanceLapsedAt;

  @Column(name = "clearance_gaps")
  private String clearanceGaps;

  private Boolean attended;
  private Integer minutes;

  @Column(name = "checked_in_by")
  private String checkedInBy;

  /** Raised on every change (the calendar feed's SEQUENCE). */
  private int sequence;

  protected Booking() {}

  Booking(long shiftId, long volunteerId, boolean confirmed, Instant now) {
    this.shiftId = shiftId;
    this.volunteerId = volunteerId;
    this.status = confirmed ? BookingStatus.CONFIRMED : BookingStatus.WAITLISTED;
    this.createdAt = now;
  }

  void cancel(Instant now) {
    status = BookingStatus.CANCELED;
    cancelledAt = now;
    sequence++;
  }

  void checkIn(boolean came, int minutesServed, String actor) {
    attended = came;
    minutes = came ? minutesServed : 0;
    checkedInBy = actor;
  }

  public Boolean attended() {
    return attended;
  }

  public Integer minutes() {
    return minutes;
  }

  /** Back on the waitlist: the shift has fewer seats now. */
  void demote() {
    status = BookingStatus.WAITLISTED;
    sequence++;
  }

  /** The shift changed: calendars update the event. */
  void touch() {
    sequence++;
  }

  void promote() {
    status = BookingStatus.CONFIRMED;
    sequence++;
  }

  public String clearanceGaps() {
    return clearanceGaps;
  }

  public Long id() {
    return id;
  }

  public long shiftId() {
    return shiftId;
  }

  public long volunteerId() {
    return volunteerId;
  }

  public BookingStatus status() {
    return status;
  }

  public boolean confirmed() {
    return status == BookingStatus.CONFIRMED;
  }

  public boolean waitlisted() {
    return status == BookingStatus.WAITLISTED;
  }

  public boolean canceled() {
    return status == BookingStatus.CANCELED;
  }

  public java.time.Instant createdAt() {
    return createdAt;
  }

  public int sequence() {
    return sequence;
  }
}
