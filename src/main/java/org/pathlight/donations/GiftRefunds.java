package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code gift_refund} table: each refund of a gift's charge with its state, merged report by
 * report under the gift's row lock (a state only moves forward: pending, succeeded, then failed or
 * canceled), so reports in any order end in the same refunds. Runs in the caller's transaction.
 */
@ApplicationScoped
class GiftRefunds {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** Merges the report into its refund and answers all the gift's refunds. */
  @Transactional(Transactional.TxType.MANDATORY)
  List<Gift.RefundCase> record(long giftId, Gift.RefundCase report) {
    List<Gift.RefundCase> refunds = new ArrayList<>(of(giftId));
    Gift.RefundCase merged =
        refunds.stream()
            .filter(r -> r.id().equals(report.id()))
            .findFirst()
            .map(r -> r.merge(report))
            .orElse(report);
    em.createNativeQuery(
            "insert into gift_refund (refund_id, gift_id, amount, status, updated_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (refund_id) do update"
                + " set amount = excluded.amount, status = excluded.status,"
                + " updated_at = excluded.updated_at")
        .setParameter(1, merged.id())
        .setParameter(2, giftId)
        .setParameter(3, merged.amount())
        .setParameter(4, merged.status())
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
    refunds.removeIf(r -> r.id().equals(merged.id()));
    refunds.add(merged);
    return refunds;
  }

  /** A refund's status as the ledger holds it, outside a transaction too (a repeat's answer). */
  @Transactional(Transactional.TxType.SUPPORTS)
  java.util.Optional<String> status(long giftId, String refundId) {
    return of(giftId).stream()
        .filter(c -> c.id().equals(refundId))
        .map(Gift.RefundCase::status)
        .findFirst();
  }

  @Transactional(Transactional.TxType.MANDATORY)
  List<Gift.RefundCase> of(long giftId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select refund_id, amount, status from gift_refund where gift_id = ?1"
                    + " order by refund_id")
            .setParameter(1, giftId)
            .getResultList();
    return rows.stream()
        .map(r -> new Gift.RefundCase((String) r[0], ((Number) r[1]).longValue(), (String) r[2]))
        .toList();
  }
}
