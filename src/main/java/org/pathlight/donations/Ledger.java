package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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

  @PersistenceContext EntityManager em;
  @Inject Receipts receipts;
  @Inject PaymentEvents events;
  @Inject GiftDisputes disputes;
  @Inject GiftRefunds refunds;
  @Inject Clock clock;

  /** How a fact was taken. */
  public enum Outcome {
    APPLIED,
    DUPLICATE,
    UNMATCHED,
    UNPROCESSABLE
  }

  @Transactional(Transactional.TxType.REQUIRED)
  void onFact(@Observes PaymentFact fact) {
    apply(fact);
  }

  @Transactional(Transactional.TxType.REQUIRED)
  public Outcome apply(PaymentFact fact) {
    PaymentFact.GiftRef ref = fact.gift();
    if (fact instanceof PaymentFact.Unprocessable bad) {
      if (events.record(
          bad.eventId(),
          bad.processor(),
          bad.type(),
          new PaymentEvents.Refs(null, null, null, null),
          (Record) fact)) {
        events.outcome(bad.eventId(), "unprocessable", null, null, bad.reason());
      }
      return Outcome.UNPROCESSABLE;
    }
    boolean fresh =
        events.record(
            fact.eventId(),
            fact.processor(),
            fact.type(),
            new PaymentEvents.Refs(ref.sessionId(), ref.paymentIntentId(), ref.chargeId(), null),
            (Record) fact);
    return fresh ? applyRecorded(fact) : Outcome.DUPLICATE;
  }

  private Outcome applyRecorded(PaymentFact fact) {
    PaymentFact.GiftRef ref = fact.gift();
    events.lock(ref.paymentIntentId(), ref.chargeId());
    Optional<Gift> found = find(ref);
    if (found.isEmpty()) {
      LOG.info(() -> "Payment event " + fact.eventId() + " names no known gift yet; kept");
      events.outcome(fact.eventId(), "unmatched", null, null);
      return Outcome.UNMATCHED;
    }
    Gift gift = found.get();
    Instant now = clock.instant();
    boolean linked = gift.link(ref.sessionId(), ref.paymentIntentId(), ref.chargeId());
    String note = null;
    if (fact instanceof PaymentFact.Paid paid) {
      note = mismatch(gift, paid);
      if (note != null) {
        LOG.warning(() -> "Payment event " + fact.eventId() + ": " + note(gift, paid));
        gift.flagMismatch(note, now);
      }
      if (gift.markPaid(paid.at(), now)) {
        // a refund or chargeback that arrived before the payment is acknowledged now
        receipts.issueWithCorrections(gift);
      }
    } else if (fact instanceof PaymentFact.Failed failed) {
      gift.markFailed(failed.reason(), now);
    } else if (fact instanceof PaymentFact.Expired) {
      gift.markExpired(now);
    } else if (fact instanceof PaymentFact.Refunded refunded) {
      if (gift.recordRefunds(refunded.totalRefunded(), refunds.of(gift.id()), now)
          && gift.paidAt() != null) {
        receipts.acknowledgeRefund(gift);
      }
    } else if (fact instanceof PaymentFact.RefundReported r) {
      var all =
          refunds.record(gift.id(), new Gift.RefundCase(r.refundId(), r.amount(), r.status()));
      if (gift.recordRefunds(0, all, now) && gift.paidAt() != null) {
        receipts.acknowledgeRefund(gift);
      }
    } else if (fact instanceof PaymentFact.Disputed disputed) {
      var cases = disputes.record(gift.id(), GiftDisputes.reported(gift.id(), disputed));
      if (gift.recordDisputes(cases, now) && gift.paidAt() != null) {
        receipts.acknowledgeChargeback(gift);
      }
    }
    events.outcome(fact.eventId(), "applied", gift.id(), null, note);
    if (linked) {
      replayWaiting(gift);
    }
    return Outcome.APPLIED;
  }

  /**
   * The gift (locked by the caller) learns processor ids from elsewhere, e.g. the payment that paid
   * an instalment's invoice; events that named them before it knew them are applied now.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void learn(Gift gift, String paymentIntent, String charge) {
    if (gift.link(null, paymentIntent, charge)) {
      replayWaiting(gift);
    }
  }

  private void replayWaiting(Gift gift) {
    em.flush();
    events
        .waiting(
            new PaymentEvents.Refs(
                gift.checkoutSessionId(), gift.paymentIntentId(), gift.chargeId(), null),
            PaymentFact.class)
        .forEach(this::applyRecorded);
  }

  /** Why a payment does not match its gift (amount or currency), or null when it does. */
  static String mismatch(Gift gift, PaymentFact.Paid paid) {
    boolean currencyDiffers = paid.currency() != null && !paid.currency().equals(gift.currency());
    boolean amountDiffers = paid.amount() != gift.amountCharged();
    if (!currencyDiffers && !amountDiffers) {
      return null;
    }
    return "paid "
        + paid.amount()
        + " "
        + (paid.currency() == null ? gift.currency() : paid.currency())
        + " for a gift of "
        + gift.amountCharged()
        + " "
        + gift.currency();
  }

  private static String note(Gift gift, PaymentFact.Paid paid) {
    return mismatch(gift, paid) + " (gift " + gift.publicId() + "); recorded, flagged for staff";
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
}
