package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffRole;

/** The shifts part of the staff home: shifts in the next seven days with seats still empty. */
@ApplicationScoped
class ShiftsDashboard implements DashboardSection {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Override
  public StaffRole role() {
    return StaffRole.VOLUNTEERS;
  }

  @Override
  public String title() {
    return "Shifts";
  }

  @Override
  public int order() {
    return 21;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tile> tiles() {
    var now = clock.instant();
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    "select count(*), coalesce(sum(s.capacity - coalesce(b.confirmed, 0)), 0)"
                        + " from shift s left join (select shift_id, count(*) confirmed"
                        + " from booking where status = 'confirmed' group by shift_id) b"
                        + " on b.shift_id = s.id where s.status = 'open'"
                        + " and s.starts_at >= ?1 and s.starts_at < ?2"
                        + " and coalesce(b.confirmed, 0) < s.capacity")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now.plus(Duration.ofDays(7))))
                .getSingleResult();
    long shifts = ((Number) r[0]).longValue();
    long seats = ((Number) r[1]).longValue();
    return List.of(
        Tile.of(
                "Understaffed shifts this week",
                String.valueOf(shifts),
                seats + (seats == 1 ? " seat" : " seats") + " still empty in the next 7 days",
                "/staff/shifts")
            .needingAttention(shifts > 0));
  }
}
