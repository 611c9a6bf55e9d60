package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffRole;

/** The admin part of the staff home about email: messages that failed, and what is queued. */
@ApplicationScoped
class OutboxDashboard implements DashboardSection {

  @PersistenceContext EntityManager em;

  @Override
  public StaffRole role() {
    return StaffRole.ADMIN;
  }

  @Override
  public String title() {
    return "Email";
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tile> tiles() {
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    "select count(*) filter (where status = 'failed'),"
                        + " count(*) filter (where status = 'pending') from outbox_message")
                .getSingleResult();
    long failed = ((Number) r[0]).longValue();
    long pending = ((Number) r[1]).longValue();
    return List.of(
        Tile.of(
                "Failed emails",
                String.valueOf(failed),
                "Gave up after every retry; send them again from the outbox",
                "/staff/outbox")
            .needingAttention(failed > 0),
        Tile.of(
            "Emails queued",
            String.valueOf(pending),
            "Waiting to be sent or retried",
            "/staff/outbox"));
  }
}
