package org.pathlight.donations;

import java.util.Map;

/**
 * What one unit of each service the organisation delivers costs, for ask amounts bound to a service
 * type ("$45 — one night of safe housing"). Impact provides it from its latest published unit
 * costs, never from unpublished months; donations never reads impact's tables.
 */
public interface ServiceCosts {

  /**
   * Fired (an event) by the provider when published unit costs or service types change, so the asks
   * that follow the cost are worked out again.
   */
  record Changed() {}

  /** Every service type by code, with its published unit cost where there is one. */
  Map<String, Service> services();

  /**
   * A service type: its unit words and, when a quarter is published, the unit cost in minor units
   * of {@code currency} (null before) and the basis it came from.
   */
  record Service(
      String code, String unit, String unitPlural, Long unitCost, String currency, String basis) {

    boolean priced() {
      return unitCost != null && unitCost > 0 && currency != null;
    }
  }
}
