package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one unit of each service cost: the program spending divided by the units delivered over the
 * 12 months that end with a given month. Each month has its own version, and a unit cost is never
 * shown without the basis it came from.
 */
@ApplicationScoped
class UnitCosts {

  @PersistenceContext EntityManager em;

  /** A unit cost and what it is made of. */
  public record Basis(
      String serviceType, YearMonth from, YearMonth to, long spent, long units, String currency) {

    boolean known() {
      return spent > 0 && units > 0;
    }

    /** The unit cost in minor units, rounded to a whole cent. */
    long unitCost() {
      return exact().setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    BigDecimal exact() {
      return BigDecimal.valueOf(spent).divide(BigDecimal.valueOf(units), MathContext.DECIMAL64);
    }

    /** What {@code count} units cost at this unit cost, in whole minor units. */
    long costOf(long count) {
      return BigDecimal.valueOf(spent)
          .multiply(BigDecimal.valueOf(count))
          .divide(BigDecimal.valueOf(units), 0, RoundingMode.HALF_UP)
          .longValueExact();
    }
  }

  /** A service type's count in a month and its basis: what that month's services cost. */
  record Delivered(String serviceType, long count, Basis basis) {
    long cost() {
      return basis.costOf(count);
    }
  }

  /**
   * What was delivered in {@code month} of the service types whose unit cost is known, in grid
   * order. A month with nothing counted costs one query.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Delivered> delivered(YearMonth month) {
    Map<String, Long> counts = new HashMap<>();
    for (Object row :
        em.createNativeQuery(
                "select service_type, count from service_count where month = ?1 and count > 0")
            .setParameter(1, month.toString())
            .getResultList()) {
      Object[] r = (Object[]) row;
      counts.put((String) r[0], ((Number) r[1]).longValue());
    }
    if (counts.isEmpty()) {
      return List.of();
    }
    List<Delivered> out = new ArrayList<>();
    for (Basis b : at(month).values()) {
      Long count = counts.get(b.serviceType());
      if (count != null && b.known()) {
        out.add(new Delivered(b.serviceType(), count, b));
      }
    }
    return out;
  }

  /** Every service type's basis for the 12 months ending with {@code end}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Basis> at(YearMonth end) {
    YearMonth from = end.minusMonths(11);
    Map<String, Basis> out = new LinkedHashMap<>();
    for (Object row :
        em.createNativeQuery(
                "select t.code, coalesce(s.spent, 0), coalesce(c.units, 0), s.currency"
                    + " from service_type t"
                    + " left join (select service_type, sum(amount) spent, max(currency) currency"
                    + "   from service_spending where month between ?1 and ?2 group by 1) s"
                    + "   on s.service_type = t.code"
                    + " left join (select service_type, sum(count) units"
                    + "   from service_count where month between ?1 and ?2 group by 1) c"
                    + "   on c.service_type = t.code"
                    + " order by t.position, t.code")
            .setParameter(1, from.toString())
            .setParameter(2, end.toString())
            .getResultList()) {
      Object[] r = (Object[]) row;
      out.put(
          (String) r[0],
          new Basis(
              (String) r[0],
              from,
              end,
              ((Number) r[1]).longValue(),
              ((Number) r[2]).longValue(),
              (String) r[3]));
    }
    return out;
  }
}
