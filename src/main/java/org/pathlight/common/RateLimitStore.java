package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The shared rate-limit counts in PostgreSQL, one row per bucket and aligned window: what every
 * instance adds its hits to, in a transaction of its own, so a request that then fails still has
 * its hits counted.
 */
@ApplicationScoped
class RateLimitStore {

  @PersistenceContext EntityManager em;

  /** The database's counts after an add: this window's (the add included) and the one before. */
  record Counts(int current, int previous) {}

  /** Adds {@code hits} to the window's row and reads it back with the previous window's count. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Counts add(String bucket, Instant windowStart, Duration window, int hits) {
    Object[] counts =
        (Object[])
            em.createNativeQuery(
                    "with hit as (insert into rate_limit_window (bucket, window_start, hits)"
                        + " values (?1, ?2, ?4) on conflict (bucket, window_start)"
                        + " do update set hits = rate_limit_window.hits + ?4 returning hits)"
                        + " select (select hits from hit), coalesce((select hits from"
                        + " rate_limit_window where bucket = ?1 and window_start = ?3), 0)")
                .setParameter(1, bucket)
                .setParameter(2, Timestamp.from(windowStart))
                .setParameter(3, Timestamp.from(windowStart.minus(window)))
                .setParameter(4, hits)
                .getSingleResult();
    return new Counts(((Number) counts[0]).intValue(), ((Number) counts[1]).intValue());
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  int purgeOlderThan(Instant cutoff) {
    return em.createNativeQuery("delete from rate_limit_window where window_start < ?1")
        .setParameter(1, Timestamp.from(cutoff))
        .executeUpdate();
  }
}
