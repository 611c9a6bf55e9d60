package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.common.Database;
import org.pathlight.common.MoneyText;
import org.pathlight.common.Organization;

/**
 * What a newsletter merges about a batch of donors at once: what each gave this year (counted as
 * the reports count it, in each currency) and the ids of their gifts (for their impact).
 */
@ApplicationScoped
public class DonorFacts {

  @PersistenceContext EntityManager em;
  @Inject Organization org;

  /** One donor's year in words ("$120.00", or "$120.00 and €50.00"), and their gift ids. */
  public record Facts(String givingTotal, boolean gaveThisYear, List<Long> giftIds) {}

  /** The facts of each of these people (everyone asked is answered; a non-donor with none). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<Long, Facts> of(Collection<Long> supporterIds, int year) {
    Map<Long, List<Long>> gifts = new HashMap<>();
    Map<Long, Map<String, Long>> totals = new HashMap<>();
    if (!supporterIds.isEmpty()) {
      String ids = Database.ids(supporterIds);
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "select g.supporter_id, g.id, g.currency, case when g.paid_at is not null"
                      + " and not g.test and g.voided_at is null and extract(year from "
                      + GivingReports.receivedDay("?2")
                      + ") = ?3 then g.amount_charged - g.refunded_amount - g.charged_back_amount"
                      + " else 0 end from gift g where g.supporter_id = any(cast(?1 as bigint[]))"
                      + " order by g.id")
              .setParameter(1, ids)
              .setParameter(2, org.zone().getId())
              .setParameter(3, year)
              .getResultList();
      for (Object[] r : rows) {
        long who = ((Number) r[0]).longValue();
        gifts.computeIfAbsent(who, k -> new ArrayList<>()).add(((Number) r[1]).longValue());
        long net = ((Number) r[3]).longValue();
        if (net != 0) {
          totals
              .computeIfAbsent(who, k -> new LinkedHashMap<>())
              .merge((String) r[2], net, Long::sum);
        }
      }
    }
    Map<Long, Facts> out = new HashMap<>();
    for (Long id : supporterIds) {
      Map<String, Long> t = totals.getOrDefault(id, Map.of());
      String words =
          t.isEmpty()
              ? MoneyText.format(0, "usd")
              : String.join(
                  " and ",
                  t.entrySet().stream()
                      .map(e -> MoneyText.format(e.getValue(), e.getKey()))
                      .toList());
      out.put(id, new Facts(words, !t.isEmpty(), gifts.getOrDefault(id, List.of())));
    }
    return out;
  }
}
