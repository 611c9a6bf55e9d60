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
 * with nothing changed changes nothing. Runs take turns through a transaction-scoped advisory lock:
 * a run that finds another one going does nothing (the job) or answers 409 (staff). A correction
 * never waits for a run: it moves {@code dirty_from} back and bumps {@code dirty_version}, and a
 * run that started before it leaves the mark for the next one.
 */
@ApplicationScoped
class Releases {

  private static final Logger LOG = Logger.getLogger(Releases.class.getName());

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
    em.createNativeQuery(
            "update release_state set dirty_from = least(dirty_from, ?1),"
                + " dirty_version = dirty_version + 1 where id = 1")
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
    return run()
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "release-running",
                    "Another release is running (the hourly job or a colleague)."
                        + " Try again when it has finished."));
  }

  /**
   * Releases every month that is over and not released yet, and redoes marked ones; nothing when
   * another run holds the lock (it does the same work).
   */
  @Transactional
  public Outcome catchUp() {
    return run().orElseGet(() -> new Outcome(null, null, 0, 0, 0));
  }

  /** Any instance's runs take turns on this lock; it ends with the transaction. */
  private static final long LOCK = 0x7061_7468_6c69_6768L;

  private java.util.Optional<Outcome> run() {
    Object locked =
        em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
            .setParameter(1, LOCK)
            .getSingleResult();
    if (!Boolean.TRUE.equals(locked)) {
      LOG.info("Impact releases: another run holds the lock; leaving it the work");
      return java.util.Optional.empty();
    }
    Object[] state =
        (Object[])
            em.createNativeQuery(
                    "select released_through, dirty_from, dirty_version from release_state"
                        + " where id = 1")
                .getSingleResult();
    long version = ((Number) state[2]).longValue();
    YearMonth target = lastClosed();
    YearMonth from = state[1] == null ? null : YearMonth.parse((String) state[1]);
    Object overdrawn =
        em.createNativeQuery(
                "select min(first) from (select min(r.month) first from impact_gift g"
                    + " join fund_release r on r.gift_id = g.id where g.reduced"
                    + " group by r.gift_id, g.net, g.fund_code"
                    + " having sum(r.amount) > g.net or bool_or(r.fund_code <> g.fund_code)) x")
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
      em.createNativeQuery(
              "update release_state set dirty_from = null where id = 1 and dirty_version = ?1")
          .setParameter(1, version)
          .executeUpdate();
      return java.util.Optional.of(
          new Outcome(null, state[0] == null ? null : (String) state[0], 0, 0, 0));
    }
    em.createNativeQuery("delete from fund_release where month >= ?1")
        .setParameter(1, from.toString())
        .executeUpdate();
    long releases = 0;
    long amount = 0;
    Map<String, ServiceType> all = new HashMap<>();
    types.all().forEach(t -> all.put(t.code(), t));
    Run run = new Run();
    for (YearMonth k : Periods.months(from, target)) {
      long[] done = release(k, all, run);
      run.flush();
      releases += done[0];
      amount += done[1];
    }
    em.createNativeQuery(
            "update release_state set released_through = ?1, updated_at = ?2,"
                + " dirty_from = case when dirty_version = ?3 then null else dirty_from end"
                + " where id = 1")
        .setParameter(1, target.toString())
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, version)
        .executeUpdate();
    Outcome outcome =
        new Outcome(
            from.toString(),
            target.toString(),
            Periods.months(from, target).size(),
            releases,
            amount);
    LOG.info(() -> "Impact releases: " + outcome);
    return java.util.Optional.of(outcome);
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
  private long[] release(YearMonth month, Map<String, ServiceType> types, Run run) {
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
        long[] done =
            releaseFrom(run, fund, d.serviceType(), month, d.count(), cost, remaining, end);
        releases += done[0];
        amount += done[1];
        remaining -= done[1];
      }
    }
    return new long[] {releases, amount};
  }

  /**
   * One run's memory: per fund, the gifts that still hold money, oldest first, read once (with what
   * they released before the run) and spent in memory, first in, first out. A gift's release is a
   * row here until the month is written in one go.
   */
  private final class Run {
    final Map<String, Queue> funds = new HashMap<>();
    final List<Object[]> rows = new java.util.ArrayList<>();

    Queue queue(String fund) {
      return funds.computeIfAbsent(fund, this::load);
    }

    /** The fund's gifts with money left, oldest first (by date given, then id). */
    private Queue load(String fund) {
      @SuppressWarnings("unchecked")
      List<Object[]> gifts =
          em.createNativeQuery(
                  "select g.id, g.given_at, g.net - coalesce(r.amount, 0) from impact_gift g"
                      + " left join (select gift_id, sum(amount) amount from fund_release"
                      + "   where fund_code = ?1 group by 1) r on r.gift_id = g.id"
                      + " where g.fund_code = ?1 and g.currency = ?2"
                      + " and g.net > coalesce(r.amount, 0)"
                      + " order by g.given_at, g.id")
              .setParameter(1, fund)
              .setParameter(2, settings.currency())
              .getResultList();
      Queue q = new Queue(gifts.size());
      for (Object[] g : gifts) {
        q.add(
            ((Number) g[0]).longValue(), ((Timestamp) g[1]).getTime(), ((Number) g[2]).longValue());
      }
      return q;
    }

    void add(long gift, YearMonth month, String type, String fund, long amount, BigDecimal units) {
      rows.add(new Object[] {gift, month.toString(), type, fund, amount, units});
    }

    /**
     * Writes the month's releases in one statement per {@code INSERT_ROWS}: each column travels as
     * comma-joined text (codes and months hold no commas) and is unnested in the database, so the
     * statement has six parameters however many rows it holds.
     */
    void flush() {
      for (int i = 0; i < rows.size(); i += INSERT_ROWS) {
        List<Object[]> part = rows.subList(i, Math.min(rows.size(), i + INSERT_ROWS));
        jakarta.persistence.Query insert =
            em.createNativeQuery(
                "insert into fund_release (gift_id, month, service_type, fund_code, amount, units)"
                    + " select * from unnest(cast(string_to_array(?1, ',') as bigint[]),"
                    + " string_to_array(?2, ','), string_to_array(?3, ','),"
                    + " string_to_array(?4, ','), cast(string_to_array(?5, ',') as bigint[]),"
                    + " cast(string_to_array(?6, ',') as numeric[]))");
        for (int c = 0; c < 6; c++) {
          StringBuilder column = new StringBuilder();
          for (Object[] row : part) {
            if (!column.isEmpty()) {
              column.append(',');
            }
            column.append(
                row[c] instanceof BigDecimal d ? d.toPlainString() : String.valueOf(row[c]));
          }
          insert.setParameter(c + 1, column.toString());
        }
        insert.executeUpdate();
      }
      rows.clear();
    }
  }

  /** A fund's gifts with money left, in the order they are spent. */
  private static final class Queue {
    final long[] ids;
    final long[] givenAt;
    final long[] left;
    int size;
    int head;

    Queue(int capacity) {
      ids = new long[capacity];
      givenAt = new long[capacity];
      left = new long[capacity];
    }

    void add(long id, long at, long balance) {
      ids[size] = id;
      givenAt[size] = at;
      left[size] = balance;
      size++;
    }
  }

  private static final int INSERT_ROWS = 20_000;

  /**
   * Releases up to {@code wanted} from {@code fund}'s gifts given before {@code end}, oldest first;
   * {releases, amount}.
   */
  private long[] releaseFrom(
      Run run,
      String fund,
      String type,
      YearMonth month,
      long count,
      long cost,
      long wanted,
      Instant end) {
    Queue q = run.queue(fund);
    long before = end.toEpochMilli();
    long left = wanted;
    long releases = 0;
    for (int i = q.head; i < q.size && left > 0 && q.givenAt[i] < before; i++) {
      long take = Math.min(q.left[i], left);
      BigDecimal units =
          BigDecimal.valueOf(take)
              .multiply(BigDecimal.valueOf(count))
              .divide(BigDecimal.valueOf(cost), 6, RoundingMode.DOWN);
      if (take > 0 && units.signum() > 0) {
        run.add(q.ids[i], month, type, fund, take, units);
        releases++;
        left -= take;
        q.left[i] -= take;
      }
      if (q.left[i] == 0 && i == q.head) {
        q.head++;
      }
    }
    return new long[] {releases, wanted - left};
  }
}
