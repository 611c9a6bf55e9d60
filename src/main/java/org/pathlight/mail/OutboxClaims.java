package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's three short transactions: claim one due message (row lock with SKIP LOCKED, then a
 * lease), mark it sent, or schedule its retry. Each commits on its own, so the only work that a
 * crash can repeat is the one message between its SMTP hand-off and its mark.
 */
@ApplicationScoped
public class OutboxClaims {

  @PersistenceContext EntityManager em;
  @Inject MailSettings settings;
  @Inject Clock clock;

  /** A claimed message: the row as it was when claimed. */
  public record Claimed(long id, int attempt, OutboxMessage message) {}

  /**
   * Claims the oldest due message for {@code worker}: it is leased (not due again) until the lease
   * ends, so another sender, here or on another instance, passes over it.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Claimed> claimNext(String worker) {
    return claim(worker);
  }

  /**
   * Marks {@code sentId} sent and claims the next due message in one transaction: one commit per
   * message instead of two. A crash before it commits repeats only {@code sentId}, the message that
   * was in the SMTP hand-off, as a crash before a mark of its own would.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Claimed> markSentAndClaimNext(long sentId, String worker) {
    sent(sentId);
    return claim(worker);
  }

  private Optional<Claimed> claim(String worker) {
    Instant now = clock.instant();
    // the claimed row comes back whole from the update: no second query to read it
    @SuppressWarnings("unchecked")
    List<OutboxMessage> rows =
        em.createNativeQuery(
                "update outbox_message set attempts = attempts + 1, next_attempt_at = ?2,"
                    + " claimed_by = ?3"
                    + " where id = (select id from outbox_message"
                    + "   where status = 'pending' and next_attempt_at <= ?1"
                    + "   order by next_attempt_at, id limit 1 for update skip locked)"
                    + " returning *",
                OutboxMessage.class)
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, Timestamp.from(now.plus(settings.lease())))
            .setParameter(3, worker)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    OutboxMessage message = rows.get(0);
    return Optional.of(new Claimed(message.id(), message.attempts(), message));
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean markSent(long id) {
    return sent(id);
  }

  private boolean sent(long id) {
    return em.createNativeQuery(
                "update outbox_message set status = 'sent', sent_at = ?2, last_error = null,"
                    + " claimed_by = null where id = ?1 and status = 'pending'")
            .setParameter(1, id)
            .setParameter(2, Timestamp.from(clock.instant()))
            .executeUpdate()
        == 1;
  }

  /**
   * Schedules another try after a backoff, or gives up: at once for a permanent failure (the
   * recipient does not exist), or after the last allowed attempt.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void markFailed(long id, int attempt, String error, boolean permanent) {
    boolean giveUp = permanent || attempt >= settings.maxAttempts();
    Instant next = clock.instant().plus(Backoff.after(attempt, settings.retryBase()));
    em.createNativeQuery(
            "update outbox_message set status = ?2, next_attempt_at = ?3, last_error = ?4,"
                + " claimed_by = null where id = ?1 and status = 'pending'")
        .setParameter(1, id)
        .setParameter(2, giveUp ? "failed" : "pending")
        .setParameter(3, Timestamp.from(next))
        .setParameter(4, error.length() > 1000 ? error.substring(0, 1000) : error)
        .executeUpdate();
  }
}
