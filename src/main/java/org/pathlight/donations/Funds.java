package org.pathlight.donations;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Memo;
import org.pathlight.common.ProblemException;

/** The funds donors choose from; staff add and change them (audited). */
@ApplicationScoped
public class Funds {

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Instance<ServiceCosts> costs;
  @Inject Clock clock;
  @Inject Event<Changed> changed;

  @Inject
  @ConfigProperty(name = "pathlight.funds.cache.seconds", defaultValue = "10")
  int cacheSeconds;

  /** A fund as the donation page and staff see it. */
  public record View(
      String code,
      String name,
      String description,
      boolean restricted,
      boolean active,
      List<AskView> askAmounts) {
    static View of(Fund f, Map<String, ServiceCosts.Service> services, boolean staff) {
      return new View(
          f.code(),
          f.name(),
          f.description(),
          f.restricted(),
          f.active(),
          f.asks().stream().map(a -> AskView.of(a, services, staff)).toList());
    }
  }

  /**
   * A suggested amount as donors see it (an ask that follows the cost shows today's), with what it
   * is bound to. {@code check} is for staff only: how far it is from the real cost.
   */
  public record AskView(
      long amount,
      String currency,
      String label,
      String serviceType,
      Integer units,
      boolean followsCost,
      long roundTo,
      Check check) {

    public AskView(long amount, String currency, String label) {
      this(amount, currency, label, null, null, false, 100, null);
    }

    static AskView of(Fund.Ask a, Map<String, ServiceCosts.Service> services, boolean staff) {
      AskPrices.Priced p =
          AskPrices.price(a, a.serviceType() == null ? null : services.get(a.serviceType()));
      return new AskView(
          p.amount(),
          a.currency(),
          p.label(),
          a.serviceType(),
          a.units(),
          a.followsCost(),
          a.roundTo(),
          staff ? p.check() : null);
    }

    Fund.Ask toAsk() {
      return new Fund.Ask(amount, currency, label, serviceType, units, followsCost, roundTo);
    }
  }

  /**
   * A bound ask against the real cost of its units: {@code realCost} in minor units and {@code
   * driftPercent} (null while no unit cost is published), {@code warning} when a written label is
   * more than 10% off, and the amount and label as written (what shows while no cost is known).
   */
  public record Check(
      Long realCost,
      Integer driftPercent,
      boolean warning,
      String note,
      long writtenAmount,
      String writtenLabel,
      String basis) {}

  /**
   * Active funds with their asks, for the donation page and {@code GET /api/funds}: the pages a TV
   * appeal sends thousands of people to. Kept in memory for {@code pathlight.funds.cache.seconds}
   * (10); a fund saved or a unit cost published on this instance clears it once the change is
   * committed, and another instance shows it within that time.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> active() {
    return memo.get(
        "active",
        () -> views(em.createNamedQuery("Fund.active", Fund.class).getResultList(), false));
  }

  private Memo<String, List<View>> memo;

  @PostConstruct
  void keepActiveFunds() {
    memo = new Memo<>(clock, Duration.ofSeconds(cacheSeconds), 1);
  }

  /** A fund was saved: its event clears the cache once the transaction commits. */
  record Changed(String code) {}

  void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed change) {
    forgetNow();
  }

  void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) ServiceCosts.Changed change) {
    forgetNow();
  }

  private void forgetNow() {
    memo.forget();
  }

  /** Every fund, with each bound ask's check against the real cost: for staff. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> all() {
    return views(em.createNamedQuery("Fund.all", Fund.class).getResultList(), true);
  }

  /** Unit costs are read once, and only when an ask needs them. */
  private List<View> views(List<Fund> list, boolean staff) {
    boolean needed =
        list.stream()
            .flatMap(f -> f.asks().stream())
            .anyMatch(a -> staff ? a.serviceType() != null : a.followsCost());
    Map<String, ServiceCosts.Service> services =
        needed && costs.isResolvable() ? costs.get().services() : Map.of();
    return list.stream().map(f -> View.of(f, services, staff)).toList();
  }

  /** Every service type an ask may be bound to, by code. */
  public Map<String, ServiceCosts.Service> services() {
    return costs.isResolvable() ? costs.get().services() : Map.of();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Fund> find(String code) {
    return em.createNamedQuery("Fund.byCode", Fund.class)
        .setParameter("code", code)
        .getResultStream()
        .findFirst();
  }

  /** A fund's name for people (its code if it is gone). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public String name(String code) {
    return find(code).map(Fund::name).orElse(code);
  }

  /** Every fund's name by code, active or not: for lists (one query, not one per row). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, String> names() {
    Map<String, String> names = new java.util.HashMap<>();
    em.createNamedQuery("Fund.all", Fund.class)
        .getResultStream()
        .forEach(f -> names.put(f.code(), f.name()));
    return names;
  }

  @Transactional
  public View save(View wanted, String actor, String ip) {
    Optional<Fund> existing = find(wanted.code());
    View before = existing.map(f -> View.of(f, Map.of(), false)).orElse(null);
    Fund fund =
        existing.orElseGet(
            () -> {
              Fund f =
                  new Fund(
                      wanted.code(),
                      wanted.name(),
                      wanted.description(),
                      wanted.restricted(),
                      em.createNamedQuery("Fund.all", Fund.class).getResultList().size());
              em.persist(f);
              return f;
            });
    fund.update(
        wanted.name(),
        wanted.description() == null ? "" : wanted.description(),
        wanted.restricted(),
        wanted.active(),
        wanted.askAmounts() == null
            ? List.of()
            : wanted.askAmounts().stream().map(AskView::toAsk).toList());
    em.flush();
    View after = View.of(fund, Map.of(), false);
    audit.record(
        actor,
        existing.isPresent() ? "fund.updated" : "fund.created",
        "fund",
        fund.code(),
        before,
        after,
        ip);
    changed.fire(new Changed(fund.code()));
    return View.of(fund, services(), true);
  }

  /**
   * The active fund {@code code} as the donation page shows it, from {@link #active()}'s memory: a
   * quick answer for a checkout's first check. The gift's own transaction checks the fund again.
   */
  View requireShown(String code) {
    return shown(code)
        .orElseThrow(() -> ProblemException.invalid("fundCode", "is not a fund you can give to"));
  }

  /** The fund's name for a checkout's line item: from memory when shown, else as stored. */
  String nameOf(String code) {
    return shown(code).map(View::name).orElseGet(() -> find(code).map(Fund::name).orElse(code));
  }

  private Optional<View> shown(String code) {
    return active().stream().filter(v -> v.code().equals(code)).findFirst();
  }

  Fund require(String code) {
    return find(code)
        .filter(Fund::active)
        .orElseThrow(() -> ProblemException.invalid("fundCode", "is not a fund you can give to"));
  }
}
