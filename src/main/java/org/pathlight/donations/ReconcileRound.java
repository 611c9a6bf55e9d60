package org.pathlight.donations;

import java.util.List;
import java.util.function.IntFunction;
import org.pathlight.payments.PaymentUnavailable;

/**
 * One round of reading records back from the processor (gifts or plans): claim a batch, compare
 * each, until none are due or {@code max} were tried. A read the processor refuses counts as failed
 * and is tried again next round.
 */
public final class ReconcileRound {

  static final int BATCH = 25;

  private ReconcileRound() {}

  /** What a round did: records read, records changed by it, reads that failed. */
  public record Result(int checked, int repaired, int failed) {}

  /**
   * Claims up to {@code limit} rows of {@code table} (gift or recurring_plan) meeting {@code
   * condition} and not compared since {@code dueBefore}, least recently compared first, and stamps
   * them now, skipping rows another instance holds. In the condition, {@code ?2} is an hour ago
   * (the webhook's head start) and {@code ?3} is {@code oldest} ago. Runs in the caller's
   * transaction.
   */
  static List<Long> claim(
      jakarta.persistence.EntityManager em,
      String table,
      String condition,
      java.time.Instant now,
      java.time.Instant dueBefore,
      java.time.Duration oldest,
      int limit) {
    return claim(em, table, "reconciled_at", condition, now, dueBefore, oldest, limit);
  }

  /**
   * As above, stamping {@code stamp} (a column of its own for a round that reads something else).
   */
  static List<Long> claim(
      jakarta.persistence.EntityManager em,
      String table,
      String stamp,
      String condition,
      java.time.Instant now,
      java.time.Instant dueBefore,
      java.time.Duration oldest,
      int limit) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "update "
                    + table
                    + " set "
                    + stamp
                    + " = ?1 where id in (select id from "
                    + table
                    + " where "
                    + condition
                    + " and ("
                    + stamp
                    + " is null or "
                    + stamp
                    + " < ?4) order by "
                    + stamp
                    + " nulls first, id limit ?5"
                    + " for update skip locked) returning id")
            .setParameter(1, java.sql.Timestamp.from(now))
            .setParameter(2, java.sql.Timestamp.from(now.minus(java.time.Duration.ofHours(1))))
            .setParameter(3, java.sql.Timestamp.from(now.minus(oldest)))
            .setParameter(4, java.sql.Timestamp.from(dueBefore))
            .setParameter(5, limit)
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  interface Compare {
    /** True when the record changed. */
    boolean reconcile(long id);
  }

  /** {@code claim} takes a batch of at most the given size (stamped, so no one else takes it). */
  static Result run(IntFunction<List<Long>> claim, Compare compare, int max) {
    int checked = 0;
    int repaired = 0;
    int failed = 0;
    while (checked + failed < max) {
      List<Long> due = claim.apply(Math.min(BATCH, max - checked - failed));
      if (due.isEmpty()) {
        break;
      }
      for (Long id : due) {
        try {
          if (compare.reconcile(id)) {
            repaired++;
          }
          checked++;
        } catch (PaymentUnavailable e) {
          failed++; // the processor down or refusing: tried again next round
        }
      }
    }
    return new Result(checked, repaired, failed);
  }
}
