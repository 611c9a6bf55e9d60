package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@code payment_event} table both ledgers (gifts and plans) keep: each processor event stored
 * once by its id with the ids it names, its outcome, and, while it names nothing we know yet, its
 * fact, to be replayed when a gift or plan learns one of those ids. Runs in the caller's
 * transaction.
 */
@ApplicationScoped
class PaymentEvents {

  private static final Jsonb JSON = JsonbBuilder.create();

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** The processor ids an event names (any may be null). */
  record Refs(String session, String paymentIntent, String charge, String subscription) {}

  /** Stores the event; false when its id was stored before (a repeat: nothing to do). */
  @Transactional(Transactional.TxType.MANDATORY)
  boolean record(String eventId, String processor, String type, Refs refs, Record fact) {
    return em.createNativeQuery(
                "insert into payment_event (event_id, processor, type, received_at, outcome,"
                    + " ref_session, ref_payment_intent, ref_charge, ref_subscription, payload)"
                    + " values (?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, ?8, cast(?9 as jsonb))"
                    + " on conflict (event_id) do nothing")
            .setParameter(1, eventId)
            .setParameter(2, processor)
            .setParameter(3, type)
            .setParameter(4, Timestamp.from(clock.instant()))
            .setParameter(5, refs.session())
            .setParameter(6, refs.paymentIntent())
            .setParameter(7, refs.charge())
            .setParameter(8, refs.subscription())
            .setParameter(9, encode(fact))
            .executeUpdate()
        == 1;
  }

  /** Applied to a gift or a plan, or left unmatched. */
  @Transactional(Transactional.TxType.MANDATORY)
  void outcome(String eventId, String outcome, Long giftId, Long planId) {
    outcome(eventId, outcome, giftId, planId, null);
  }

  /**
   * Applied, unmatched, ignored (a deliberate no-op) or unprocessable, with the reason staff see
   * (null: none).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void outcome(String eventId, String outcome, Long giftId, Long planId, String reason) {
    em.createNativeQuery(
            "update payment_event set outcome = ?2, gift_id = cast(?3 as bigint),"
                + " plan_id = cast(?4 as bigint), reason = cast(?5 as text) where event_id = ?1")
        .setParameter(1, eventId)
        .setParameter(2, outcome)
        .setParameter(3, giftId)
        .setParameter(4, planId)
        .setParameter(5, reason)
        .executeUpdate();
  }

  /**
   * Two events about one payment can arrive at once, each naming it differently; a lock per
   * processor id (taken in a fixed order) makes the one that links an id and the one that looks it
   * up take turns.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void lock(String... ids) {
    for (String id : new TreeSet<>(Arrays.stream(ids).filter(Objects::nonNull).toList())) {
      em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
          .setParameter(1, id)
          .getSingleResult();
    }
  }

  /** The facts still waiting for one of these ids, oldest first. */
  @Transactional(Transactional.TxType.MANDATORY)
  <T> List<T> waiting(Refs refs, Class<T> family) {
    @SuppressWarnings("unchecked")
    List<String> payloads =
        em.createNativeQuery(
                "select payload::text from payment_event where outcome = 'unmatched'"
                    + " and (ref_session = ?1 or ref_payment_intent = ?2 or ref_charge = ?3"
                    + " or ref_subscription = ?4) order by received_at, event_id")
            .setParameter(1, String.valueOf(refs.session()))
            .setParameter(2, String.valueOf(refs.paymentIntent()))
            .setParameter(3, String.valueOf(refs.charge()))
            .setParameter(4, String.valueOf(refs.subscription()))
            .getResultList();
    return payloads.stream().map(p -> decode(p, family)).toList();
  }

  /** The stored events with this outcome, newest first (at most 500). */
  @Transactional(Transactional.TxType.SUPPORTS)
  List<PaymentEventsResource.EventRow> list(String outcome) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select event_id, processor, type, received_at, outcome, reason from payment_event"
                    + " where outcome = ?1 order by received_at desc, event_id limit 500")
            .setParameter(1, outcome)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new PaymentEventsResource.EventRow(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    ((Timestamp) r[3]).toInstant(),
                    (String) r[4],
                    (String) r[5]))
        .toList();
  }

  static String encode(Record fact) {
    return JSON.toJson(Map.of("kind", fact.getClass().getSimpleName(), "fact", JSON.toJson(fact)));
  }

  /** A stored fact back, as the member of the sealed {@code family} its kind names. */
  static <T> T decode(String payload, Class<T> family) {
    @SuppressWarnings("unchecked")
    Map<String, String> wrapper = JSON.fromJson(payload, Map.class);
    Class<?> kind =
        Arrays.stream(family.getPermittedSubclasses())
            .filter(c -> c.getSimpleName().equals(wrapper.get("kind")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("unknown fact " + wrapper.get("kind")));
    return family.cast(JSON.fromJson(wrapper.get("fact"), kind));
  }
}
