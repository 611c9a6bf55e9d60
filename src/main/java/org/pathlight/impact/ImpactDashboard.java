package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Organization;

/**
 * The impact part of the staff home: which of the last twelve closed months have no service counts
 * yet, and which quarters may be published now.
 */
@ApplicationScoped
class ImpactDashboard implements DashboardSection {

  @PersistenceContext EntityManager em;
  @Inject ImpactReports reports;
  @Inject Organization org;

  @Override
  public StaffRole role() {
    return StaffRole.IMPACT;
  }

  @Override
  public String title() {
    return "Impact";
  }

  @Override
  public int order() {
    return 40;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tile> tiles() {
    YearMonth current = YearMonth.from(org.today());
    @SuppressWarnings("unchecked")
    Set<String> entered =
        new HashSet<>(
            em.createNativeQuery("select distinct month from service_count where month >= ?1")
                .setParameter(1, current.minusMonths(12).toString())
                .getResultList());
    List<String> missing = new ArrayList<>();
    for (int i = 12; i >= 1; i--) {
      String m = current.minusMonths(i).toString();
      if (!entered.contains(m)) {
        missing.add(m);
      }
    }
    @SuppressWarnings("unchecked")
    List<Map<String, String>> unpublished =
        (List<Map<String, String>>) reports.publications().get("unpublished");
    List<String> ready =
        unpublished.stream()
            .filter(q -> "true".equals(q.get("ready")))
            .map(q -> q.get("period"))
            .toList();
    return List.of(
        Tile.of(
                "Months not yet entered",
                String.valueOf(missing.size()),
                missing.isEmpty()
                    ? "Every month of the last twelve has service counts"
                    : "No service counts for "
                        + String.join(
                            ", ", missing.subList(Math.max(0, missing.size() - 4), missing.size()))
                        + (missing.size() > 4 ? " and " + (missing.size() - 4) + " more" : ""),
                "/staff/impact")
            .needingAttention(!missing.isEmpty()),
        Tile.of(
                "Quarters ready to publish",
                String.valueOf(ready.size()),
                ready.isEmpty() ? "Nothing waiting" : String.join(", ", ready),
                "/staff/impact")
            .needingAttention(!ready.isEmpty()));
  }
}
