package org.pathlight.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.ProblemException;

/**
 * Targets of a campaign that no dataset has: a mayor, an agency head, a company's board. Staff add
 * them (audited); retiring one keeps it for the letters already written to it.
 */
@ApplicationScoped
public class CustomTargets {

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** What staff give for a new target (already checked). */
  public record NewTarget(
      String name, String title, String organisation, String email, String postalAddress) {}

  /** A custom target as staff see it. */
  public record View(
      String id,
      String name,
      String title,
      String organisation,
      String email,
      String postalAddress,
      Instant createdAt,
      Instant retiredAt) {}

  private static final String SELECT =
      "select id, name, title, organisation, email, postal_address, created_at, retired_at"
          + " from official where office = 'custom'";

  @Transactional
  public View create(NewTarget t, String actor, String clientIp) {
    long n =
        ((Number) em.createNativeQuery("select nextval('official_custom_seq')").getSingleResult())
            .longValue();
    String id = "custom-" + n;
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "insert into official (id, office, name, title, organisation, email, postal_address,"
                + " source, created_at, updated_at)"
                + " values (?1, 'custom', ?2, ?3, ?4, ?5, ?6, 'custom', ?7, ?7)")
        .setParameter(1, id)
        .setParameter(2, t.name())
        .setParameter(3, t.title())
        .setParameter(4, t.organisation())
        .setParameter(5, t.email())
        .setParameter(6, t.postalAddress())
        .setParameter(7, now)
        .executeUpdate();
    View created = find(id).orElseThrow();
    audit.record(actor, "official.custom.created", "official", id, null, created, clientIp);
    return created;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> all() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + " order by retired_at nulls first, name").getResultList();
    return rows.stream().map(CustomTargets::view).toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<View> find(String id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + " and id = ?1").setParameter(1, id).getResultList();
    return rows.stream().findFirst().map(CustomTargets::view);
  }

  /** Retires a target (idempotent: a retired one stays as it was). */
  @Transactional
  public View retire(String id, String actor, String clientIp) {
    View before =
        find(id).orElseThrow(() -> ProblemException.notFound("No custom target " + id + "."));
    if (before.retiredAt() != null) {
      return before;
    }
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "update official set retired_at = ?1, updated_at = ?1 where id = ?2"
                + " and office = 'custom'")
        .setParameter(1, now)
        .setParameter(2, id)
        .executeUpdate();
    View after = find(id).orElseThrow();
    audit.record(actor, "official.custom.retired", "official", id, before, after, clientIp);
    return after;
  }

  private static View view(Object[] r) {
    return new View(
        (String) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        ((Timestamp) r[6]).toInstant(),
        r[7] == null ? null : ((Timestamp) r[7]).toInstant());
  }
}
