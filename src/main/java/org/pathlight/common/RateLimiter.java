package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Rate limits for public forms, counted in PostgreSQL so every instance sees the same count. Hits
 * are counted in aligned windows, and a hit is judged on a sliding estimate (this window's hits
 * plus the previous window's, weighted by how much of it still lies within one window of now), so a
 * burst that straddles a window boundary cannot get twice the limit through. A hit is counted in
 * its own transaction: a request that then fails validation has still used its try (that is the
 * point against card testing).
 */
@ApplicationScoped
public class RateLimiter {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** A limit: at most {@code hits} per {@code window}. */
  public record Limit(int hits, Duration window) {
    public Limit {
      if (hits < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a limit needs at least one hit per positive window");
      }
    }
  }

  /**
   * Counts one hit on {@code bucket} and throws a 429 problem with Retry-After when it is over the
   * limit.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void hit(String bucket, Limit limit, String detail) {
    Instant now = clock.instant();
    Instant windowStart = windowStart(now, limit.window());
    Object[] counts =
        (Object[])
            em.createNativeQuery(
                    "with hit as (insert into rate_limit_window (bucket, window_start, hits)"
                        + " values (?1, ?2, 1) on conflict (bucket, window_start)"
                        + " do update set hits = rate_limit_window.hits + 1 returning hits)"
                        + " select (select hits from hit), coalesce((select hits from"
                        + " rate_limit_window where bucket = ?1 and window_start = ?3), 0)")
                .setParameter(1, bucket)
                .setParameter(2, java.sql.Timestamp.from(windowStart))
                .setParameter(3, java.sql.Timestamp.from(windowStart.minus(limit.window())))
                .getSingleResult();
    double elapsed =
        (double) Duration.between(windowStart, now).toMillis() / limit.window().toMillis();
    if (over(((Number) counts[0]).intValue(), ((Number) counts[1]).intValue(), elapsed, limit)) {
      Duration retryAfter = Duration.between(now, windowStart.plus(limit.window()));
      throw ProblemException.tooManyRequests("rate-limited", detail, retryAfter);
    }
  }

  /**
   * Whether a hit is over the limit: {@code current} hits so far in this window (this one
   * included), {@code previous} in the one before, {@code elapsed} the share of this window gone.
   */
  static boolean over(int current, int previous, double elapsed, Limit limit) {
    return current + previous * (1 - elapsed) > limit.hits();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int purgeOldWindows(Duration olderThan) {
    return em.createNativeQuery("delete from rate_limit_window where window_start < ?1")
        .setParameter(1, java.sql.Timestamp.from(clock.instant().minus(olderThan)))
        .executeUpdate();
  }

  static Instant windowStart(Instant now, Duration window) {
    long size = window.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
  }
}
