package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;
import org.pathlight.volunteers.Volunteers;

/**
 * Staff change or cancel a shift that has not started. Under the shift's row lock (as bookings take
 * it): a cancellation ends every booking and tells each booked and waitlisted volunteer once; an
 * edit that moves the time or the meeting point tells them what it is now; fewer seats than
 * confirmed volunteers needs staff to say who goes back to the waitlist, and more seats call in the
 * waitlist. Every booking's calendar SEQUENCE rises. No email carries the private address. Audited.
 */
@ApplicationScoped
class ShiftChanges {

  private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("h:mm a");

  @PersistenceContext EntityManager em;
  @Inject Shifts shifts;
  @Inject Volunteers volunteers;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Transactional
  public ShiftView cancel(long id, String reason, String actor, String clientIp) {
    Shift shift = open(id);
    List<Booking> live = shifts.liveForShift(id);
    Instant now = clock.instant();
    shift.cancel();
    for (Booking b : live) {
      String was = b.confirmed() ? "booking" : "place on the waitlist";
      b.cancel(now);
      tell(b, shift, "shift-cancelled", "shift-cancelled:" + b.id(), was);
    }
    em.flush();
    audit.record(
        actor,
        "shift.cancelled",
        "shift",
        id,
        null,
        Map.of("reason", reason, "bookingsEnded", live.size()),
        clientIp);
    return view(shift);
  }

  @Transactional
  public ShiftView edit(
      long id, Shift.Change change, Set<Long> toWaitlist, String actor, String clientIp) {
    Shift shift = open(id);
    Map<String, Object> before = snapshot(shift);
    Instant starts = change.startsAt() == null ? shift.startsAt() : change.startsAt();
    Instant ends = change.endsAt() == null ? shift.endsAt() : change.endsAt();
    if (!ends.isAfter(starts)) {
      throw ProblemException.invalid("endsAt", "must be after the start");
    }
    if (!starts.isAfter(clock.instant())) {
      throw ProblemException.invalid("startsAt", "must be in the future");
    }
    List<Booking> live = shifts.liveForShift(id);
    List<Booking> confirmed = live.stream().filter(Booking::confirmed).toList();
    int seats = change.capacity() == null ? shift.capacity() : change.capacity();
    List<Booking> demoted = new ArrayList<>();
    if (confirmed.size() > seats) {
      int over = confirmed.size() - seats;
      List<Booking> chosen = confirmed.stream().filter(b -> toWaitlist.contains(b.id())).toList();
      if (chosen.size() != over) {
        throw new ProblemException(
            Problem.of(
                    409,
                    "capacity-below-booked",
                    "Choose who moves to the waitlist",
                    confirmed.size()
                        + " volunteers are confirmed for "
                        + seats
                        + (seats == 1 ? " seat" : " seats")
                        + ": choose "
                        + over
                        + " of them to move to the waitlist.")
                .with("confirmed", roster(confirmed))
                .with("moveToWaitlist", over));
      }
      demoted.addAll(chosen);
    }
    boolean moved = shift.apply(change);
    for (Booking b : demoted) {
      b.demote();
    }
    for (Booking b : live) {
      if (!demoted.contains(b)) {
        b.touch();
      }
      if (moved || demoted.contains(b)) {
        String stands =
            demoted.contains(b)
                ? "now on the waitlist for"
                : b.confirmed() ? "booked" : "waitlisted";
        tell(b, shift, "shift-changed", "shift-changed:" + b.id() + ":" + b.sequence(), stands);
      }
    }
    long seated = live.stream().filter(Booking::confirmed).count();
    for (Booking b : live) {
      if (seated >= shift.capacity()) {
        break;
      }
      if (b.waitlisted() && !demoted.contains(b)) {
        shifts.promote(b, shift);
        seated++;
      }
    }
    em.flush();
    audit.record(actor, "shift.updated", "shift", id, before, snapshot(shift), clientIp);
    return view(shift);
  }

  @Inject ClearanceLapses lapses;

  /**
   * Changes a role's name and requirements. Every confirmed booking on its shifts still to come is
   * checked again: a volunteer who no longer qualifies is flagged on the roster (and told once),
   * never silently kept or dropped. Answers the role and how many bookings are now flagged.
   */
  @Transactional
  public Map<String, Object> editRole(
      String code,
      String name,
      Boolean survivorFacing,
      Boolean backgroundCheck,
      Integer minAge,
      Set<String> trainings,
      String actor,
      String clientIp) {
    Role role =
        em.createQuery("select r from Role r where r.code = :code", Role.class)
            .setParameter("code", code)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("No role " + code + "."));
    RoleView before = RoleView.of(role);
    var req = role.requirements();
    role.change(
        name == null ? role.name() : name,
        survivorFacing == null ? role.survivorFacing() : survivorFacing,
        backgroundCheck == null ? req.backgroundCheck() : backgroundCheck,
        minAge == null ? req.minAge() : minAge,
        trainings == null ? req.trainings() : trainings);
    em.flush();
    @SuppressWarnings("unchecked")
    List<Number> booked =
        em.createNativeQuery(
                "select b.id from booking b join shift s on s.id = b.shift_id"
                    + " where s.role_code = ?1 and s.status = 'open' and s.starts_at > ?2"
                    + " and b.status = 'confirmed' order by b.id")
            .setParameter(1, code)
            .setParameter(2, java.sql.Timestamp.from(clock.instant()))
            .getResultList();
    int flagged = 0;
    for (Number id : booked) {
      if (!lapses.check(em.find(Booking.class, id.longValue()), clock.instant()).cleared()) {
        flagged++;
      }
    }
    RoleView after = RoleView.of(role);
    audit.record(
        actor,
        "role.updated",
        "volunteer_role",
        code,
        before,
        Map.of("role", after, "bookingsFlagged", flagged),
        clientIp);
    return Map.of("role", after, "bookingsFlagged", flagged);
  }

  private Shift open(long id) {
    Shift shift = em.find(Shift.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (shift == null) {
      throw ProblemException.notFound("No shift " + id + ".");
    }
    if (shift.status() == ShiftStatus.CANCELED) {
      throw ProblemException.conflict("shift-cancelled", "This shift was already cancelled.");
    }
    if (shift.hasStarted(clock.instant())) {
      throw ProblemException.conflict(
          "shift-started", "This shift has started: it can no longer be changed or cancelled.");
    }
    return shift;
  }

  private List<Map<String, Object>> roster(List<Booking> confirmed) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Booking b : confirmed) {
      Supporter p = person(b);
      out.add(Map.of("bookingId", b.id(), "name", p.fullName()));
    }
    return out;
  }

  private Supporter person(Booking b) {
    return supporters.find(volunteers.require(b.volunteerId()).supporterId()).orElseThrow();
  }

  /** One email per booking and change, never with the private address. */
  private void tell(Booking b, Shift shift, String template, String key, String stands) {
    Supporter p = person(b);
    outbox.enqueue(
        Outbox.Envelope.to(p.recipient(), "volunteer").dedupedBy(key),
        template,
        Map.of(
            "firstName", String.valueOf(p.firstName()),
            "role", shifts.role(shift.roleCode()).map(Role::name).orElse(shift.roleCode()),
            "when", ShiftView.when(shift, org.zone()),
            "until", UNTIL.format(shift.endsAt().atZone(org.zone())),
            "publicLocation", shift.publicLocation(),
            "booking", stands,
            "link", urls.to("/volunteer/")));
  }

  private static Map<String, Object> snapshot(Shift s) {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("startsAt", s.startsAt().toString());
    m.put("endsAt", s.endsAt().toString());
    m.put("capacity", s.capacity());
    m.put("publicLocation", s.publicLocation());
    m.put("hasAddress", s.address() != null);
    m.put("revealHoursBefore", s.revealHoursBefore());
    m.put("minStaff", s.minStaff());
    m.put("status", s.status().word());
    return m;
  }

  private ShiftView view(Shift s) {
    return shifts.staffView(s);
  }
}
