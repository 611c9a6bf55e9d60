package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.donations.ServiceCosts;

/**
 * Services delivered, one count per service type and month, and the program spending beside them.
 * Setting a count replaces the month's value: the old one goes to the history table (only admins
 * read it), the change to the audit trail, and the release ledger is marked to be redone from that
 * month.
 */
@ApplicationScoped
class ServiceCounts {

  /** The most services of one type in one month anyone could enter. */
  static final long MAX_COUNT = 10_000_000;

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Releases releases;
  @Inject Organization org;
  @Inject Clock clock;
  @Inject Event<ServiceCosts.Changed> costsChanged;

  /** One cell of the grid as staff entered it (raw: the staff grid is the one place it is). */
  public record Cell(String serviceType, String month, long count) {}

  /** One replaced value. */
  public record Change(
      String serviceType, String month, long oldCount, long newCount, Instant at, String by) {}

  /** The latest month anyone may enter: this one, in the organisation's time. */
  YearMonth latest() {
    return YearMonth.from(org.today());
  }

  /** Sets one month's count; true if it changed anything. */
  @Transactional(Transactional.TxType.MANDATORY)
  boolean set(String type, YearMonth month, long count, String actor, String ip) {
    Timestamp now = Timestamp.from(clock.instant());
    int inserted =
        em.createNativeQuery(
                "insert into service_count (service_type, month, count, updated_at, updated_by)"
                    + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
            .setParameter(1, type)
            .setParameter(2, month.toString())
            .setParameter(3, count)
            .setParameter(4, now)
            .setParameter(5, actor)
            .executeUpdate();
    Long before = null;
    if (inserted == 0) {
      before =
          ((Number)
                  em.createNativeQuery(
                          "select count from service_count where service_type = ?1"
                              + " and month = ?2 for update")
                      .setParameter(1, type)
                      .setParameter(2, month.toString())
                      .getSingleResult())
              .longValue();
      if (before == count) {
        return false;
      }
      em.createNativeQuery(
              "update service_count set count = ?3, updated_at = ?4, updated_by = ?5"
                  + " where service_type = ?1 and month = ?2")
          .setParameter(1, type)
          .setParameter(2, month.toString())
          .setParameter(3, count)
          .setParameter(4, now)
          .setParameter(5, actor)
          .executeUpdate();
      em.createNativeQuery(
              "insert into service_count_history (service_type, month, old_count, new_count,"
                  + " changed_at, changed_by) values (?1, ?2, ?3, ?4, ?5, ?6)")
          .setParameter(1, type)
          .setParameter(2, month.toString())
          .setParameter(3, before)
          .setParameter(4, count)
          .setParameter(5, now)
          .setParameter(6, actor)
          .executeUpdate();
    }
    audit.record(
        actor,
        "impact.count.set",
        "service_count",
        type + "/" + month,
        before == null ? null : Map.of("count", before),
        Map.of("count", count),
        ip);
    releases.redoFrom(month);
    // a correction inside a published quarter moves its unit costs
    costsChanged.fire(new ServiceCosts.Changed());
    return true;
  }

  /** Sets one month's count on its own. */
  @Transactional
  public Cell put(String type, YearMonth month, long count, String actor, String ip) {
    set(type, month, count, actor, ip);
    return new Cell(type, month.toString(), count);
  }

  /** Sets one month's spending; true if it changed anything. */
  @Transactional(Transactional.TxType.MANDATORY)
  boolean spend(
      String type, YearMonth month, long amount, String currency, String actor, String ip) {
    int changed =
        em.createNativeQuery(
                "insert into service_spending (service_type, month, currency, amount,"
                    + " updated_at, updated_by) values (?1, ?2, ?3, ?4, ?5, ?6)"
                    + " on conflict (service_type, month) do update set amount = excluded.amount,"
                    + " currency = excluded.currency, updated_at = excluded.updated_at,"
                    + " updated_by = excluded.updated_by"
                    + " where service_spending.amount <> excluded.amount"
                    + " or service_spending.currency <> excluded.currency")
            .setParameter(1, type)
            .setParameter(2, month.toString())
            .setParameter(3, currency)
            .setParameter(4, amount)
            .setParameter(5, Timestamp.from(clock.instant()))
            .setParameter(6, actor)
            .executeUpdate();
    if (changed == 0) {
      return false;
    }
    audit.record(
        actor,
        "impact.spending.set",
        "service_spending",
        type + "/" + month,
        null,
        Map.of("amount", amount, "currency", currency),
        ip);
    releases.redoFrom(month);
    // a correction inside a published quarter moves its unit costs
    costsChanged.fire(new ServiceCosts.Changed());
    return true;
  }

  /** The grid: every entered count from {@code from} to {@code to}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Cell> grid(YearMonth from, YearMonth to) {
    List<Cell> out = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "select service_type, month, count from service_count"
                    + " where month between ?1 and ?2 order by month, service_type")
            .setParameter(1, from.toString())
            .setParameter(2, to.toString())
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.add(new Cell((String) r[0], (String) r[1], ((Number) r[2]).longValue()));
    }
    return out;
  }

  /** The replaced values, newest first (admins only). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Change> history(int limit) {
    List<Change> out = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "select service_type, month, old_count, new_count, changed_at, changed_by"
                    + " from service_count_history order by id desc limit ?1")
            .setParameter(1, limit)
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.add(
          new Change(
              (String) r[0],
              (String) r[1],
              ((Number) r[2]).longValue(),
              ((Number) r[3]).longValue(),
              ((Timestamp) r[4]).toInstant(),
              (String) r[5]));
    }
    return out;
  }
}
