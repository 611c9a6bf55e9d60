package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.ProblemException;

/** The funds donors choose from; staff add and change them (audited). */
@ApplicationScoped
public class Funds {

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;

  /** A fund as the donation page and staff see it. */
  public record View(
      String code,
      String name,
      String description,
      boolean restricted,
      boolean active,
      List<AskView> askAmounts) {
    static View of(Fund f) {
      return new View(
          f.code(),
          f.name(),
          f.description(),
          f.restricted(),
          f.active(),
          f.asks().stream().map(a -> new AskView(a.amount(), a.currency(), a.label())).toList());
    }
  }

  public record AskView(long amount, String currency, String label) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> active() {
    return em.createNamedQuery("Fund.active", Fund.class).getResultStream().map(View::of).toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> all() {
    return em.createNamedQuery("Fund.all", Fund.class).getResultStream().map(View::of).toList();
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
  public java.util.Map<String, String> names() {
    java.util.Map<String, String> names = new java.util.HashMap<>();
    em.createNamedQuery("Fund.all", Fund.class)
        .getResultStream()
        .forEach(f -> names.put(f.code(), f.name()));
    return names;
  }

  @Transactional
  public View save(View wanted, String actor, String ip) {
    Optional<Fund> existing = find(wanted.code());
    View before = existing.map(View::of).orElse(null);
    Fund fund =
        existing.orElseGet(
            () -> {
              Fund f =
                  new Fund(
                      wanted.code(),
                      wanted.name(),
                      wanted.description(),
                      wanted.restricted(),
                      all().size());
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
            : wanted.askAmounts().stream()
                .map(a -> new Fund.Ask(a.amount(), a.currency(), a.label()))
                .toList());
    em.flush();
    View after = View.of(fund);
    audit.record(
        actor,
        existing.isPresent() ? "fund.updated" : "fund.created",
        "fund",
        fund.code(),
        before,
        after,
        ip);
    return after;
  }

  Fund require(String code) {
    return find(code)
        .filter(Fund::active)
        .orElseThrow(() -> ProblemException.invalid("fundCode", "is not a fund you can give to"));
  }
}
