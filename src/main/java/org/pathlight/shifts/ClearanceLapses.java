package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pathlight.common.Organization;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;
import org.pathlight.volunteers.Clearance;
import org.pathlight.volunteers.Volunteer;
import org.pathlight.volunteers.Volunteers;

/**
 * Clearance checked again for a booked shift's day: a confirmed booking whose background check,
 * training, agreement or age no longer meets its role on that day is flagged on the roster (and in
 * the staff digest) and the volunteer is told once; a booking whose volunteer has renewed is
 * unflagged. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ClearanceLapses {

  @PersistenceContext EntityManager em;
  @Inject Volunteers volunteers;
  @Inject Shifts shifts;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject Organization org;

  /** What a check found, with what it loaded to find it (for the caller's email). */
  public record Check(List<String> gaps, Shift shift, Role role, Volunteer volunteer) {
    public boolean cleared() {
      return gaps.isEmpty();
    }
  }

  /** Checks one confirmed booking against its role on the shift's day. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Check check(Booking booking, Instant now) {
    Shift shift = em.find(Shift.class, booking.shiftId());
    Role role = shifts.role(shift.roleCode()).orElseThrow();
    Volunteer v = volunteers.require(booking.volunteerId());
    List<String> gaps =
        Clearance.gaps(
            v.screening(), role.requirements(), shift.startsAt().atZone(org.zone()).toLocalDate());
    Check check = new Check(gaps, shift, role, v);
    if (gaps.isEmpty()) {
      if (booking.clearanceGaps() != null) {
        em.createNativeQuery(
                "update booking set clearance_lapsed_at = null, clearance_gaps = null where id = ?1")
            .setParameter(1, booking.id())
            .executeUpdate();
      }
      return check;
    }
    String text = String.join("; ", gaps);
    if (text.equals(booking.clearanceGaps())) {
      return check; // flagged and told already
    }
    em.createNativeQuery(
            "update booking set clearance_lapsed_at = ?2, clearance_gaps = ?3 where id = ?1")
        .setParameter(1, booking.id())
        .setParameter(2, Timestamp.from(now))
        .setParameter(3, text)
        .executeUpdate();
    Supporter person = supporters.find(v.supporterId()).orElseThrow();
    outbox.enqueue(
        Outbox.Envelope.to(person.recipient(), "volunteer")
            .dedupedBy("clearance-lapsed:" + booking.id() + ":" + text.hashCode()),
        "booking-clearance-lapsed",
        Map.of(
            "firstName",
            String.valueOf(person.firstName()),
            "role",
            role.name(),
            "when",
            ShiftView.when(shift, org.zone()),
            "gaps",
            text));
    return check;
  }
}
