package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.MoneyText;
import org.pathlight.common.RateLimiter;

/** Limits and fees for online giving ({@code pathlight.giving.*}). */
@ApplicationScoped
public class GivingSettings {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(GivingSettings.class.getName());

  /** Smallest online gift in minor units: tiny charges are how stolen cards are tested. */
  @Inject
  @ConfigProperty(name = "pathlight.giving.min.amount", defaultValue = "500")
  long minAmount;

  @Inject
  @ConfigProperty(name = "pathlight.giving.max.amount", defaultValue = "5000000")
  long maxAmount;

  /**
   * The currencies the organisation accepts, lowercase ISO codes: every door (online gifts, plans,
   * offline gifts, funds' ask amounts) refuses any other.
   */
  @Inject
  @ConfigProperty(name = "pathlight.giving.currencies", defaultValue = "usd")
  List<String> currencies;

  /** Largest offline gift staff may record, in minor units (default $1,000,000). */
  @Inject
  @ConfigProperty(name = "pathlight.giving.offline.max.amount", defaultValue = "100000000")
  long offlineMaxAmount;

  /** How many years back an offline gift's received date may be (from January 1 of that year). */
  @Inject
  @ConfigProperty(name = "pathlight.giving.offline.max.age.years", defaultValue = "7")
  int offlineMaxAgeYears;

  /** Processor fee the donor may cover: 2.2 % + 30¢ (Stripe's nonprofit rate) by default. */
  @Inject
  @ConfigProperty(name = "pathlight.giving.fee.basis.points", defaultValue = "220")
  int feeBasisPoints;

  @Inject
  @ConfigProperty(name = "pathlight.giving.fee.fixed", defaultValue = "30")
  long feeFixed;

  @Inject
  @ConfigProperty(name = "pathlight.giving.limit.per.address", defaultValue = "10")
  int perAddress;

  @Inject
  @ConfigProperty(name = "pathlight.giving.limit.per.email", defaultValue = "5")
  int perEmail;

  @Inject
  @ConfigProperty(name = "pathlight.giving.limit.window.minutes", defaultValue = "10")
  int windowMinutes;

  long minAmount() {
    return minAmount;
  }

  long maxAmount() {
    return maxAmount;
  }

  /**
   * The accepted currencies: the configured codes that name an ISO currency with two decimals.
   * Amounts, limits and fees are minor units of such a currency (cents), so a zero-decimal currency
   * (jpy, krw …) or a three-decimal one (kwd …) is refused at every door rather than charged a
   * hundred times too much or too little; one configured anyway is dropped with a warning at start.
   */
  List<String> currencies() {
    return accepted;
  }

  /** The configured currencies that are usable, worked out once at start-up. */
  private List<String> accepted = List.of();

  static boolean usable(String code) {
    return MoneyText.currency(code).map(c -> c.getDefaultFractionDigits() == 2).orElse(false);
  }

  /** Works out the accepted currencies once, and warns about each configured one it drops. */
  @jakarta.annotation.PostConstruct
  void acceptUsableCurrencies() {
    List<String> named =
        currencies.stream().map(c -> c.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    named.stream()
        .filter(c -> !usable(c))
        .forEach(
            c ->
                LOG.warning(
                    "pathlight.giving.currencies names "
                        + c
                        + ", which is not a two-decimal ISO currency: it is not accepted"));
    accepted = named.stream().filter(GivingSettings::usable).toList();
  }

  boolean accepts(String currency) {
    return currency != null && currencies().contains(currency);
  }

  OfflineRules.Limits offlineLimits() {
    return new OfflineRules.Limits(currencies(), offlineMaxAmount, offlineMaxAgeYears);
  }

  long fee(long amount) {
    return Money.coveringFee(amount, feeBasisPoints, feeFixed);
  }

  int feeBasisPoints() {
    return feeBasisPoints;
  }

  long feeFixed() {
    return feeFixed;
  }

  RateLimiter.Limit perAddress() {
    return new RateLimiter.Limit(perAddress, Duration.ofMinutes(windowMinutes));
  }

  RateLimiter.Limit perEmail() {
    return new RateLimiter.Limit(perEmail, Duration.ofMinutes(windowMinutes));
  }
}
