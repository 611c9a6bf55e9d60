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
        "select s from Shift s where s.status = 'open' and s.startsAt >= :from and s.startsAt < :to"
            + " order by s.startsAt, s.id")
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

  private String status;

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
    this.status = "open";
    this.createdAt = now;
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

  public String status() {
    return status;
  }
}
