package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.common.PublicUrls;

/**
 * The built-in test processor: a hosted checkout page of our own, clearly marked TEST, where the
 * payment succeeds or is declined at the click of a button. Its outcome becomes the same {@link
 * PaymentFact} a Stripe webhook would, so it runs through the very same ledger.
 */
@ApplicationScoped
public class TestCheckout {

  public static final String PROCESSOR = "test";

  @PersistenceContext EntityManager em;
  @Inject PublicUrls urls;
  @Inject Clock clock;
  @Inject Event<PaymentFact> facts;
  @Inject Event<PlanFact> planFacts;

  static final String PLAN_REF = "plan:";

  /** A test checkout session as its page shows it. */
  public record Session(
      String id,
      String giftRef,
      long amount,
      String currency,
      String description,
      String email,
      String successUrl,
      String cancelUrl,
      String status) {}

  /** The test processor's subscription id for a plan. */
  public static String subscriptionId(String planPublicId) {
    return "test_sub_" + planPublicId.replace("-", "");
  }

  /** A recurring gift's first instalment on the test checkout page. */
  @Transactional
  CheckoutSession open(PlanCheckoutRequest r) {
    return open(
        new CheckoutRequest(
            PLAN_REF + r.planPublicId(),
            r.amount(),
            r.currency(),
            r.description(),
            r.email(),
            r.successUrl(),
            r.cancelUrl()));
  }

  @Transactional
  CheckoutSession open(CheckoutRequest request) {
    String id = "test_cs_" + UUID.randomUUID().toString().replace("-", "");
    em.createNativeQuery(
            "insert into test_checkout_session (id, gift_ref, amount, currency, description,"
                + " email, success_url, cancel_url, status, created_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9)")
        .setParameter(1, id)
        .setParameter(2, request.giftPublicId())
        .setParameter(3, request.amount())
        .setParameter(4, request.currency())
        .setParameter(5, request.description())
        .setParameter(6, request.email())
        .setParameter(7, request.successUrl())
        .setParameter(8, request.cancelUrl())
        .setParameter(9, Timestamp.from(clock.instant()))
        .executeUpdate();
    return new CheckoutSession(id, urls.to("/give/test-checkout/" + id), PROCESSOR, true);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Session> find(String id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, gift_ref, amount, currency, description, email, success_url,"
                    + " cancel_url, status from test_checkout_session where id = ?1")
            .setParameter(1, id)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Session(
                    (String) r[0],
                    (String) r[1],
                    ((Number) r[2]).longValue(),
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    (String) r[8]));
  }

  /**
   * Completes an open session as paid or declined, in one transaction with the ledger. A second
   * click finds the session closed and changes nothing.
   */
  @Transactional
  public Optional<Session> complete(String id, boolean succeeded) {
    int changed =
        em.createNativeQuery(
                "update test_checkout_session set status = ?2 where id = ?1 and status = 'open'")
            .setParameter(1, id)
            .setParameter(2, succeeded ? "complete" : "declined")
            .executeUpdate();
    Optional<Session> session = find(id);
    if (changed == 1 && session.isPresent() && session.get().giftRef().startsWith(PLAN_REF)) {
      Session s = session.get();
      if (succeeded) {
        String plan = s.giftRef().substring(PLAN_REF.length());
        PlanFact.PlanRef ref = new PlanFact.PlanRef(plan, subscriptionId(plan));
        long now = clock.instant().getEpochSecond();
        planFacts.fire(
            new PlanFact.Started(
                "test_evt_" + s.id() + "_started",
                PROCESSOR,
                "test.subscription_started",
                ref,
                s.id(),
                "test_cus_" + plan.replace("-", ""),
                now));
        planFacts.fire(
            new PlanFact.InvoicePaid(
                "test_evt_" + s.id() + "_invoice_paid",
                PROCESSOR,
                "test.invoice_paid",
                ref,
                "test_in_" + s.id(),
                clock.millis(), // the test processor orders its invoices by the millisecond
                s.amount(),
                s.currency(),
                now,
                null,
                null));
      }
      return session;
    }
    if (changed == 1 && session.isPresent()) {
      Session s = session.get();
      PaymentFact.GiftRef ref = new PaymentFact.GiftRef(s.giftRef(), s.id(), null, null);
      if (succeeded) {
        facts.fire(
            new PaymentFact.Paid(
                "test_evt_" + s.id() + "_paid",
                PROCESSOR,
                "test.payment_succeeded",
                ref,
                s.amount(),
                s.currency(),
                clock.instant()));
      } else {
        facts.fire(
            new PaymentFact.Failed(
                "test_evt_" + s.id() + "_declined",
                PROCESSOR,
                "test.payment_declined",
                ref,
                "The test card was declined."));
      }
    }
    return session;
  }
}
