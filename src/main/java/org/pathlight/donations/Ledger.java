package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.pathlight.payments.PaymentFact;

/**
 * The gift ledger: applies payment facts from Stripe's webhook and from the test processor alike.
 * Each event id is stored once (a repeat is a no-op); the gift row is locked while a fact is
 * applied; an event that names a gift we cannot find yet waits and is applied when the gift learns
 * the processor id it names. So any order and any repetition of events ends in the same ledger.
 */
@ApplicationScoped
public class Ledger {

  private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
  private static final Jsonb JSON = JsonbBuilder.create();

  @PersistenceContext EntityManager em;
  @Inject Receipts receipts;
  @Inject Clock clock;

  /** How a fact was taken. */
  public enum Outcome {
    APPLIED,
    DUPLICATE,
    UNMATCHED
  }

  @Transactional(Transactional.TxType.REQUIRED)
  void onFact(@Observes PaymentFact fact) {
    apply(fact);
  }

  @Transactional(Transactional.TxType.REQUIRED)
  public Outcome apply(PaymentFact fact) {
    PaymentFact.GiftRef ref = fact.gift();
    int inserted =
        em.createNativeQuery(
                "insert into payment_event (event_id, processor, type, received_at, outcome,"
                    + " ref_session, ref_payment_intent, ref_charge, payload)"
                    + " values (?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, cast(?8 as jsonb))"
                    + " on conflict (event_id) do nothing")
            .setParameter(1, fact.eventId())
            .setParameter(2, fact.processor())
            .setParameter(3, fact.type())
            .setParameter(4, Timestamp.from(clock.instant()))
            .setParameter(5, ref.sessionId())
            .setParameter(6, ref.paymentIntentId())
            .setParameter(7, ref.chargeId())
            .setParameter(8, encode(fact))
            .executeUpdate();
    if (inserted == 0) {
      return Outcome.DUPLICATE;
    }
    return applyRecorded(fact);
  }

  private Outcome applyRecorded(PaymentFact fact) {
    PaymentFact.GiftRef ref = fact.gift();
    lockProcessorIds(ref);
    Optional<Gift> found = find(ref);
    if (found.isEmpty()) {
      LOG.info(() -> "Payment event " + fact.eventId() + " names no known gift yet; kept");
      setOutcome(fact.eventId(), "unmatched", null);
      return Outcome.UNMATCHED;
    }
    Gift gift = found.get();
    Instant now = clock.instant();
    boolean linked = gift.link(ref.sessionId(), ref.paymentIntentId(), ref.chargeId());
    if (fact instanceof PaymentFact.Paid paid) {
      if (gift.markPaid(paid.at(), now)) {
        receipts.issue(gift);
      }
    } else if (fact instanceof PaymentFact.Failed failed) {
      gift.markFailed(failed.reason(), now);
    } else if (fact instanceof PaymentFact.Expired) {
      gift.markExpired(now);
    } else if (fact instanceof PaymentFact.Refunded refunded) {
      if (gift.recordRefund(refunded.totalRefunded(), now) && gift.paidAt() != null) {
        receipts.acknowledgeRefund(gift);
      }
    } else if (fact instanceof PaymentFact.Disputed disputed) {
      gift.recordDispute(disputed.status(), now);
    }
    setOutcome(fact.eventId(), "applied", gift.id());
    if (linked) {
      em.flush();
      replayWaitingFor(gift);
    }
    return Outcome.APPLIED;
  }

  /** Events that arrived before the gift knew these processor ids. */
  private void replayWaitingFor(Gift gift) {
    @SuppressWarnings("unchecked")
    List<Object[]> waiting =
        em.createNativeQuery(
                "select event_id, payload::text from payment_event where outcome = 'unmatched'"
                    + " and (ref_session = ?1 or ref_payment_intent = ?2 or ref_charge = ?3)"
                    + " order by received_at, event_id")
            .setParameter(1, String.valueOf(gift.checkoutSessionId()))
            .setParameter(2, String.valueOf(gift.paymentIntentId()))
            .setParameter(3, String.valueOf(gift.chargeId()))
            .getResultList();
    for (Object[] row : waiting) {
      applyRecorded(decode((String) row[1]));
    }
  }

  /**
   * Two events about one payment can arrive at once, each naming it differently; a lock per
   * processor id makes the one that links the id and the one that looks it up take turns.
   */
  private void lockProcessorIds(PaymentFact.GiftRef ref) {
    TreeSet<String> ids = new TreeSet<>();
    if (ref.paymentIntentId() != null) {
      ids.add(ref.paymentIntentId());
    }
    if (ref.chargeId() != null) {
      ids.add(ref.chargeId());
    }
    for (String id : ids) {
      em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
          .setParameter(1, id)
          .getSingleResult();
    }
  }

  private Optional<Gift> find(PaymentFact.GiftRef ref) {
    Optional<Gift> gift = Optional.empty();
    if (ref.publicId() != null) {
      try {
        gift = byQuery("Gift.byPublicId", java.util.UUID.fromString(ref.publicId()));
      } catch (IllegalArgumentException notOurs) {
        gift = Optional.empty();
      }
    }
    if (gift.isEmpty() && ref.sessionId() != null) {
      gift = byQuery("Gift.bySession", ref.sessionId());
    }
    if (gift.isEmpty() && ref.paymentIntentId() != null) {
      gift = byQuery("Gift.byPaymentIntent", ref.paymentIntentId());
    }
    if (gift.isEmpty() && ref.chargeId() != null) {
      gift = byQuery("Gift.byCharge", ref.chargeId());
    }
    return gift.map(g -> em.find(Gift.class, g.id(), LockModeType.PESSIMISTIC_WRITE));
  }

  private Optional<Gift> byQuery(String name, Object value) {
    return em.createNamedQuery(name, Gift.class)
        .setParameter("id", value)
        .getResultStream()
        .findFirst();
  }

  private void setOutcome(String eventId, String outcome, Long giftId) {
    em.createNativeQuery(
            "update payment_event set outcome = ?2, gift_id = cast(?3 as bigint) where event_id = ?1")
        .setParameter(1, eventId)
        .setParameter(2, outcome)
        .setParameter(3, giftId)
        .executeUpdate();
  }

  private static String encode(PaymentFact fact) {
    return JSON.toJson(
        java.util.Map.of("kind", fact.getClass().getSimpleName(), "fact", JSON.toJson(fact)));
  }

  private static PaymentFact decode(String payload) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> wrapper = JSON.fromJson(payload, java.util.Map.class);
    Class<? extends PaymentFact> type =
        switch (wrapper.get("kind")) {
          case "Paid" -> PaymentFact.Paid.class;
          case "Failed" -> PaymentFact.Failed.class;
          case "Expired" -> PaymentFact.Expired.class;
          case "Refunded" -> PaymentFact.Refunded.class;
          case "Disputed" -> PaymentFact.Disputed.class;
          default -> throw new IllegalStateException("unknown fact " + wrapper.get("kind"));
        };
    return JSON.fromJson(wrapper.get("fact"), type);
  }
}
