package org.pathlight.officials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The record of import runs ({@code official_import}), for staff. */
@ApplicationScoped
public class OfficialImportLog {

  @PersistenceContext EntityManager em;

  /** One import run. */
  public record Run(
      long id,
      String source,
      int added,
      int updated,
      int retired,
      int unchanged,
      String actor,
      Instant importedAt) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Run> latest(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, source, added, updated, retired, unchanged, actor, imported_at"
                    + " from official_import order by id desc limit ?1")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Run(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue(),
                    ((Number) r[4]).intValue(),
                    ((Number) r[5]).intValue(),
                    (String) r[6],
                    ((Timestamp) r[7]).toInstant()))
        .toList();
  }
}
