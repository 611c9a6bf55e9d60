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
import org.pathlight.payments.PaymentFact;

/**
 * The {@code gift_dispute} table: each dispute of a gift's charge as a case of its own (an inquiry
 * and the chargeback that may follow are two), merged report by report under the gift's row lock,
 * so reports in any order end in the same cases. Runs in the caller's transaction.
 */
@ApplicationScoped
class GiftDisputes {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** The case a report is about, as the report alone tells it. */
  static Gift.DisputeCase reported(long giftId, PaymentFact.Disputed d) {
    String key =
        d.disputeId() == null
            ? "gift:" + giftId
            : d.disputeId() + (d.inquiry() ? ":inquiry" : ":chargeback");
    return new Gift.DisputeCase(
        key,
        d.status(),
        d.inquiry(),
        d.amount(),
        "withdrawn".equals(d.funds()),
        "reinstated".equals(d.funds()));
  }

  /** Merges the report into its case and answers all the gift's cases. */
  @Transactional(Transactional.TxType.MANDATORY)
  List<Gift.DisputeCase> record(long giftId, Gift.DisputeCase report) {
    List<Gift.DisputeCase> cases = new ArrayList<>(of(giftId));
    Gift.DisputeCase merged =
        cases.stream()
            .filter(c -> c.key().equals(report.key()))
            .findFirst()
            .map(c -> c.merge(report))
            .orElse(report);
    em.createNativeQuery(
            "insert into gift_dispute (case_key, gift_id, stage, inquiry, amount, funds_withdrawn,"
                + " funds_reinstated, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                + " on conflict (case_key) do update set stage = excluded.stage,"
                + " amount = excluded.amount, funds_withdrawn = excluded.funds_withdrawn,"
                + " funds_reinstated = excluded.funds_reinstated, updated_at = excluded.updated_at")
        .setParameter(1, merged.key())
        .setParameter(2, giftId)
        .setParameter(3, merged.stage())
        .setParameter(4, merged.inquiry())
        .setParameter(5, merged.amount())
        .setParameter(6, merged.fundsWithdrawn())
        .setParameter(7, merged.fundsReinstated())
        .setParameter(8, Timestamp.from(clock.instant()))
        .executeUpdate();
    cases.removeIf(c -> c.key().equals(merged.key()));
    cases.add(merged);
    return cases;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  List<Gift.DisputeCase> of(long giftId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select case_key, stage, inquiry, amount, funds_withdrawn, funds_reinstated"
                    + " from gift_dispute where gift_id = ?1 order by case_key")
            .setParameter(1, giftId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Gift.DisputeCase(
                    (String) r[0],
                    (String) r[1],
                    (Boolean) r[2],
                    ((Number) r[3]).longValue(),
                    (Boolean) r[4],
                    (Boolean) r[5]))
        .toList();
  }
}
