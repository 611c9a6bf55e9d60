package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;

/**
 * The restricted-fund ledger. As a fund's services are delivered, its gifts are released at that
 * month's unit cost, oldest gift first (by the date it was given, then its id). A release never
 * exceeds what is left of a gift (after refunds and lost disputes) nor what was delivered: what
 * restricted money does not cover is left to unrestricted money.
 *
 * <p>Months are released in order, once each is over. A correction of a count or of spending, and a
 * refund or a lost dispute that leaves a gift with less than it released, mark the ledger to be
 * redone from that month: every release from it on is worked out again from the data, so a re-run
 * with nothing changed changes nothing. The one {@code release_state} row is locked while this
 * runs, so instances take turns.
 */
@ApplicationScoped
class Releases {

  private static final Logger LOG = Logger.getLogger(Releases.class.getName());
  private static final int PAGE = 500;

  @PersistenceContext EntityManager em;
  @Inject UnitCosts unitCosts;
  @Inject ServiceTypes types;
  @Inject ImpactSettings settings;
  @Inject Organization org;
  @Inject Clock clock;

  /** What a run did. */
  public record Outcome(String from, String through, int months, long releases, long amount) {}

  /** Marks the ledger to be redone from {@code month}, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  void redoFrom(YearMonth month) {
    em.createNativeQuery("update release_state set dirty_from = least(dirty_from, ?1) where id = 1")
        .setParameter(1, month.toString())
        .executeUpdate();
  }

  /** The last month that is over, in the organisation's time: the latest one released. */
  YearMonth lastClosed() {
    return YearMonth.from(org.today()).minusMonths(1);
  }

  /** Redoes {@code month} and every month after it now, as the job would. */
  @Transactional
  public Outcome rerun(YearMonth month) {
    if (month.isAfter(lastClosed())) {
      throw ProblemException.invalid(
          "month", "is not over yet: the latest month that can be released is " + lastClosed());
    }
    redoFrom(month);
    return catchUp();
  }

  /** Releases every month that is over and not released yet, and redoes marked ones. */
  @Transactional
  public Outcome catchUp() {
    Object[] state =
        (Object[])
            em.createNativeQuery(
                    "select released_through, dirty_from from release_state where id = 1"
                        + " for update")
                .getSingleResult();
    YearMonth target = lastClosed();
    YearMonth from = state[1] == null ? null : YearMonth.parse((String) state[1]);
    Object overdrawn =
        em.createNativeQuery(
                "select min(first) from (select min(r.month) first from fund_release r"
                    + " join impact_gift g on g.id = r.gift_id group by r.gift_id, g.net"
                    + " having sum(r.amount) > g.net) x")
            .getSingleResult();
    if (overdrawn != null) {
      from = earlier(from, YearMonth.parse((String) overdrawn));
    }
    YearMonth next =
        state[0] == null ? firstCounted() : YearMonth.parse((String) state[0]).plusMonths(1);
    if (next != null) {
      from = earlier(from, next);
    }
    if (from == null || from.isAfter(target)) {
      em.createNativeQuery("update release_state set dirty_from = null where id = 1")
          .executeUpdate();
      return new Outcome(null, state[0] == null ? null : (String) state[0], 0, 0, 0);
    }
    em.createNativeQuery("delete from fund_release where month >= ?1")
        .setParameter(1, from.toString())
        .executeUpdate();
    long releases = 0;
    long amount = 0;
    Map<String, ServiceType> all = new HashMap<>();
    types.all().forEach(t -> all.put(t.code(), t));
    for (YearMonth k : Periods.months(from, target)) {
      long[] done = release(k, all);
      releases += done[0];
      amount += done[1];
    }
    em.createNativeQuery(
            "update release_state set released_through = ?1, dirty_from = null, updated_at = ?2"
                + " where id = 1")
        .setParameter(1, target.toString())
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
    Outcome outcome =
        new Outcome(
            from.toString(),
            target.toString(),
            Periods.months(from, target).size(),
            releases,
            amount);
    LOG.info(() -> "Impact releases: " + outcome);
    return outcome;
  }

  private static YearMonth earlier(YearMonth a, YearMonth b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private YearMonth firstCounted() {
    Object first =
        em.createNativeQuery("select min(month) from service_count where count > 0")
            .getSingleResult();
    return first == null ? null : YearMonth.parse((String) first);
  }

  /** Releases one month; {releases, amount}. */
  private long[] release(YearMonth month, Map<String, ServiceType> types) {
    List<UnitCosts.Delivered> delivered = unitCosts.delivered(month);
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(org.zone()).toInstant();
    long releases = 0;
    long amount = 0;
    for (UnitCosts.Delivered d : delivered) {
      long cost = d.cost();
      long remaining = cost;
      for (String fund : types.get(d.serviceType()).funds()) {
        if (remaining == 0) {
          break;
        }
        long[] done = releaseFrom(fund, d.serviceType(), month, d.count(), cost, remaining, end);
        releases += done[0];
        amount += done[1];
        remaining -= done[1];
      }
    }
    return new long[] {releases, amount};
  }

  /** Releases up to {@code wanted} from {@code fund}'s gifts, oldest first; {releases, amount}. */
  private long[] releaseFrom(
      String fund, String type, YearMonth month, long count, long cost, long wanted, Instant end) {
    long left = wanted;
    long releases = 0;
    Timestamp afterAt = new Timestamp(0);
    long afterId = 0;
    while (left > 0) {
      @SuppressWarnings("unchecked")
      List<Object[]> page =
          em.createNativeQuery(
                  "select g.id, g.given_at, g.net - coalesce((select sum(r.amount)"
                      + " from fund_release r where r.gift_id = g.id), 0)"
                      + " from impact_gift g where g.fund_code = ?1 and g.currency = ?2"
                      + " and g.given_at < ?3 and (g.given_at, g.id) > (?4, ?5)"
                      + " order by g.given_at, g.id limit "
                      + PAGE)
              .setParameter(1, fund)
              .setParameter(2, settings.currency())
              .setParameter(3, Timestamp.from(end))
              .setParameter(4, afterAt)
              .setParameter(5, afterId)
              .getResultList();
      for (Object[] g : page) {
        afterId = ((Number) g[0]).longValue();
        afterAt = (Timestamp) g[1];
        long balance = ((Number) g[2]).longValue();
        if (balance <= 0) {
          continue;
        }
        long take = Math.min(balance, left);
        BigDecimal units =
            BigDecimal.valueOf(take)
                .multiply(BigDecimal.valueOf(count))
                .divide(BigDecimal.valueOf(cost), 6, RoundingMode.DOWN);
        if (units.signum() > 0) {
          em.createNativeQuery(
                  "insert into fund_release (gift_id, month, service_type, fund_code, amount,"
                      + " units) values (?1, ?2, ?3, ?4, ?5, ?6)")
              .setParameter(1, afterId)
              .setParameter(2, month.toString())
              .setParameter(3, type)
              .setParameter(4, fund)
              .setParameter(5, take)
              .setParameter(6, units)
              .executeUpdate();
          releases++;
          left -= take;
        }
        if (left == 0) {
          break;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    return new long[] {releases, wanted - left};
  }
}
