package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pathlight.donations.ServiceCosts;

/**
 * The unit costs ask amounts are checked against and may follow: the public ones, over the year to
 * the latest published quarter, so an ask never moves with a month that is not published.
 */
@ApplicationScoped
class ImpactServiceCosts implements ServiceCosts {

  @Inject ServiceTypes types;
  @Inject ImpactReports reports;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Service> services() {
    Map<String, ImpactReports.UnitCost> costs = new LinkedHashMap<>();
    for (ImpactReports.UnitCost c : reports.publicUnitCosts()) {
      costs.put(c.serviceType(), c);
    }
    Map<String, Service> out = new LinkedHashMap<>();
    for (ServiceType t : types.all()) {
      ImpactReports.UnitCost c = costs.get(t.code());
      boolean known = c != null && c.unitCost() != null;
      out.put(
          t.code(),
          new Service(
              t.code(),
              t.unit(),
              t.unitPlural(),
              known ? c.unitCost().amount() : null,
              known ? c.unitCost().currency() : null,
              known ? "Unit cost " + c.basis().text() + "." : null));
    }
    return out;
  }
}
