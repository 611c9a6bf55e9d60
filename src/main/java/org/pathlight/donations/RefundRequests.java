package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.payments.PaymentFact;

/**
 * The {@code refund_request} table: what staff asked to refund, before and after the processor
 * answered. Each step is its own transaction, and the processor is called between them, never
 * inside one.
 */
@ApplicationScoped
class RefundRequests {

  /** Where a request stands. */
  enum State {
    /** Not answered: the processor was not reached, or its answer was lost; a retry resends it. */
    REQUESTED,
    /** The processor took it; the ledger holds the refund. */
    SENT,
    /** The processor said no. */
    REFUSED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State of(String word) {
      return valueOf(word.toUpperCase(Locale.ROOT));
    }
  }

  /** A request as stored, with the gift's processor references. */
  record Request(
      long id,
      long giftId,
      String giftPublicId,
      String processor,
      String paymentIntentId,
      String chargeId,
      long amount,
      String key,
      State state,
      String refundId,
      String refusal,
      String hash,
      boolean repeat) {}

  @PersistenceContext EntityManager em;
  @Inject Ledger ledger;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /**
   * The request of this key (a repeat), or a new one: the gift is locked while what is left to
   * refund is worked out, so two requests at once cannot refund more than was paid.
   */
  @Transactional
  Request open(Gift found, long amount, String reason, String key, String actor) {
    Gift gift = em.find(Gift.class, found.id(), LockModeType.PESSIMISTIC_WRITE);
    String hash = Idempotency.sha256(gift.publicId() + "\n" + amount + "\n" + reason);
    List<Request> stored = byKey(key);
    if (!stored.isEmpty()) {
      Request r = stored.get(0);
      if (!hash.equals(r.hash())) {
        throw new ProblemException(
            Problem.of(
                422,
                "idempotency-key-reused",
                "Idempotency key reused",
                "This Idempotency-Key was sent before with a different refund. Use a new key for a"
                    + " new refund."));
      }
      if (r.state() == State.REQUESTED && !lease(r.id())) {
        throw conflict(
            "refund-in-progress",
            "This refund is being sent to the payment processor now. Reload the gift in a moment.");
      }
      return r;
    }
    refundable(gift, amount);
    long id =
        ((Number)
                em.createNativeQuery(
                        "insert into refund_request (gift_id, idempotency_key, request_hash,"
                            + " amount, reason, requested_by, requested_at, sending_until)"
                            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) returning id")
                    .setParameter(1, gift.id())
                    .setParameter(2, key)
                    .setParameter(3, hash)
                    .setParameter(4, amount)
                    .setParameter(5, reason)
                    .setParameter(6, actor)
                    .setParameter(7, Timestamp.from(clock.instant()))
                    .setParameter(8, Timestamp.from(clock.instant().plus(SENDING)))
                    .getSingleResult())
            .longValue();
    return new Request(
        id,
        gift.id(),
        gift.publicId().toString(),
        gift.processor(),
        gift.paymentIntentId(),
        gift.chargeId(),
        amount,
        key,
        State.REQUESTED,
        null,
        null,
        hash,
        false);
  }

  /** Refuses a refund the gift cannot take: not refundable, nothing left, or more than is left. */
  private void refundable(Gift gift, long amount) {
    String why = gift.whyNotRefundable();
    if (why != null) {
      throw conflict("not-refundable", why);
    }
    long unanswered =
        ((Number)
                em.createNativeQuery(
                        "select coalesce(sum(amount), 0) from refund_request"
                            + " where gift_id = ?1 and state = 'requested'")
                    .setParameter(1, gift.id())
                    .getSingleResult())
            .longValue();
    long left = gift.refundable(unanswered);
    if (left <= 0) {
      throw conflict("already-refunded", "This gift has been refunded in full already.");
    }
    if (amount > left) {
      throw new ProblemException(
          Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
              .withErrors(
                  List.of(
                      new Problem.FieldError(
                          "amount",
                          "can be at most "
                              + Money.format(left, gift.currency())
                              + ", what is left to refund"))));
    }
  }

  /** The processor took the refund: the ledger applies its answer like the event it stands for. */
  @Transactional
  void answered(
      Request r, PaymentFact.RefundReported fact, String reason, String actor, String ip) {
    int first =
        em.createNativeQuery(
                "update refund_request set state = 'sent', refund_id = ?2, answered_at = ?3"
                    + " where id = ?1 and state <> 'sent'")
            .setParameter(1, r.id())
            .setParameter(2, fact.refundId())
            .setParameter(3, Timestamp.from(clock.instant()))
            .executeUpdate();
    ledger.apply(fact);
    if (first == 1) {
      audit.record(
          actor,
          "gift.refund",
          "gift",
          r.giftId(),
          null,
          java.util.Map.of(
              "amount",
              r.amount(),
              "reason",
              reason,
              "refundId",
              fact.refundId(),
              "status",
              fact.status()),
          ip);
    }
  }

  @Transactional
  void refused(Request r, String why) {
    em.createNativeQuery(
            "update refund_request set state = 'refused', refusal = ?2, answered_at = ?3,"
                + " sending_until = null where id = ?1 and state = 'requested'")
        .setParameter(1, r.id())
        .setParameter(2, why)
        .setParameter(3, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  /** The processor could not be reached: the next retry may send the request again at once. */
  @Transactional
  void release(Request r) {
    em.createNativeQuery(
            "update refund_request set sending_until = null where id = ?1 and state = 'requested'")
        .setParameter(1, r.id())
        .executeUpdate();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  List<DonationsResource.RefundLine> of(long giftId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, amount, reason, requested_by, requested_at, state, refund_id, refusal"
                    + " from refund_request where gift_id = ?1 order by requested_at, id")
            .setParameter(1, giftId)
            .getResultList();
    return rows.stream()
        .map(
            x ->
                new DonationsResource.RefundLine(
                    ((Number) x[0]).longValue(),
                    ((Number) x[1]).longValue(),
                    (String) x[2],
                    (String) x[3],
                    ((Timestamp) x[4]).toInstant(),
                    (String) x[5],
                    (String) x[6],
                    (String) x[7]))
        .toList();
  }

  /** How long one caller has to send a request before a retry may send it again. */
  static final java.time.Duration SENDING = java.time.Duration.ofSeconds(60);

  /** Takes the sending lease of an unanswered request when nobody holds it; false when held. */
  private boolean lease(long id) {
    return em.createNativeQuery(
                "update refund_request set sending_until = ?2 where id = ?1"
                    + " and state = 'requested' and (sending_until is null or sending_until < ?3)")
            .setParameter(1, id)
            .setParameter(2, Timestamp.from(clock.instant().plus(SENDING)))
            .setParameter(3, Timestamp.from(clock.instant()))
            .executeUpdate()
        == 1;
  }

  private List<Request> byKey(String key) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select r.id, r.gift_id, g.public_id, g.processor, g.payment_intent_id,"
                    + " g.charge_id, r.amount, r.idempotency_key, r.state, r.refund_id, r.refusal,"
                    + " r.request_hash"
                    + " from refund_request r join gift g on g.id = r.gift_id"
                    + " where r.idempotency_key = ?1")
            .setParameter(1, key)
            .getResultList();
    return rows.stream()
        .map(
            x ->
                new Request(
                    ((Number) x[0]).longValue(),
                    ((Number) x[1]).longValue(),
                    x[2].toString(),
                    (String) x[3],
                    (String) x[4],
                    (String) x[5],
                    ((Number) x[6]).longValue(),
                    (String) x[7],
                    State.of((String) x[8]),
                    (String) x[9],
                    (String) x[10],
                    (String) x[11],
                    true))
        .toList();
  }

  private static ProblemException conflict(String type, String detail) {
    return new ProblemException(Problem.of(409, type, "Cannot refund this gift", detail));
  }
}
