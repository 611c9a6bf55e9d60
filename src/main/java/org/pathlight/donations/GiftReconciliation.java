package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;
import org.pathlight.payments.Checkouts;
import org.pathlight.payments.PaymentFact;

/**
 * Repairs one-time gifts whose checkout finished while the webhook was not heard (endpoint down, a
 * secret rotated by mistake): every hour, each Stripe gift still pending more than an hour after it
 * was made (and less than three days, past Stripe's 24-hour checkout expiry) has its Checkout
 * Session read back, and what Stripe says (paid, or expired) is applied through the gift ledger
 * like any event, so the donor gets the receipt a missed {@code checkout.session.completed} would
 * have sent. Gifts are claimed in small batches with {@code FOR UPDATE SKIP LOCKED} and stamped
 * before Stripe is called, so several instances share the work and never read the same gift twice
 * in a round; no transaction stays open across a call to Stripe.
 */
@ApplicationScoped
public class GiftReconciliation {

  private static final Logger LOG = Logger.getLogger(GiftReconciliation.class.getName());
  static final String JOB = "gift-reconciliation";

  /** A gift read in a round is not read again for this long. */
  static final Duration EVERY = Duration.ofMinutes(50);

  @PersistenceContext EntityManager em;
  @Inject Checkouts checkouts;
  @Inject Ledger ledger;
  @Inject Clock clock;
  @Inject GiftReconciliation self; // claim() and snapshot() run in their own transactions

  /** False turns reconciliation of one-time gifts off. */
  @Inject
  @ConfigProperty(name = "pathlight.gifts.reconcile", defaultValue = "true")
  boolean enabled;

  void start(@Observes Startup.SchemaReady ready, Jobs jobs) {
    if (enabled) {
      jobs.hourly(JOB, this::tick);
    }
  }

  void tick() {
    ReconcileRound.Result r = run(EVERY, 2000);
    if (r.repaired() > 0 || r.failed() > 0) {
      LOG.info(() -> "Gift reconciliation: " + r);
    }
  }

  /** Reconciles up to {@code max} pending gifts not compared with Stripe for {@code every}. */
  public ReconcileRound.Result run(Duration every, int max) {
    Instant dueBefore = clock.instant().minus(every);
    return ReconcileRound.run(limit -> self.claim(dueBefore, limit), this::reconcile, max);
  }

  /** Claims the gifts due (its own short transaction): stamped now, so no one else takes them. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claim(Instant dueBefore, int limit) {
    // the webhook is given an hour; a checkout expires after a day at most
    return ReconcileRound.claim(
        em,
        "gift",
        "status = 'pending' and processor = 'stripe' and checkout_session_id is not null"
            + " and created_at < ?2 and created_at > ?3",
        clock.instant(),
        dueBefore,
        Duration.ofDays(3),
        limit);
  }

  /** Which processor and checkout a gift has, and its status, read in a short transaction. */
  public record Snapshot(String processor, String sessionId, String status) {}

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Snapshot snapshot(long giftId) {
    Gift gift = em.find(Gift.class, giftId);
    return gift == null
        ? null
        : new Snapshot(gift.processor(), gift.checkoutSessionId(), gift.status().word());
  }

  /** Reads one gift's checkout back from Stripe and applies it; true when the gift changed. */
  boolean reconcile(long giftId) {
    Snapshot before = self.snapshot(giftId);
    if (before == null || before.sessionId() == null) {
      return false;
    }
    for (PaymentFact fact : checkouts.current(before.processor(), before.sessionId())) {
      ledger.apply(fact);
    }
    return !self.snapshot(giftId).status().equals(before.status());
  }
}
