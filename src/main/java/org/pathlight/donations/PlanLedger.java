package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.pathlight.common.Organization;
import org.pathlight.mail.Outbox;
import org.pathlight.payments.PlanFact;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * The plan ledger: applies {@link PlanFact}s from Stripe's webhook, from Stripe's answers to our
 * changes and from the test processor. Each event id is stored once; the plan row is locked while a
 * fact is applied; an event naming a subscription no plan knows yet waits and is replayed when a
 * plan learns it. Paid invoices become instalment gifts (one per invoice) with a receipt; the first
 * failure of an invoice sends one dunning email (retries of that invoice send none).
 */
@ApplicationScoped
public class PlanLedger {

  private static final Logger LOG = Logger.getLogger(PlanLedger.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Receipts receipts;
  @Inject PaymentEvents events;
  @Inject Ledger ledger;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Outbox outbox;
  @Inject ManageLinks manageLinks;
  @Inject Organization org;
  @Inject org.pathlight.common.PublicUrls urls;
  @Inject Clock clock;

  @Transactional(Transactional.TxType.REQUIRED)
  void onFact(@Observes PlanFact fact) {
    apply(fact);
  }

  @Transactional(Transactional.TxType.REQUIRED)
  public void apply(PlanFact fact) {
    if (events.record(
        fact.eventId(),
        fact.processor(),
        fact.type(),
        new PaymentEvents.Refs(null, null, null, fact.plan().subscriptionId()),
        (Record) fact)) {
      applyRecorded(fact);
    }
  }

  private void applyRecorded(PlanFact fact) {
    if (fact instanceof PlanFact.InvoicePayment payment) {
      // names an invoice, not a plan: remembered, and taught to the instalment if it exists
      events.lock(payment.paymentIntentId(), payment.chargeId());
      learnPayment(payment.invoiceId(), payment.paymentIntentId(), payment.chargeId());
      events.outcome(fact.eventId(), "applied", null, null);
      return;
    }
    events.lock(fact.plan().subscriptionId());
    Optional<Plan> found = find(fact.plan());
    if (fact instanceof PlanFact.CardSetup card) {
      // the card was attached (or, for an ended plan, deliberately not): nothing else changes
      events.outcome(
          fact.eventId(),
          card.used() ? "applied" : "ignored",
          null,
          found.map(Plan::id).orElse(null),
          card.note());
      return;
    }
    if (found.isEmpty()) {
      LOG.info(() -> "Plan event " + fact.eventId() + " names no known plan yet; kept");
      events.outcome(fact.eventId(), "unmatched", null, null);
      return;
    }
    Plan plan = found.get();
    Instant now = clock.instant();
    PlanStatus before = plan.status();
    boolean linked = plan.link(fact.plan().subscriptionId(), null);
    if (fact instanceof PlanFact.Started started) {
      plan.link(null, started.customerId());
      plan.start(Instant.ofEpochSecond(started.at()));
    } else if (fact instanceof PlanFact.State state) {
      plan.observe(
          state.state(),
          state.collectionPaused(),
          resumeDate(state),
          state.amount(),
          state.atMillis(),
          state.endedReason());
    } else if (fact instanceof PlanFact.InvoicePaid paid) {
      plan.start(Instant.ofEpochSecond(paid.at()));
      invoicePaid(plan, paid, now);
    } else if (fact instanceof PlanFact.InvoiceFailed failed) {
      invoiceFailed(plan, failed, now);
    }
    em.flush();
    plan.settle(newest(plan.id()), now);
    events.outcome(fact.eventId(), "applied", null, plan.id());
    tell(plan, before, fact);
    if (linked) {
      // events that arrived before the plan knew its subscription
      events
          .waiting(new PaymentEvents.Refs(null, null, null, plan.subscriptionId()), PlanFact.class)
          .forEach(this::applyRecorded);
    }
  }

  /** The day (organisation time) a paused subscription resumes on, or null. */
  LocalDate resumeDate(PlanFact.State state) {
    return state.resumesAt() == null
        ? null
        : Instant.ofEpochSecond(state.resumesAt()).atZone(org.zone()).toLocalDate();
  }

  private void invoicePaid(Plan plan, PlanFact.InvoicePaid paid, Instant now) {
    String currency = paid.currency() == null ? plan.currency() : paid.currency();
    em.createNativeQuery(
            "insert into plan_invoice (invoice_id, plan_id, created_epoch, amount, currency,"
                + " paid_at) values (?1, ?2, ?3, ?4, ?5, ?6)"
                + " on conflict (invoice_id) do update set"
                + " paid_at = coalesce(plan_invoice.paid_at, excluded.paid_at)")
        .setParameter(1, paid.invoiceId())
        .setParameter(2, plan.id())
        .setParameter(3, paid.invoiceCreated())
        .setParameter(4, paid.amount())
        .setParameter(5, currency)
        .setParameter(6, Timestamp.from(Instant.ofEpochSecond(paid.at())))
        .executeUpdate();
    if (paid.amount() <= 0) {
      // a $0 invoice (a 100% coupon, a trial): it counts as paid for the plan, but nothing was
      // given, so no gift and no receipt; a repeat of the event is a no-op like any other
      LOG.info(() -> "Invoice " + paid.invoiceId() + " was paid with 0: no gift, no receipt");
      return;
    }
    boolean exists =
        !em.createNamedQuery("Gift.byInvoice", Gift.class)
            .setParameter("id", paid.invoiceId())
            .getResultList()
            .isEmpty();
    if (exists) {
      return;
    }
    Gift gift =
        Gift.instalment(
            new Gift.Terms(
                plan.supporterId(),
                plan.fundCode(),
                currency,
                paid.amount(),
                0,
                0,
                plan.dedication().anonymous(),
                plan.dedication().tribute()),
            plan.processor(),
            plan.test(),
            plan.id(),
            paid.invoiceId(),
            now);
    em.persist(gift);
    gift.markPaid(Instant.ofEpochSecond(paid.at()), now);
    em.flush();
    receipts.issue(gift);
    learnPayment(paid.invoiceId(), paid.paymentIntentId(), paid.chargeId());
  }

  /**
   * Records which payment paid an invoice (from whichever event said so first) and links it to the
   * invoice's instalment gift, so a refund or dispute of that payment finds the gift, also one that
   * arrived and waited before.
   */
  private void learnPayment(String invoiceId, String paymentIntent, String charge) {
    if (paymentIntent != null || charge != null) {
      em.createNativeQuery(
              "insert into invoice_payment (invoice_id, payment_intent_id, charge_id)"
                  + " values (?1, ?2, ?3) on conflict (invoice_id) do update set"
                  + " payment_intent_id = coalesce(invoice_payment.payment_intent_id,"
                  + " excluded.payment_intent_id),"
                  + " charge_id = coalesce(invoice_payment.charge_id, excluded.charge_id)")
          .setParameter(1, invoiceId)
          .setParameter(2, paymentIntent)
          .setParameter(3, charge)
          .executeUpdate();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> known =
        em.createNativeQuery(
                "select payment_intent_id, charge_id from invoice_payment where invoice_id = ?1")
            .setParameter(1, invoiceId)
            .getResultList();
    if (known.isEmpty()) {
      return;
    }
    // a refund of this payment applying at the same time either sees the link or is replayed
    events.lock((String) known.get(0)[0], (String) known.get(0)[1]);
    em.createNamedQuery("Gift.byInvoice", Gift.class)
        .setParameter("id", invoiceId)
        .getResultStream()
        .findFirst()
        .map(g -> em.find(Gift.class, g.id(), LockModeType.PESSIMISTIC_WRITE))
        .ifPresent(g -> ledger.learn(g, (String) known.get(0)[0], (String) known.get(0)[1]));
  }

  private void invoiceFailed(Plan plan, PlanFact.InvoiceFailed failed, Instant now) {
    em.createNativeQuery(
            "insert into plan_invoice (invoice_id, plan_id, created_epoch, amount, currency,"
                + " attempts, exhausted, action_required, last_failure, first_failed_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                + " on conflict (invoice_id) do update set"
                + " attempts = greatest(plan_invoice.attempts, excluded.attempts),"
                + " exhausted = plan_invoice.exhausted or excluded.exhausted,"
                + " action_required = plan_invoice.action_required or excluded.action_required,"
                + " last_failure = excluded.last_failure,"
                + " first_failed_at = coalesce(plan_invoice.first_failed_at,"
                + " excluded.first_failed_at)")
        .setParameter(1, failed.invoiceId())
        .setParameter(2, plan.id())
        .setParameter(3, failed.invoiceCreated())
        .setParameter(4, failed.amount())
        .setParameter(5, failed.currency() == null ? plan.currency() : failed.currency())
        .setParameter(6, Math.max(1, failed.attempt()))
        .setParameter(7, failed.exhausted())
        .setParameter(8, failed.actionRequired())
        .setParameter(9, failed.reason())
        .setParameter(10, Timestamp.from(now))
        .executeUpdate();
  }

  /** The newest invoice of a plan (by the processor's creation time). */
  Plan.NewestInvoice newest(long planId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select paid_at is not null, attempts, exhausted, invoice_id, paid_at from plan_invoice"
                    + " where plan_id = ?1 order by created_epoch desc, invoice_id desc limit 1")
            .setParameter(1, planId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Plan.NewestInvoice(
                    (Boolean) r[0],
                    ((Number) r[1]).intValue(),
                    (Boolean) r[2],
                    r[4] == null ? null : ((Timestamp) r[4]).getTime()))
        .orElse(null);
  }

  /**
   * Emails that follow a fact: welcome when a plan starts, one dunning email per unpaid invoice
   * (its first failure; retries of the same invoice do not repeat it), a notice when retries are
   * exhausted, and a confirmation when a plan is canceled. Dedupe keys make each happen once.
   */
  private void tell(Plan plan, PlanStatus before, PlanFact fact) {
    PlanStatus now = plan.status();
    if (fact instanceof PlanFact.Started
        || now == PlanStatus.ACTIVE && before == PlanStatus.PENDING) {
      email(plan, "plan-started", "plan-started:" + plan.id(), Map.of());
    }
    if (fact instanceof PlanFact.InvoiceFailed failed
        && now == PlanStatus.FAILING
        && unpaid(failed.invoiceId())) {
      email(
          plan,
          "plan-dunning",
          "dunning:" + failed.invoiceId(),
          Map.of("actionRequired", failed.actionRequired(), "reason", failed.reason()));
    }
    // one email when a plan stops, whichever fact stopped it: lapsed (the processor gave up
    // collecting, and may end the subscription after) or canceled (someone asked)
    if (now == PlanStatus.LAPSED && before != PlanStatus.LAPSED) {
      email(plan, "plan-lapsed", "plan-lapsed:" + plan.id(), Map.of("restartLink", restart(plan)));
    }
    if (now == PlanStatus.CANCELED && before != PlanStatus.CANCELED) {
      email(plan, "plan-canceled", "plan-canceled:" + plan.id(), Map.of());
    }
  }

  /** The giving page, filled in with the plan's amount, frequency and fund, to start again. */
  String restart(Plan plan) {
    return urls.to(
        "/give?amount="
            + plan.amount()
            + "&frequency="
            + plan.frequency().word()
            + "&fund="
            + java.net.URLEncoder.encode(plan.fundCode(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private boolean unpaid(String invoiceId) {
    return ((Number)
                em.createNativeQuery(
                        "select count(*) from plan_invoice where invoice_id = ?1"
                            + " and paid_at is null")
                    .setParameter(1, invoiceId)
                    .getSingleResult())
            .intValue()
        == 1;
  }

  private void email(Plan plan, String template, String dedupe, Map<String, Object> extra) {
    Supporter donor = supporters.find(plan.supporterId()).orElseThrow();
    Map<String, Object> model = new HashMap<>(extra);
    model.put("firstName", donor.firstName() == null ? "friend" : donor.firstName());
    model.put("amount", Money.format(plan.amount(), plan.currency()));
    model.put("frequency", plan.frequency().adjective());
    model.put("fundName", funds.name(plan.fundCode()));
    model.put("manageLink", manageLinks.url(donor.id()));
    model.put("test", plan.test());
    model.put("discreet", donor.safeContact().discreetSender());
    model.put("pausedUntil", plan.pausedUntil() == null ? "" : plan.pausedUntil().toString());
    outbox.enqueue(
        Outbox.Envelope.to(donor.recipient(), "receipt").dedupedBy(dedupe), template, model);
  }

  private Optional<Plan> find(PlanFact.PlanRef ref) {
    Optional<Plan> plan = Optional.empty();
    if (ref.publicId() != null) {
      try {
        plan = first("Plan.byPublicId", UUID.fromString(ref.publicId()));
      } catch (IllegalArgumentException notOurs) {
        plan = Optional.empty();
      }
    }
    if (plan.isEmpty() && ref.subscriptionId() != null) {
      plan = first("Plan.bySubscription", ref.subscriptionId());
    }
    return plan.map(p -> em.find(Plan.class, p.id(), LockModeType.PESSIMISTIC_WRITE));
  }

  private Optional<Plan> first(String query, Object value) {
    return em.createNamedQuery(query, Plan.class)
        .setParameter("id", value)
        .getResultStream()
        .findFirst();
  }
}
