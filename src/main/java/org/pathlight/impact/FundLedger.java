package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.donations.Funds;

/**
 * What staff see per fund: received, released, the balance, how many months of its services the
 * balance covers at the last three months' pace, and whether it is over-subscribed (more than a
 * year of services waiting).
 */
@ApplicationScoped
class FundLedger {

  /** More than this many months of services waiting is over-subscription. */
  static final int OVERSUBSCRIBED_MONTHS = 12;

  /** How many release lines (month × service type, newest first) each fund shows. */
  static final int SHOWN_RELEASES = 60;

  @PersistenceContext EntityManager em;
  @Inject Funds funds;
  @Inject ServiceTypes types;
  @Inject UnitCosts unitCosts;
  @Inject Releases releases;
  @Inject ImpactSettings settings;

  public record Release(
      String month,
      String serviceType,
      ImpactReports.Money amount,
      @JsonbNillable Long units,
      String display) {}

  public record Fund(
      String fund,
      String name,
      boolean restricted,
      ImpactReports.Money received,
      ImpactReports.Money released,
      ImpactReports.Money balance,
      ImpactReports.Money monthlyCost,
      String monthsCovered,
      boolean oversubscribed,
      List<Release> releases) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Fund> all() {
    String currency = settings.currency();
    Map<String, Long> received = new HashMap<>();
    for (Object row :
        em.createNativeQuery(
                "select fund_code, coalesce(sum(net), 0) from impact_gift where currency = ?1"
                    + " group by 1")
            .setParameter(1, currency)
            .getResultList()) {
      Object[] r = (Object[]) row;
      received.put((String) r[0], ((Number) r[1]).longValue());
    }
    YearMonth last = releases.lastClosed();
    Map<String, List<Release>> lines = new HashMap<>();
    Map<String, Long> releasedTotal = new HashMap<>();
    Suppression rule = settings.suppression();
    for (Object row :
        em.createNativeQuery(
                "select fund_code, month, service_type, sum(amount), sum(units) from fund_release"
                    + " group by 1, 2, 3 order by 2 desc, 3")
            .getResultList()) {
      Object[] r = (Object[]) row;
      String fund = (String) r[0];
      long amount = ((Number) r[3]).longValue();
      releasedTotal.merge(fund, amount, Long::sum);
      List<Release> shown = lines.computeIfAbsent(fund, k -> new ArrayList<>());
      if (shown.size() < SHOWN_RELEASES) {
        Suppression.Shown units = rule.share((BigDecimal) r[4], List.of());
        shown.add(
            new Release(
                (String) r[1],
                (String) r[2],
                new ImpactReports.Money(amount, currency),
                units.count(),
                units.display()));
      }
    }
    Map<String, Long> pace = monthlyCost(last);
    List<Fund> out = new ArrayList<>();
    for (Funds.View f : funds.all()) {
      long in = received.getOrDefault(f.code(), 0L);
      long outgo = releasedTotal.getOrDefault(f.code(), 0L);
      long balance = in - outgo;
      long monthly = pace.getOrDefault(f.code(), 0L);
      String covered = "";
      boolean over = false;
      if (f.restricted()) {
        if (monthly > 0) {
          BigDecimal months =
              BigDecimal.valueOf(balance).divide(BigDecimal.valueOf(monthly), 1, RoundingMode.DOWN);
          covered = months.toPlainString();
          over = months.compareTo(BigDecimal.valueOf(OVERSUBSCRIBED_MONTHS)) > 0;
        } else {
          covered = balance > 0 ? "no services drew on it lately" : "0";
          over = balance > 0;
        }
      }
      out.add(
          new Fund(
              f.code(),
              f.name(),
              f.restricted(),
              new ImpactReports.Money(in, currency),
              new ImpactReports.Money(outgo, currency),
              new ImpactReports.Money(balance, currency),
              new ImpactReports.Money(monthly, currency),
              covered,
              over,
              lines.getOrDefault(f.code(), List.of())));
    }
    return out;
  }

  /** Each restricted fund's average monthly cost of its services over the three months to last. */
  private Map<String, Long> monthlyCost(YearMonth last) {
    Map<String, List<String>> fundsOf = new HashMap<>();
    types.all().forEach(t -> fundsOf.put(t.code(), t.funds()));
    Map<String, Long> out = new HashMap<>();
    for (YearMonth m : Periods.months(last.minusMonths(2), last)) {
      for (UnitCosts.Delivered d : unitCosts.delivered(m)) {
        List<String> funds = fundsOf.getOrDefault(d.serviceType(), List.of());
        if (!funds.isEmpty()) {
          out.merge(funds.get(0), d.cost(), Long::sum);
        }
      }
    }
    out.replaceAll((fund, sum) -> sum / 3);
    return out;
  }
}
