package org.pathlight.campaigns;

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

/** The advocacy part of the staff home: live campaigns, letters this week, print waiting. */
@ApplicationScoped
class AdvocacyDashboard implements DashboardSection {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Override
  public StaffRole role() {
    return StaffRole.ADVOCACY;
  }

  @Override
  public String title() {
    return "Advocacy";
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tile> tiles() {
    long live = count("select count(*) from campaign where status = 'published'");
    long letters =
        ((Number)
                em.createNativeQuery("select count(*) from letter where created_at >= ?1")
                    .setParameter(1, Timestamp.from(clock.instant().minus(Duration.ofDays(7))))
                    .getSingleResult())
            .longValue();
    long batches = count("select count(*) from print_batch where mailed_at is null");
    return List.of(
        Tile.of(
            "Live campaigns",
            String.valueOf(live),
            "Published and taking letters",
            "/staff/campaigns"),
        Tile.of(
            "Letters this week",
            String.valueOf(letters),
            "Written in the last 7 days",
            "/staff/campaigns"),
        Tile.of(
                "Print batches waiting",
                String.valueOf(batches),
                "Made but not marked as mailed",
                "/staff/campaigns")
            .needingAttention(batches > 0));
  }

  private long count(String sql) {
    return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
  }
}
