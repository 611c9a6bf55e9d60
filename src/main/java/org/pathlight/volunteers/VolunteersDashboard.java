package org.pathlight.volunteers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Organization;

/** The screening part of the staff home: applications waiting, clearances running out soon. */
@ApplicationScoped
class VolunteersDashboard implements DashboardSection {

  /** How far ahead an expiring background check or training is shown. */
  static final int EXPIRING_DAYS = 30;

  @PersistenceContext EntityManager em;
  @Inject Organization org;

  @Override
  public StaffRole role() {
    return StaffRole.VOLUNTEERS;
  }

  @Override
  public String title() {
    return "Volunteers";
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tile> tiles() {
    LocalDate today = org.today();
    LocalDate until = today.plusDays(EXPIRING_DAYS);
    long waiting =
        ((Number)
                em.createNativeQuery("select count(*) from volunteer where status = 'applied'")
                    .getSingleResult())
            .longValue();
    long expiring =
        ((Number)
                em.createNativeQuery(
                        "select count(distinct v.id) from volunteer v"
                            + " left join volunteer_training t on t.volunteer_id = v.id"
                            + " where v.status = 'approved' and ((v.background_expires_on"
                            + " between ?1 and ?2) or (t.expires_on between ?1 and ?2))")
                    .setParameter(1, java.sql.Date.valueOf(today))
                    .setParameter(2, java.sql.Date.valueOf(until))
                    .getSingleResult())
            .longValue();
    return List.of(
        Tile.of(
                "Applications waiting",
                String.valueOf(waiting),
                "Waiting for a screening decision",
                "/staff/volunteers")
            .needingAttention(waiting > 0),
        Tile.of(
                "Clearances expiring",
                String.valueOf(expiring),
                "Approved volunteers whose check or training ends within "
                    + EXPIRING_DAYS
                    + " days",
                "/staff/volunteers")
            .needingAttention(expiring > 0));
  }
}
