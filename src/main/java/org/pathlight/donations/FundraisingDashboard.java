package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Organization;

/**
 * The fundraising part of the staff home: gifts this month against the same days last year (net of
 * refunds and lost chargebacks, by the day received), monthly donors who started and ended this
 * month, the monthly revenue of failing plans, and how many failed instalments were recovered.
 */
@ApplicationScoped
class FundraisingDashboard implements DashboardSection {

  @PersistenceContext EntityManager em;
  @Inject StaffPlans plans;
  @Inject Organization org;

  @Override
  public StaffRole role() {
    return StaffRole.FUNDRAISING;
  }

  @Override
  public String title() {
    return "Fundraising";
  }

  @Override
  public int order() {
    return 10;
  }

  /** Paid gifts received in [from, to): their count and net total per currency. */
  record Period(long gifts, String total) {}

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tile> tiles() {
    ZoneId zone = org.zone();
    LocalDate today = org.today();
    LocalDate monthStart = today.withDayOfMonth(1);
    Period now = period(monthStart, today.plusDays(1), zone);
    Period lastYear = period(monthStart.minusYears(1), today.plusDays(1).minusYears(1), zone);
    Instant since = monthStart.atStartOfDay(zone).toInstant();
    long started = count("select count(*) from recurring_plan where started_at >= ?1", since);
    long ended =
        count(
            "select count(*) from recurring_plan where (status = 'canceled' and canceled_at >= ?1)"
                + " or (status = 'lapsed' and updated_at >= ?1)",
            since);
    StaffPlans.Summary summary = plans.summary();
    List<Tile> tiles = new ArrayList<>();
    tiles.add(
        Tile.of(
            "Gifts this month",
            now.gifts() + (now.gifts() == 1 ? " gift" : " gifts") + " · " + now.total(),
            "Same days last year: " + lastYear.gifts() + " · " + lastYear.total(),
            "/staff/gifts?from=" + monthStart));
    tiles.add(
        Tile.of(
            "Monthly donors",
            started + " new · " + ended + " ended",
            "Plans started, and canceled or lapsed, this month",
            null));
    tiles.add(
        Tile.of(
                "Revenue at risk",
                Money.format(summary.revenueAtRisk(), "usd") + " a month",
                "Failing plans whose card needs an update",
                null)
            .needingAttention(summary.revenueAtRisk() > 0));
    tiles.add(
        Tile.of(
            "Recovery rate",
            summary.failedInstalments() == 0
                ? "none failed"
                : Math.round(summary.recoveryRate() * 100) + "%",
            summary.recoveredInstalments()
                + " of "
                + summary.failedInstalments()
                + " failed instalments paid later",
            null));
    return tiles;
  }

  private Period period(LocalDate from, LocalDate to, ZoneId zone) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select g.currency, count(*), coalesce(sum(g.amount_charged - g.refunded_amount"
                    + " - g.charged_back_amount), 0) from gift g"
                    + " where g.paid_at is not null and g.voided_at is null and "
                    + GivingReports.receivedDay("?3")
                    + " >= ?1 and "
                    + GivingReports.receivedDay("?3")
                    + " < ?2 group by g.currency order by count(*) desc, g.currency")
            .setParameter(1, java.sql.Date.valueOf(from))
            .setParameter(2, java.sql.Date.valueOf(to))
            .setParameter(3, zone.getId())
            .getResultList();
    long gifts = rows.stream().mapToLong(r -> ((Number) r[1]).longValue()).sum();
    String total =
        rows.isEmpty()
            ? Money.format(0, "usd")
            : rows.stream()
                .map(r -> Money.format(((Number) r[2]).longValue(), (String) r[0]))
                .collect(Collectors.joining(" + "));
    return new Period(gifts, total);
  }

  private long count(String sql, Instant since) {
    return ((Number)
            em.createNativeQuery(sql).setParameter(1, Timestamp.from(since)).getSingleResult())
        .longValue();
  }
}
