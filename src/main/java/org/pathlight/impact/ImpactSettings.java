package org.pathlight.impact;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code pathlight.impact.suppression.threshold} (default 11, at least 2) and {@code
 * pathlight.impact.publish.lag.days} (default 30): how many days after a quarter ends it may be
 * published.
 */
@ApplicationScoped
class ImpactSettings {

  @Inject
  @ConfigProperty(name = "pathlight.impact.suppression.threshold", defaultValue = "11")
  int threshold;

  @Inject
  @ConfigProperty(name = "pathlight.impact.publish.lag.days", defaultValue = "30")
  int lagDays;

  /** The organisation's own currency: the first it accepts. Spending and unit costs are in it. */
  @Inject
  @ConfigProperty(name = "pathlight.giving.currencies", defaultValue = "usd")
  java.util.List<String> currencies;

  private Suppression suppression;

  @PostConstruct
  void check() {
    if (lagDays < 0) {
      throw new IllegalStateException("pathlight.impact.publish.lag.days must not be negative");
    }
    suppression = new Suppression(threshold);
  }

  public Suppression suppression() {
    return suppression;
  }

  String currency() {
    return currencies.get(0).strip().toLowerCase(java.util.Locale.ROOT);
  }

  int lagDays() {
    return lagDays;
  }
}
