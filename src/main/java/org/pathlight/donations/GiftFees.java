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
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;
import org.pathlight.payments.Checkouts;

/**
 * Records what the processor kept on each online gift, so the reports are net of the real fee and
 * not an estimate: every hour, each Stripe gift paid more than an hour ago (and within 30 days)
 * whose fee is not known has its payment read back (the charge's balance transaction), and the fee
 * is stored once. Gifts are claimed in small batches with {@code FOR UPDATE SKIP LOCKED} and
 * stamped before Stripe is called, so several instances share the work; no transaction stays open
 * across a call to Stripe. A payment not settled yet, or settled in another currency, is left to
 * the estimate (pathlight.giving.fee.*) and read again next round.
 */
@ApplicationScoped
class GiftFees {

  private static final Logger LOG = Logger.getLogger(GiftFees.class.getName());
  static final String JOB = "gift-fees";

  @PersistenceContext EntityManager em;
  @Inject Checkouts checkouts;
  @Inject Clock clock;
  @Inject GiftFees self; // claim() and store() run in their own transactions

  /** False turns reading fees back off (the reports then estimate every fee). */
  @Inject
  @ConfigProperty(name = "pathlight.gifts.fees", defaultValue = "true")
  boolean enabled;

  void start(@Observes Startup.SchemaReady ready, Jobs jobs) {
    if (enabled) {
      jobs.hourly(JOB, this::tick);
    }
  }

  void tick() {
    ReconcileRound.Result r = run(GiftReconciliation.EVERY, 2000);
    if (r.repaired() > 0 || r.failed() > 0) {
      LOG.info(() -> "Gift fees: " + r);
    }
  }

  /** Reads the fee of up to {@code max} paid gifts not read for {@code every}. */
  ReconcileRound.Result run(Duration every, int max) {
    Instant dueBefore = clock.instant().minus(every);
    return ReconcileRound.run(limit -> self.claim(dueBefore, limit), this::read, max);
  }

  /** Claims the gifts due (its own short transaction): stamped now, so no one else takes them. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> claim(Instant dueBefore, int limit) {
    return ReconcileRound.claim(
        em,
        "gift",
        "fee_read_at",
        "processor = 'stripe' and processor_fee is null and payment_intent_id is not null"
            + " and paid_at < ?2 and paid_at > ?3",
        clock.instant(),
        dueBefore,
        Duration.ofDays(30),
        limit);
  }

  /** A gift's payment as the fee read needs it. */
  public record Payment(String processor, String paymentIntentId, String currency) {}

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Payment payment(long giftId) {
    Gift g = em.find(Gift.class, giftId);
    return g == null || g.paymentIntentId() == null
        ? null
        : new Payment(g.processor(), g.paymentIntentId(), g.currency());
  }

  /** Stores the fee once; a second reader's answer changes nothing. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean store(long giftId, long fee) {
    return em.createNativeQuery(
                "update gift set processor_fee = ?2 where id = ?1 and processor_fee is null")
            .setParameter(1, giftId)
            .setParameter(2, fee)
            .executeUpdate()
        == 1;
  }

  boolean read(long giftId) {
    Payment p = self.payment(giftId);
    if (p == null) {
      return false;
    }
    OptionalLong fee = checkouts.fee(p.processor(), p.paymentIntentId(), p.currency());
    return fee.isPresent() && self.store(giftId, fee.getAsLong());
  }
}
