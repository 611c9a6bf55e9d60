package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;
import org.pathlight.volunteers.Clearance;
import org.pathlight.volunteers.Volunteer;
import org.pathlight.volunteers.Volunteers;

/**
 * Roles, shifts and bookings. Seats are counted under a row lock on the shift, and a volunteer's
 * bookings under a row lock on the volunteer, so any number of concurrent requests give exactly the
 * capacity in confirmed seats, the rest waitlisted in order, and no volunteer in two overlapping
 * shifts.
 */
@ApplicationScoped
public class Shifts {

  @PersistenceContext EntityManager em;
  @Inject Volunteers volunteers;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Transactional
  public Role createRole(Role role, String actor, String ip) {
    if (role(role.code()).isPresent()) {
      throw ProblemException.conflict(
          "role-exists", "A role with code " + role.code() + " exists.");
    }
    em.persist(role);
    em.flush();
    audit.record(actor, "role.created", "volunteer_role", role.code(), null, RoleView.of(role), ip);
    return role;
  }

  /** Adds shifts (one, or a weekly series) all or none, each in the audit trail. */
  @Transactional
  public List<Shift> createShifts(List<Shift> series, String actor, String ip) {
    for (Shift shift : series) {
      if (role(shift.roleCode()).isEmpty()) {
        throw ProblemException.invalid("roleCode", "is not a role: add the role first");
      }
      em.persist(shift);
      em.flush();
      audit.record(
          actor,
          "shift.created",
          "shift",
          shift.id(),
          null,
          Map.of("role", shift.roleCode(), "startsAt", shift.startsAt().toString()),
          ip);
    }
    return series;
  }

  /**
   * Every open shift in a range, survivor-facing ones and addresses included, with its staffing:
   * for staff.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ShiftView> all(Instant from, Instant to, String roleCode) {
    Map<String, Role> roles = roles();
    List<Shift> found = between(from, to, roleCode);
    Map<Long, Long> taken = confirmedSeats(found);
    Map<Long, Long> waiting = waitlisted(found);
    return found.stream()
        .map(
            s -> {
              long confirmed = taken.getOrDefault(s.id(), 0L);
              return ShiftView.of(
                  s,
                  roles.get(s.roleCode()),
                  seatsLeft(s, taken),
                  s.address(),
                  null,
                  org.zone(),
                  new ShiftView.Staffing(
                      confirmed,
                      waiting.getOrDefault(s.id(), 0L),
                      s.minStaff(),
                      confirmed < s.minStaff(),
                      s.status().word()));
            })
        .toList();
  }

  /** Every role, for staff; others see the roles they could book (see {@link #rolesFor}). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Role> allRoles() {
    return em.createNamedQuery("Role.all", Role.class).getResultList();
  }

  /**
   * The roles a visitor or volunteer may know of: every role that is not survivor-facing, and the
   * survivor-facing ones this volunteer is cleared for today.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Role> rolesFor(OptionalLong viewer) {
    Optional<Volunteer> volunteer =
        viewer.isPresent() ? Optional.of(volunteers.require(viewer.getAsLong())) : Optional.empty();
    LocalDate today = org.today();
    return allRoles().stream()
        .filter(
            r ->
                !r.survivorFacing()
                    || volunteer
                        .map(v -> Clearance.cleared(v.screening(), r.requirements(), today))
                        .orElse(false))
        .toList();
  }

  /** Open shifts in a range that this viewer may see, with their seats and what to reveal. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ShiftView> visible(
      Instant from, Instant to, String roleCode, Optional<Volunteer> volunteer) {
    Map<Long, Booking> mine = new HashMap<>();
    volunteer.ifPresent(v -> live(v.id()).forEach(b -> mine.put(b.shiftId(), b)));
    Map<Long, Long> taken = new HashMap<>();
    Map<Long, Role> roles = new HashMap<>();
    List<Shift> found = new java.util.ArrayList<>();
    // one query: the shifts, each with its role and its confirmed seats
    for (Object[] row :
        em.createNamedQuery("Shift.listing", Object[].class)
            .setParameter("open", ShiftStatus.OPEN)
            .setParameter("confirmed", BookingStatus.CONFIRMED)
            .setParameter("from", from)
            .setParameter("to", to)
            .getResultList()) {
      Shift shift = (Shift) row[0];
      Role role = (Role) row[1];
      if ((roleCode == null || shift.roleCode().equals(roleCode))
          && mayView(role, shift, volunteer)) {
        found.add(shift);
        roles.put(shift.id(), role);
        taken.put(shift.id(), ((Number) row[2]).longValue());
      }
    }
    Instant now = clock.instant();
    return found.stream()
        .map(s -> view(s, roles.get(s.id()), volunteer, mine.get(s.id()), now, taken))
        .toList();
  }

  private List<Shift> between(Instant from, Instant to, String roleCode) {
    return em.createNamedQuery("Shift.between", Shift.class)
        .setParameter("open", ShiftStatus.OPEN)
        .setParameter("from", from)
        .setParameter("to", to)
        .getResultStream()
        .filter(s -> roleCode == null || s.roleCode().equals(roleCode))
        .toList();
  }

  Map<String, Role> roles() {
    Map<String, Role> roles = new HashMap<>();
    allRoles().forEach(r -> roles.put(r.code(), r));
    return roles;
  }

  /** Confirmed seats per shift, counted in one query for the whole list. */
  private Map<Long, Long> confirmedSeats(List<Shift> shifts) {
    return countBookings(shifts, "confirmed");
  }

  private Map<Long, Long> waitlisted(List<Shift> shifts) {
    return countBookings(shifts, "waitlisted");
  }

  private Map<Long, Long> countBookings(List<Shift> shifts, String status) {
    Map<Long, Long> taken = new HashMap<>();
    if (shifts.isEmpty()) {
      return taken;
    }
    String ids =
        shifts.stream()
            .map(s -> s.id().toString())
            .collect(java.util.stream.Collectors.joining(","));
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select shift_id, count(*) from booking where status = ?2"
                    + " and shift_id = any (cast(?1 as bigint[])) group by shift_id")
            .setParameter(1, "{" + ids + "}")
            .setParameter(2, status)
            .getResultList();
    rows.forEach(r -> taken.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
    return taken;
  }

  private static long seatsLeft(Shift s, Map<Long, Long> taken) {
    return Math.max(0, s.capacity() - taken.getOrDefault(s.id(), 0L));
  }

  /** Books a seat, or a place on the waitlist. */
  @Transactional
  public BookingView book(long shiftId, long volunteerId) {
    Volunteer volunteer = em.find(Volunteer.class, volunteerId, LockModeType.PESSIMISTIC_WRITE);
    Shift shift = em.find(Shift.class, shiftId, LockModeType.PESSIMISTIC_WRITE);
    Role role = shift == null ? null : role(shift.roleCode()).orElseThrow();
    if (shift == null || !mayView(role, shift, Optional.of(volunteer))) {
      throw ProblemException.notFound("No shift " + shiftId + ".");
    }
    Instant now = clock.instant();
    List<Shift> booked =
        live(volunteerId).stream().map(b -> em.find(Shift.class, b.shiftId())).toList();
    Object[] counts =
        (Object[])
            em.createNativeQuery(
                    "select count(*) filter (where status = 'confirmed'),"
                        + " count(*) filter (where status = 'waitlisted')"
                        + " from booking where shift_id = ?1")
                .setParameter(1, shiftId)
                .getSingleResult();
    Shift.BookingDecision decision =
        shift.book(
            Clearance.gaps(volunteer.screening(), role.requirements(), day(shift)),
            booked,
            ((Number) counts[0]).longValue(),
            ((Number) counts[1]).longValue(),
            now);
    if (decision instanceof Shift.BookingDecision.Refused refused) {
      throw new ProblemException(refused.problem());
    }
    Shift.BookingDecision.Seat seat = (Shift.BookingDecision.Seat) decision;
    Booking booking = new Booking(shiftId, volunteerId, seat.confirmed(), now);
    em.persist(booking);
    em.flush();
    return BookingView.of(booking, seat.position());
  }

  /**
   * Cancels a booking (its volunteer, or staff). A freed seat goes to the first volunteer on the
   * waitlist, who is told by email (without the address).
   */
  @Transactional
  public BookingView cancel(long bookingId, OptionalLong asVolunteer, String actor, String ip) {
    Booking found = em.find(Booking.class, bookingId);
    if (found == null
        || (asVolunteer.isPresent() && found.volunteerId() != asVolunteer.getAsLong())) {
      throw ProblemException.notFound("No booking " + bookingId + ".");
    }
    Shift shift = em.find(Shift.class, found.shiftId(), LockModeType.PESSIMISTIC_WRITE);
    Booking booking = found;
    em.refresh(booking); // as it is now that the shift's seats are ours
    if (booking.canceled()) {
      return BookingView.of(booking, null);
    }
    Instant now = clock.instant();
    boolean started = !shift.startsAt().isAfter(now);
    if (started && asVolunteer.isPresent()) {
      throw ProblemException.conflict(
          "shift-started", "This shift has started; tell the volunteer team instead.");
    }
    boolean freedSeat = booking.confirmed();
    booking.cancel(now);
    // once the shift has started nobody is called in from the waitlist
    if (freedSeat && !started) {
      liveForShift(shift.id()).stream()
          .filter(Booking::waitlisted)
          .findFirst()
          .ifPresent(next -> promote(next, shift));
    }
    if (asVolunteer.isEmpty()) {
      audit.record(actor, "booking.cancelled", "booking", bookingId, null, null, ip);
    }
    return BookingView.of(booking, null);
  }

  void promote(Booking next, Shift shift) {
    next.promote();
    Volunteer v = volunteers.require(next.volunteerId());
    Supporter person = supporters.find(v.supporterId()).orElseThrow();
    outbox.enqueue(
        Outbox.Envelope.to(person.recipient(), "volunteer")
            .dedupedBy("booking-promoted:" + next.id()),
        "booking-promoted",
        Map.of(
            "firstName", String.valueOf(person.firstName()),
            "role", role(shift.roleCode()).map(Role::name).orElse(shift.roleCode()),
            "when", ShiftView.when(shift, org.zone()),
            "publicLocation", shift.publicLocation(),
            "link", urls.to("/volunteer/")));
  }

  /** The volunteer who holds a booking (empty if there is no such booking). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public OptionalLong volunteerOf(long bookingId) {
    Booking b = em.find(Booking.class, bookingId);
    return b == null ? OptionalLong.empty() : OptionalLong.of(b.volunteerId());
  }

  /** Records whether a confirmed volunteer came, and for how long (default: the whole shift). */
  @Transactional
  public BookingView checkIn(
      long shiftId, long bookingId, boolean attended, Integer minutes, String actor, String ip) {
    Booking booking = em.find(Booking.class, bookingId);
    if (booking == null || booking.shiftId() != shiftId) {
      throw ProblemException.notFound("No booking " + bookingId + " on shift " + shiftId + ".");
    }
    if (!booking.confirmed()) {
      throw ProblemException.conflict(
          "not-confirmed", "Only a confirmed booking can be checked in.");
    }
    Shift shift = em.find(Shift.class, shiftId);
    if (!shift.hasStarted(clock.instant())) {
      throw ProblemException.conflict(
          "shift-not-started",
          "Attendance can be recorded once the shift has started, at "
              + ShiftView.when(shift, org.zone())
              + ".");
    }
    int served =
        minutes != null
            ? minutes
            : (int) java.time.Duration.between(shift.startsAt(), shift.endsAt()).toMinutes();
    booking.checkIn(attended, served, actor);
    audit.record(
        actor,
        "booking.checked-in",
        "booking",
        bookingId,
        null,
        Map.of("attended", attended, "minutes", served),
        ip);
    return BookingView.of(booking, null);
  }

  /** Hours a volunteer served, in total and per role (checked-in bookings only). */
  public record Hours(long volunteerId, long totalMinutes, Map<String, Long> minutesByRole) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Hours hours(long volunteerId) {
    volunteers.require(volunteerId);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select s.role_code, coalesce(sum(b.minutes), 0) from booking b join shift s on s.id = b.shift_id"
                    + " where b.volunteer_id = ?1 and b.attended and b.status = 'confirmed'"
                    + " group by s.role_code order by s.role_code")
            .setParameter(1, volunteerId)
            .getResultList();
    Map<String, Long> byRole = new java.util.LinkedHashMap<>();
    rows.forEach(r -> byRole.put((String) r[0], ((Number) r[1]).longValue()));
    return new Hours(
        volunteerId, byRole.values().stream().mapToLong(Long::longValue).sum(), byRole);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Map<String, Object>> roster(long shiftId) {
    if (em.find(Shift.class, shiftId) == null) {
      throw ProblemException.notFound("No shift " + shiftId + ".");
    }
    // one query for the whole roster: each live booking with its volunteer's contact
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createQuery(
                "select b, p from Booking b, Volunteer v, Supporter p"
                    + " where v.id = b.volunteerId and p.id = v.supporterId"
                    + " and b.shiftId = :shiftId and b.status <> org.pathlight.shifts.BookingStatus.CANCELED order by b.id")
            .setParameter("shiftId", shiftId)
            .getResultList();
    return rows.stream()
        .map(
            r -> {
              Booking b = (Booking) r[0];
              Supporter p = (Supporter) r[1];
              Map<String, Object> row = new HashMap<>();
              row.put("bookingId", b.id());
              row.put("status", b.status().word());
              row.put("volunteerId", b.volunteerId());
              row.put("name", p.fullName());
              row.put("email", p.email());
              row.put("phone", p.phone() == null ? "" : p.phone());
              row.put("clearanceLapsed", b.clearanceGaps() == null ? "" : b.clearanceGaps());
              row.put("attended", b.attended() == null ? "" : b.attended().toString());
              row.put("minutes", b.minutes() == null ? 0 : b.minutes());
              return row;
            })
        .toList();
  }

  /** The volunteer's live bookings, soonest first, as they see them. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ShiftView> bookedBy(long volunteerId) {
    Volunteer v = volunteers.require(volunteerId);
    Instant now = clock.instant();
    Map<String, Role> roles = roles();
    Map<Long, Booking> byShift = new HashMap<>();
    live(volunteerId).forEach(b -> byShift.put(b.shiftId(), b));
    List<Shift> upcoming =
        byShift.keySet().stream()
            .map(id -> em.find(Shift.class, id))
            .filter(s -> s.endsAt().isAfter(now))
            .sorted(java.util.Comparator.comparing(Shift::startsAt))
            .toList();
    Map<Long, Long> taken = confirmedSeats(upcoming);
    return upcoming.stream()
        .map(s -> view(s, roles.get(s.roleCode()), Optional.of(v), byShift.get(s.id()), now, taken))
        .toList();
  }

  /** One shift as staff see it, with its staffing, whatever its status. */
  ShiftView staffView(Shift s) {
    List<Booking> live = liveForShift(s.id());
    long confirmed = live.stream().filter(Booking::confirmed).count();
    return ShiftView.of(
        s,
        role(s.roleCode()).orElseThrow(),
        (int) Math.max(0, s.capacity() - confirmed),
        s.address(),
        null,
        org.zone(),
        new ShiftView.Staffing(
            confirmed,
            live.size() - confirmed,
            s.minStaff(),
            confirmed < s.minStaff(),
            s.status().word()));
  }

  Optional<Role> role(String code) {
    return em.createNamedQuery("Role.byCode", Role.class)
        .setParameter("code", code)
        .getResultStream()
        .findFirst();
  }

  /** Survivor-facing shifts exist only for volunteers cleared for their role that day. */
  private boolean mayView(Role role, Shift shift, Optional<Volunteer> volunteer) {
    if (!role.survivorFacing()) {
      return true;
    }
    return volunteer.isPresent()
        && Clearance.cleared(volunteer.get().screening(), role.requirements(), day(shift));
  }

  private ShiftView view(
      Shift s,
      Role role,
      Optional<Volunteer> volunteer,
      Booking mine,
      Instant now,
      Map<Long, Long> taken) {
    boolean reveal =
        mine != null
            && mine.confirmed()
            && volunteer.isPresent()
            && Clearance.cleared(volunteer.get().screening(), role.requirements(), day(s))
            && s.revealsAddressAt(now);
    return ShiftView.of(
        s,
        role,
        seatsLeft(s, taken),
        reveal ? s.address() : null,
        mine == null ? null : BookingView.of(mine, null),
        org.zone());
  }

  private LocalDate day(Shift shift) {
    return shift.startsAt().atZone(org.zone()).toLocalDate();
  }

  private List<Booking> live(long volunteerId) {
    return em.createNamedQuery("Booking.liveForVolunteer", Booking.class)
        .setParameter("volunteerId", volunteerId)
        .getResultList();
  }

  List<Booking> liveForShift(long shiftId) {
    return em.createNamedQuery("Booking.liveForShift", Booking.class)
        .setParameter("shiftId", shiftId)
        .getResultList();
  }
}
