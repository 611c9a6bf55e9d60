package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathlight.common.Organization;

/**
 * What a donor's gifts helped fund in a year's published quarters: the units their restricted gifts
 * released, and their share of what unrestricted giving funded that year (their unrestricted giving
 * over everyone's). What every donor shares (the published months and counts, everyone's
 * unrestricted giving, what restricted money left uncovered) is read once per {@link Year}, so a
 * newsletter batch reads it once for all its donors instead of once each.
 */
@ApplicationScoped
class DonorImpacts {

  @PersistenceContext EntityManager em;
  @Inject ImpactReports reports;
  @Inject ImpactSettings settings;
  @Inject ServiceTypes types;
  @Inject UnitCosts unitCosts;
  @Inject Organization org;

  @Transactional(Transactional.TxType.SUPPORTS)
  public ImpactReports.DonorImpact donor(List<Long> gifts, int year) {
    return year(year).donor(gifts);
  }

  /** {@code year}'s published figures, read now, for as many donors as need them. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Year year(int year) {
    List<String> months = new ArrayList<>();
    for (Periods.Quarter q : reports.published()) {
      if (q.year() == year) {
        q.months().forEach(m -> months.add(m.toString()));
      }
    }
    Map<String, List<Long>> cells = new TreeMap<>();
    reports.quarterCells().entrySet().stream()
        .filter(e -> e.getKey().startsWith(year + "-"))
        .forEach(
            e ->
                e.getValue()
                    .forEach((t, n) -> cells.computeIfAbsent(t, k -> new ArrayList<>()).add(n)));
    ZoneId zone = org.zone();
    Timestamp from = Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant());
    long pool = months.isEmpty() ? 0 : unrestricted(from, to, null);
    Uncovered uncovered = pool == 0 ? Uncovered.NONE : uncovered(months);
    return new Year(year, months, cells, from, to, pool, uncovered, types.all());
  }

  /** What restricted money left uncovered in the published months, at each month's unit cost. */
  private record Uncovered(Map<String, BigDecimal> units, BigDecimal cost) {
    static final Uncovered NONE = new Uncovered(Map.of(), BigDecimal.ZERO);
  }

  /** One year's shared figures; {@link #donor} reads only the donor's own gifts. */
  final class Year {
    private final int year;
    private final List<String> months;
    private final Map<String, List<Long>> cells;
    private final Timestamp from;
    private final Timestamp to;
    private final long pool;
    private final Uncovered uncovered;
    private final List<ServiceType> all;

    private Year(
        int year,
        List<String> months,
        Map<String, List<Long>> cells,
        Timestamp from,
        Timestamp to,
        long pool,
        Uncovered uncovered,
        List<ServiceType> all) {
      this.year = year;
      this.months = months;
      this.cells = cells;
      this.from = from;
      this.to = to;
      this.pool = pool;
      this.uncovered = uncovered;
      this.all = all;
    }

    /** What {@code gifts} (one donor's) helped fund, small counts suppressed. */
    ImpactReports.DonorImpact donor(List<Long> gifts) {
      Map<String, BigDecimal> units = units(gifts);
      Suppression rule = settings.suppression();
      List<ImpactReports.DonorLine> lines = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (ServiceType t : all) {
        BigDecimal u = units.get(t.code());
        if (u == null || u.signum() <= 0) {
          continue;
        }
        Suppression.Shown shown = rule.share(u, cells.getOrDefault(t.code(), List.of()));
        lines.add(
            new ImpactReports.DonorLine(
                t.code(), shown.count(), shown.display() + " " + t.unitPlural()));
        parts.add(
            shown.display()
                + " "
                + (Long.valueOf(1).equals(shown.count()) ? t.unit() : t.unitPlural()));
      }
      String sentence =
          parts.isEmpty()
              ? "No services of " + year + " have been published with your gifts yet."
              : "In " + year + " your gifts helped fund " + join(parts) + ".";
      return new ImpactReports.DonorImpact(
          year,
          lines,
          "Restricted gifts pay for their fund's services as they are delivered, at that month's"
              + " unit cost (spending over units in the 12 months to it), oldest gift first;"
              + " unrestricted gifts pay a share of the rest. Only published quarters count, and"
              + " numbers under "
              + rule.threshold()
              + " are not shown.",
          sentence);
    }

    private Map<String, BigDecimal> units(List<Long> gifts) {
      Map<String, BigDecimal> out = new TreeMap<>();
      if (months.isEmpty() || gifts.isEmpty()) {
        return out;
      }
      // lists travel as comma-joined text (string_to_array), not as JDBC arrays
      String giftArray = String.join(",", gifts.stream().map(String::valueOf).toList());
      for (Object row :
          em.createNativeQuery(
                  "select service_type, sum(units) from fund_release"
                      + " where month = any(string_to_array(?1, ','))"
                      + " and gift_id = any(cast(string_to_array(?2, ',') as bigint[]))"
                      + " group by 1")
              .setParameter(1, String.join(",", months))
              .setParameter(2, giftArray)
              .getResultList()) {
        Object[] r = (Object[]) row;
        out.merge((String) r[0], (BigDecimal) r[1], BigDecimal::add);
      }
      if (pool == 0 || uncovered.cost().signum() == 0) {
        return out;
      }
      long mine = unrestricted(from, to, giftArray);
      if (mine == 0) {
        return out;
      }
      // unrestricted money funds at most what was uncovered; the donor gets their share of it
      BigDecimal funded =
          BigDecimal.valueOf(pool)
              .min(uncovered.cost())
              .divide(uncovered.cost(), MathContext.DECIMAL64);
      BigDecimal share =
          funded
              .multiply(BigDecimal.valueOf(mine))
              .divide(BigDecimal.valueOf(pool), MathContext.DECIMAL64);
      uncovered
          .units()
          .forEach(
              (type, u) ->
                  out.merge(
                      type,
                      u.multiply(share).setScale(6, RoundingMode.HALF_EVEN),
                      BigDecimal::add));
      return out;
    }
  }

  /** Unrestricted giving in [from, to): everyone's, or that of {@code giftArray}'s gifts. */
  private long unrestricted(Timestamp from, Timestamp to, String giftArray) {
    var query =
        em.createNativeQuery(
                "select coalesce(sum(net), 0) from impact_gift where not restricted"
                    + " and currency = ?1 and given_at >= ?2 and given_at < ?3"
                    + (giftArray == null
                        ? ""
                        : " and id = any(cast(string_to_array(?4, ',') as bigint[]))"))
            .setParameter(1, settings.currency())
            .setParameter(2, from)
            .setParameter(3, to);
    if (giftArray != null) {
      query.setParameter(4, giftArray);
    }
    return ((Number) query.getSingleResult()).longValue();
  }

  private Uncovered uncovered(List<String> months) {
    Map<String, BigDecimal> units = new TreeMap<>();
    BigDecimal cost = BigDecimal.ZERO;
    Map<String, Map<String, long[]>> released = releasedByMonth(String.join(",", months));
    for (String m : months) {
      for (UnitCosts.Delivered d : unitCosts.delivered(YearMonth.parse(m))) {
        long[] rel =
            released.getOrDefault(m, Map.of()).getOrDefault(d.serviceType(), new long[] {0, 0});
        long left = d.cost() - rel[0];
        if (left <= 0) {
          continue;
        }
        BigDecimal count = BigDecimal.valueOf(d.count()).subtract(BigDecimal.valueOf(rel[1], 6));
        units.merge(d.serviceType(), count.max(BigDecimal.ZERO), BigDecimal::add);
        cost = cost.add(BigDecimal.valueOf(left));
      }
    }
    return new Uncovered(units, cost);
  }

  private static String join(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  /** Released {amount, units×10⁶} per month and service type. */
  private Map<String, Map<String, long[]>> releasedByMonth(String months) {
    Map<String, Map<String, long[]>> out = new TreeMap<>();
    for (Object row :
        em.createNativeQuery(
                "select month, service_type, sum(amount), sum(units) from fund_release"
                    + " where month = any(string_to_array(?1, ',')) group by 1, 2")
            .setParameter(1, months)
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.computeIfAbsent((String) r[0], k -> new TreeMap<>())
          .put(
              (String) r[1],
              new long[] {
                ((Number) r[2]).longValue(),
                ((BigDecimal) r[3])
                    .movePointRight(6)
                    .setScale(0, RoundingMode.DOWN)
                    .longValueExact()
              });
    }
    return out;
  }
}
