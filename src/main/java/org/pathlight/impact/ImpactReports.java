package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.MoneyText;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.donations.ServiceCosts;

/**
 * Everything impact shows outside the staff grid: the published quarters, the unit costs, what a
 * donor's gifts helped fund, and the fund ledger. Every count passes {@link Suppression}. Nothing
 * here is real time: the public and donors see published quarters only.
 */
@ApplicationScoped
class ImpactReports {

  @PersistenceContext EntityManager em;
  @Inject ImpactSettings settings;
  @Inject ServiceTypes types;
  @Inject UnitCosts unitCosts;
  @Inject Organization org;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject Event<ServiceCosts.Changed> costsChanged;

  /** One service type's count in a period, as it may be shown. */
  public record ServiceCount(
      String serviceType,
      String name,
      String unitPlural,
      @JsonbNillable Long count,
      String display) {}

  /** A published quarter. */
  public record Period(String period, List<ServiceCount> services) {}

  /** The public report. */
  public record Public(int threshold, List<Period> periods) {}

  /** A unit cost with its basis; units (and the spending that would give them back) suppressed. */
  public record UnitCost(
      String serviceType, @JsonbNillable Money unitCost, String display, BasisView basis) {}

  public record Money(long amount, String currency) {}

  public record BasisView(
      String from,
      String to,
      @JsonbNillable Money spent,
      @JsonbNillable Long units,
      String unitsDisplay,
      String text) {}

  /** One line of a donor's impact. */
  public record DonorLine(String serviceType, @JsonbNillable Long units, String display) {}

  public record DonorImpact(int year, List<DonorLine> lines, String basis, String sentence) {}

  /** The quarters published, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Periods.Quarter> published() {
    List<Periods.Quarter> out = new ArrayList<>();
    for (Object p :
        em.createNativeQuery("select period from impact_publication order by period")
            .getResultList()) {
      out.add(Periods.quarter("period", (String) p));
    }
    return out;
  }

  /** Each service type's count per published quarter (raw: callers suppress). */
  Map<String, Map<String, Long>> quarterCells() {
    Map<String, Map<String, Long>> cells = new TreeMap<>();
    for (Object row :
        em.createNativeQuery(
                "select p.period, c.service_type, sum(c.count) from service_count c"
                    + " join impact_publication p on p.period = substr(c.month, 1, 4) || '-Q'"
                    + " || ((cast(substr(c.month, 6, 2) as integer) + 2) / 3)"
                    + " group by 1, 2")
            .getResultList()) {
      Object[] r = (Object[]) row;
      cells
          .computeIfAbsent((String) r[0], k -> new LinkedHashMap<>())
          .put((String) r[1], ((Number) r[2]).longValue());
    }
    return cells;
  }

  /**
   * A public output kept by this instance with the state of the data it was made from ({@link
   * #version()}), and made again when that state has moved.
   */
  private static final class Kept<T> {
    private record Made<T>(String version, T value) {}

    private volatile Made<T> made;

    T get(String version, java.util.function.Supplier<T> make) {
      Made<T> m = made;
      if (m == null || !m.version().equals(version)) {
        m = new Made<>(version, make.get());
        made = m;
      }
      return m.value();
    }
  }

  private final Kept<Public> keptReport = new Kept<>();
  private final Kept<List<UnitCost>> keptUnitCosts = new Kept<>();

  /**
   * What the public outputs are made from, in one cheap query: the quarters published, every change
   * of a count or of spending (each bumps {@code release_state.dirty_version}) and every service
   * type's version. Any instance's change moves it, so each instance's copy is checked on every
   * request.
   */
  private String version() {
    return (String)
        em.createNativeQuery(
                "select (select count(*) from impact_publication) || ':'"
                    + " || (select dirty_version from release_state where id = 1) || ':'"
                    + " || (select count(*) || '/' || coalesce(sum(version), 0) from service_type)")
            .getSingleResult();
  }

  /** The public report: made again only when a publication, a count or a service type changed. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Public publicReport() {
    return keptReport.get(version(), this::makePublicReport);
  }

  private Public makePublicReport() {
    Map<String, Map<String, Long>> cells = quarterCells();
    List<ServiceType> all = types.all();
    List<Period> periods = new ArrayList<>();
    for (Periods.Quarter q : published()) {
      periods.add(period(q, cells.getOrDefault(q.toString(), Map.of()), all));
    }
    return new Public(settings.suppression().threshold(), List.copyOf(periods));
  }

  /**
   * An unpublished quarter exactly as the public would see it once published: the preview staff
   * look at before they publish (small counts hidden here too).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Period preview(Periods.Quarter q) {
    Map<String, Long> row = new LinkedHashMap<>();
    for (Object r :
        em.createNativeQuery(
                "select service_type, sum(count) from service_count where month between ?1 and ?2"
                    + " group by 1")
            .setParameter(1, q.first().toString())
            .setParameter(2, q.last().toString())
            .getResultList()) {
      Object[] c = (Object[]) r;
      row.put((String) c[0], ((Number) c[1]).longValue());
    }
    return period(q, row, types.all());
  }

  private Period period(Periods.Quarter q, Map<String, Long> row, List<ServiceType> all) {
    Suppression rule = settings.suppression();
    List<ServiceCount> services = new ArrayList<>();
    for (ServiceType t : all) {
      Suppression.Shown shown = rule.count(row.getOrDefault(t.code(), 0L));
      services.add(
          new ServiceCount(t.code(), t.name(), t.unitPlural(), shown.count(), shown.display()));
    }
    return new Period(q.toString(), services);
  }

  /**
   * The unit costs over the four quarters that end with the latest published one. Units are a total
   * of those quarters: if one of them is hidden, the units and the spending (which with the unit
   * cost would give the units back) are not shown.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<UnitCost> publicUnitCosts() {
    return keptUnitCosts.get(version(), this::makePublicUnitCosts);
  }

  private List<UnitCost> makePublicUnitCosts() {
    List<Periods.Quarter> published = published();
    if (published.isEmpty()) {
      return List.of();
    }
    Periods.Quarter last = published.get(published.size() - 1);
    Map<String, List<Long>> quarters = quartersOf(last);
    List<UnitCost> out = new ArrayList<>();
    for (UnitCosts.Basis b : unitCosts.at(last.last()).values()) {
      out.add(unitCost(b, quarters.getOrDefault(b.serviceType(), List.of())));
    }
    return List.copyOf(out);
  }

  /** Each service type's four quarter counts ending with {@code last}, published or not. */
  private Map<String, List<Long>> quartersOf(Periods.Quarter last) {
    Map<String, List<Long>> out = new TreeMap<>();
    for (Object row :
        em.createNativeQuery(
                "select service_type, (cast(substr(month, 1, 4) as integer) * 4"
                    + " + (cast(substr(month, 6, 2) as integer) - 1) / 3) q, sum(count)"
                    + " from service_count where month between ?1 and ?2 group by 1, 2")
            .setParameter(1, last.last().minusMonths(11).toString())
            .setParameter(2, last.last().toString())
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(((Number) r[2]).longValue());
    }
    return out;
  }

  UnitCost unitCost(UnitCosts.Basis b, List<Long> cells) {
    Suppression rule = settings.suppression();
    String currency = b.currency() == null ? settings.currency() : b.currency();
    Suppression.Shown units = rule.total(b.units(), cells);
    boolean open = !units.hidden();
    String period = month(b.from()) + " to " + month(b.to());
    if (!b.known()) {
      return new UnitCost(
          b.serviceType(),
          null,
          "not known yet",
          new BasisView(
              b.from().toString(),
              b.to().toString(),
              null,
              units.count(),
              units.display(),
              "No spending or no services recorded " + period));
    }
    ServiceType t = types.find(b.serviceType()).orElseThrow();
    String cost = MoneyText.format(b.unitCost(), currency);
    String text =
        open
            ? cost
                + " "
                + per(t)
                + ": "
                + MoneyText.format(b.spent(), currency)
                + " spent on "
                + units.display()
                + " "
                + t.unitPlural()
                + ", "
                + period
            : cost
                + " "
                + per(t)
                + ", "
                + period
                + " (the spending and the number of "
                + t.unitPlural()
                + " are not shown: a quarter had "
                + rule.fewer()
                + ")";
    return new UnitCost(
        b.serviceType(),
        new Money(b.unitCost(), currency),
        cost + " " + per(t),
        new BasisView(
            b.from().toString(),
            b.to().toString(),
            open ? new Money(b.spent(), currency) : null,
            units.count(),
            units.display(),
            text));
  }

  /** "a night", "an outreach visit": what one unit is, without what it is of. */
  private static String per(ServiceType t) {
    String unit =
        t.unit().replaceFirst("^(night|session|visit|case|enrolment|workshop)\\b.*", "$1");
    return ("aeiou".indexOf(Character.toLowerCase(unit.charAt(0))) >= 0 ? "an " : "a ") + unit;
  }

  private static String month(YearMonth m) {
    return m.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.US)
        + " "
        + m.getYear();
  }

  /** The first day {@code quarter} may be published. */
  LocalDate opensOn(Periods.Quarter quarter) {
    return quarter.last().atEndOfMonth().plusDays(1 + settings.lagDays());
  }

  /** What is published, and the quarters that may be published now or next. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Object> publications() {
    List<Map<String, String>> published = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "select period, published_at, published_by from impact_publication"
                    + " order by period desc")
            .getResultList()) {
      Object[] r = (Object[]) row;
      published.add(
          Map.of(
              "period", (String) r[0],
              "publishedAt", ((Timestamp) r[1]).toInstant().toString(),
              "publishedBy", (String) r[2]));
    }
    java.util.Set<String> done = new java.util.HashSet<>();
    published.forEach(p -> done.add(p.get("period")));
    LocalDate today = org.today();
    List<Map<String, String>> next = new ArrayList<>();
    Periods.Quarter q = Periods.Quarter.of(YearMonth.from(today));
    for (int i = 0; i < 8; i++) {
      q = q.previous();
      if (!done.contains(q.toString())) {
        LocalDate opens = opensOn(q);
        next.add(
            Map.of(
                "period", q.toString(),
                "opensOn", opens.toString(),
                "ready", String.valueOf(!today.isBefore(opens))));
      }
    }
    return Map.of(
        "published",
        published,
        "unpublished",
        next,
        "lagDays",
        settings.lagDays(),
        "threshold",
        settings.suppression().threshold());
  }

  /** Publishes a quarter once {@code lag} days have passed since it ended; twice is once. */
  @Transactional
  public Map<String, String> publish(Periods.Quarter quarter, String actor, String ip) {
    LocalDate opens = opensOn(quarter);
    LocalDate today = org.today();
    if (today.isBefore(opens)) {
      throw ProblemException.conflict(
          "too-early-to-publish",
          quarter
              + " can be published from "
              + opens
              + ", "
              + settings.lagDays()
              + " days after it ends: impact is never shown in real time.");
    }
    int added =
        em.createNativeQuery(
                "insert into impact_publication (period, published_at, published_by)"
                    + " values (?1, ?2, ?3) on conflict do nothing")
            .setParameter(1, quarter.toString())
            .setParameter(2, Timestamp.from(clock.instant()))
            .setParameter(3, actor)
            .executeUpdate();
    if (added == 1) {
      audit.record(actor, "impact.publish", "impact_publication", quarter, null, null, ip);
      costsChanged.fire(new ServiceCosts.Changed());
    }
    return Map.of("period", quarter.toString(), "published", added == 1 ? "now" : "before");
  }
}
