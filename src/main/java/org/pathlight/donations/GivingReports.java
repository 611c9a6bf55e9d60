package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.YearMonth;
import java.util.List;
import org.pathlight.common.Organization;

/**
 * Fundraising reports over the ledger: totals by fund and month, and donor retention. A gift counts
 * when it was paid and is not a test, a void or a returned check, in the month and year it was
 * received (organisation time). Refunds and lost chargebacks come off the month of the gift they
 * return. Processing fees are Stripe's own where it has reported them ({@link GiftFees}), and
 * estimated from the configured rate for online gifts whose charge has not settled yet.
 */
@ApplicationScoped
class GivingReports {

  /**
   * The day a paid gift (alias {@code g}) counts on, as a SQL term: the date on the check, or the
   * day it was paid in the organisation's time zone (the parameter {@code zone}). The reports and
   * the staff home count by it.
   */
  static String receivedDay(String zone) {
    return "coalesce(g.received_on, cast(timezone(" + zone + ", g.paid_at) as date))";
  }

  private static final String DAY = receivedDay("?1");

  private static final String COUNTED =
      " g.paid_at is not null and not g.test and g.voided_at is null";

  @PersistenceContext EntityManager em;
  @Inject Organization org;
  @Inject GivingSettings settings;
  @Inject Funds funds;

  @Transactional(Transactional.TxType.SUPPORTS)
  List<ReportsResource.FundMonth> byFundAndMonth(YearMonth from, YearMonth to) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select to_char("
                    + DAY
                    + ", 'YYYY-MM'), g.fund_code, g.currency, count(*), sum(g.amount_charged),"
                    + " sum(g.refunded_amount), sum(g.charged_back_amount),"
                    + " sum(case when g.processor_fee is not null then g.processor_fee"
                    + "   when g.source = 'online'"
                    + "   then round(g.amount_charged * ?4 / 10000.0) + ?5 else 0 end),"
                    + " count(*) filter (where g.processor_fee is null and g.source = 'online')"
                    + " from gift g where"
                    + COUNTED
                    + " and "
                    + DAY
                    + " >= ?2 and "
                    + DAY
                    + " < ?3 group by 1, 2, 3 order by 1, 2, 3")
            .setParameter(1, org.zone().getId())
            .setParameter(2, java.sql.Date.valueOf(from.atDay(1)))
            .setParameter(3, java.sql.Date.valueOf(to.plusMonths(1).atDay(1)))
            .setParameter(4, settings.feeBasisPoints())
            .setParameter(5, settings.feeFixed())
            .getResultList();
    java.util.Map<String, String> names = new java.util.HashMap<>();
    funds.all().forEach(f -> names.put(f.code(), f.name()));
    return rows.stream()
        .map(
            r -> {
              long gross = ((Number) r[4]).longValue();
              long refunded = ((Number) r[5]).longValue();
              long chargedBack = ((Number) r[6]).longValue();
              long fees = ((Number) r[7]).longValue();
              long net = Math.max(0, gross - refunded - chargedBack);
              return new ReportsResource.FundMonth(
                  (String) r[0],
                  (String) r[1],
                  names.getOrDefault((String) r[1], (String) r[1]),
                  (String) r[2],
                  ((Number) r[3]).longValue(),
                  gross,
                  refunded,
                  chargedBack,
                  net,
                  fees,
                  ((Number) r[8]).longValue(),
                  net - fees);
            })
        .toList();
  }

  /** Each counted donor's years of giving, as a SQL common table expression. */
  private static final String YEARS =
      "with given as (select g.supporter_id, extract(year from "
          + DAY
          + ")::int y from gift g where"
          + COUNTED
          + " and g.amount_charged - g.refunded_amount - g.charged_back_amount > 0),"
          + " donors as (select supporter_id, min(y) first_year,"
          + " bool_or(y = ?2) this_year, bool_or(y = ?2 - 1) last_year,"
          + " bool_or(y < ?2 - 1) before_last from given where y <= ?2 group by 1)";

  @Transactional(Transactional.TxType.SUPPORTS)
  ReportsResource.Retention retention(int year) {
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    YEARS
                        + " select count(*) filter (where this_year),"
                        + " count(*) filter (where last_year),"
                        + " count(*) filter (where last_year and this_year),"
                        + " count(*) filter (where first_year = ?2),"
                        + " count(*) filter (where last_year and not this_year),"
                        + " count(*) filter (where before_last and not last_year and not this_year),"
                        + " count(*) filter (where first_year = ?2 - 1),"
                        + " count(*) filter (where first_year = ?2 - 1 and this_year)"
                        + " from donors")
                .setParameter(1, org.zone().getId())
                .setParameter(2, year)
                .getSingleResult();
    long[] n = new long[8];
    for (int i = 0; i < 8; i++) {
      n[i] = ((Number) r[i]).longValue();
    }
    return new ReportsResource.Retention(
        year,
        n[0],
        n[1],
        n[2],
        n[3],
        n[4],
        n[5],
        n[6],
        n[7],
        n[1] == 0 ? null : (double) n[2] / n[1],
        n[6] == 0 ? null : (double) n[7] / n[6]);
  }

  /** LYBUNT (gave last year, not this) or SYBUNT (gave before last year, not since) donors. */
  @Transactional(Transactional.TxType.SUPPORTS)
  List<ReportsResource.Lapsed> lapsed(int year, boolean lastYear, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                YEARS
                    + " select s.id, s.email, s.first_name, s.last_name, t.last_gift, t.currency,"
                    + " t.last_year_total, t.lifetime from donors d"
                    + " join supporter s on s.id = d.supporter_id"
                    + " join lateral (select max("
                    + DAY
                    + ") last_gift, min(g.currency) currency,"
                    + " coalesce(sum(g.amount_charged - g.refunded_amount - g.charged_back_amount)"
                    + "   filter (where extract(year from "
                    + DAY
                    + ") = ?2 - 1), 0) last_year_total,"
                    + " sum(g.amount_charged - g.refunded_amount - g.charged_back_amount) lifetime"
                    + " from gift g where g.supporter_id = d.supporter_id and"
                    + COUNTED
                    + ") t on true"
                    + " where not d.this_year and "
                    + (lastYear ? "d.last_year" : "d.before_last and not d.last_year")
                    + " order by t.lifetime desc, s.id limit ?3")
            .setParameter(1, org.zone().getId())
            .setParameter(2, year)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream()
        .map(
            x ->
                new ReportsResource.Lapsed(
                    ((Number) x[0]).longValue(),
                    (String) x[1],
                    (String) x[2],
                    (String) x[3],
                    x[4] == null ? null : ((java.sql.Date) x[4]).toLocalDate(),
                    (String) x[5],
                    ((Number) x[6]).longValue(),
                    ((Number) x[7]).longValue()))
        .toList();
  }
}
