package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.ProblemException;
import org.pathlight.donations.Fund;
import org.pathlight.donations.Funds;
import org.pathlight.donations.ServiceCosts;

/** The service types staff count, add and rename. */
@ApplicationScoped
class ServiceTypes {

  @PersistenceContext EntityManager em;
  @Inject Funds funds;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject Event<ServiceCosts.Changed> costsChanged;

  /** A service type as the API shows it. */
  public record View(
      String code,
      String program,
      String name,
      String unit,
      String unitPlural,
      List<String> funds) {
    static View of(ServiceType s) {
      return new View(s.code(), s.program().code(), s.name(), s.unit(), s.unitPlural(), s.funds());
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ServiceType> all() {
    return em.createNamedQuery("ServiceType.all", ServiceType.class).getResultList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<ServiceType> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(em.find(ServiceType.class, code));
  }

  /** The service type a path or a CSV line names, or a 400 naming {@code field}. */
  ServiceType require(String field, String code) {
    return find(code)
        .orElseThrow(
            () ->
                ProblemException.invalid(field, "is not a service type; the codes are " + codes()));
  }

  String codes() {
    return String.join(", ", all().stream().map(ServiceType::code).toList());
  }

  @Transactional
  public View create(String code, ServiceType.Terms terms, String actor, String ip) {
    check(terms);
    if (find(code).isPresent()) {
      throw ProblemException.conflict(
          "service-type-exists", "A service type with code " + code + " exists.");
    }
    int position = all().stream().mapToInt(ServiceType::position).max().orElse(-1) + 1;
    ServiceType s = new ServiceType(code, position, terms, clock.instant());
    em.persist(s);
    em.flush();
    audit.record(actor, "impact.service-type.create", "service_type", code, null, View.of(s), ip);
    costsChanged.fire(new ServiceCosts.Changed());
    return View.of(s);
  }

  @Transactional
  public View update(String code, ServiceType.Terms terms, String actor, String ip) {
    check(terms);
    ServiceType s =
        Optional.ofNullable(em.find(ServiceType.class, code, LockModeType.PESSIMISTIC_WRITE))
            .orElseThrow(() -> ProblemException.notFound("No service type " + code + "."));
    View before = View.of(s);
    s.apply(terms, clock.instant());
    em.flush();
    audit.record(actor, "impact.service-type.update", "service_type", code, before, View.of(s), ip);
    costsChanged.fire(new ServiceCosts.Changed());
    return View.of(s);
  }

  private void check(ServiceType.Terms terms) {
    for (int i = 0; i < terms.funds().size(); i++) {
      String code = terms.funds().get(i);
      Optional<Fund> fund = funds.find(code);
      if (fund.isEmpty()) {
        throw ProblemException.invalid("funds[" + i + "]", "is not a fund");
      }
      if (!fund.get().restricted()) {
        throw ProblemException.invalid(
            "funds[" + i + "]",
            "is unrestricted: unrestricted money funds every service type already");
      }
      if (terms.funds().subList(0, i).contains(code)) {
        throw ProblemException.invalid("funds[" + i + "]", "is listed twice");
      }
    }
  }
}
