package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffRole;
import org.pathlight.supporters.PersonRecords;

/**
 * A person's shift bookings and hours, on their profile (volunteer staff). The role and the public
 * meeting point only: a shift's address never leaves the roster.
 */
@ApplicationScoped
class BookingRecords implements PersonRecords {

  @PersistenceContext EntityManager em;

  @Override
  public String name() {
    return "shifts and hours";
  }

  @Override
  public Set<StaffRole> readers() {
    return Set.of(StaffRole.VOLUNTEERS);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> timeline(Person person, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select s.starts_at, r.name, s.public_location, b.status, b.attended, b.minutes"
                    + " from booking b join volunteer v on v.id = b.volunteer_id"
                    + " join shift s on s.id = b.shift_id join volunteer_role r on r.code = s.role_code"
                    + " where v.supporter_id = ?1 order by s.starts_at desc limit ?2")
            .setParameter(1, person.id())
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            b -> {
              String state =
                  Boolean.TRUE.equals(b[4])
                      ? "Attended" + (b[5] == null ? "" : ", " + hours(((Number) b[5]).intValue()))
                      : Boolean.FALSE.equals(b[4])
                          ? "Did not come"
                          : switch ((String) b[3]) {
                            case "confirmed" -> "Booked";
                            case "waitlisted" -> "On the waitlist";
                            default -> "Canceled";
                          };
              return new Entry(
                  ((Timestamp) b[0]).toInstant(),
                  "shift",
                  "Shift: " + b[1] + " at " + b[2],
                  state,
                  "/staff/shifts");
            })
        .toList();
  }

  private static String hours(int minutes) {
    return minutes % 60 == 0
        ? (minutes / 60) + (minutes == 60 ? " hour" : " hours")
        : String.format(java.util.Locale.ROOT, "%.1f hours", minutes / 60.0);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Map<String, Long> holds(long supporterId) {
    return java.util.Map.of(
        "shift bookings",
        PersonRecords.count(
            em,
            "select count(*) from booking b join volunteer v on v.id = b.volunteer_id"
                + " where v.supporter_id = ?1",
            supporterId));
  }

  /** Bookings belong to the volunteer's application, which moves with the person: nothing to do. */
  @Override
  public void merge(long kept, long merged) {}

  @jakarta.inject.Inject Shifts shifts;

  /**
   * Cancels the person's bookings for shifts that have not started (a freed seat goes to the
   * waitlist as on any cancellation); the shifts already worked stay, with their hours.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Erasure erase(Person person, String actor) {
    @SuppressWarnings("unchecked")
    List<Number> upcoming =
        em.createNativeQuery(
                "select b.id from booking b join volunteer v on v.id = b.volunteer_id"
                    + " join shift s on s.id = b.shift_id where v.supporter_id = ?1"
                    + " and b.status <> 'cancelled' and s.starts_at > now() order by b.id")
            .setParameter(1, person.id())
            .getResultList();
    for (Number id : upcoming) {
      shifts.cancel(id.longValue(), java.util.OptionalLong.empty(), actor, null);
    }
    long worked =
        PersonRecords.count(
            em,
            "select count(*) from booking b join volunteer v on v.id = b.volunteer_id"
                + " join shift s on s.id = b.shift_id where v.supporter_id = ?1"
                + " and b.status <> 'cancelled' and s.starts_at <= now()",
            person.id());
    List<String> removed =
        upcoming.isEmpty()
            ? List.of()
            : List.of(
                PersonRecords.quantity(upcoming.size(), "booking", "bookings")
                    + " for shifts still to come (canceled; the waitlist moves up)");
    List<Kept> kept =
        worked == 0
            ? List.of()
            : List.of(
                new Kept(
                    PersonRecords.quantity(worked, "shift", "shifts") + " worked, with the hours",
                    "The organisation's volunteer hours stay true for its grant and insurance"
                        + " reports; nothing in them names the person."));
    return new Erasure(removed, kept);
  }

  /** The bookings, with the role and the public meeting point: never a shift's address. */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Document> export(Person person) {
    return List.of(
        PersonRecords.rows(
            em,
            "shifts.json",
            "select b.id, b.status, b.created_at, b.cancelled_at, b.attended, b.minutes,"
                + " s.starts_at, s.ends_at, r.name as role, s.public_location"
                + " from booking b join volunteer v on v.id = b.volunteer_id"
                + " join shift s on s.id = b.shift_id join volunteer_role r on r.code = s.role_code"
                + " where v.supporter_id = ?1 order by s.starts_at",
            person.id()));
  }
}
