package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Emails;
import org.pathlight.common.Organization;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.RateLimiter;
import org.pathlight.payments.CheckoutRequest;
import org.pathlight.payments.CheckoutSession;
import org.pathlight.payments.Checkouts;
import org.pathlight.payments.Frequency;
import org.pathlight.payments.PaymentUnavailable;
import org.pathlight.supporters.Supporters;

/**
 * Starts online gifts and records offline ones. An online gift is written pending first (its own
 * transaction), then the hosted checkout is opened with the gift's id as idempotency key and
 * attached, under the gift's row lock: a crash between the steps leaves at worst a pending gift
 * that no one paid, never a payment without a gift, and a retry with the same Idempotency-Key
 * finishes it with the same checkout.
 */
@ApplicationScoped
public class Donations {

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Checkouts checkouts;
  @Inject GivingSettings settings;
  @Inject RateLimiter rateLimiter;
  @Inject PublicUrls urls;
  @Inject Receipts receipts;
  @Inject Organization organization;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject Donations self;
  @Inject Plans plans;
  @Inject PlanCheckout planCheckout;
  @Inject DepositBatches batches;

  /** A donor's gift as asked for on the donation page. */
  public record Intent(
      long amount,
      String currency,
      String fundCode,
      String email,
      String firstName,
      String lastName,
      boolean coverFees,
      boolean anonymous,
      String tributeKind,
      String tributeName) {}

  /** What the donor's browser needs next. */
  public record Started(
      UUID id, String status, String checkoutUrl, long amount, long fee, boolean test) {}

  /**
   * A recurring gift (monthly, quarterly, annually): the same checks and limits as a one-time gift,
   * then a plan and the processor's checkout in subscription mode. Covering the fee adds it to
   * every instalment.
   */
  public PlanCheckout.Started startRecurring(
      Intent intent, Frequency frequency, String idempotencyKey, String clientIp) {
    limit(intent, clientIp);
    check(intent);
    long fee = intent.coverFees() ? settings.fee(intent.amount()) : 0;
    Intent total =
        new Intent(
            intent.amount() + fee,
            intent.currency(),
            intent.fundCode(),
            intent.email(),
            intent.firstName(),
            intent.lastName(),
            false,
            intent.anonymous(),
            intent.tributeKind(),
            intent.tributeName());
    String hash = requestHash(intent, frequency.word());
    if (idempotencyKey != null && byIdempotencyKey(idempotencyKey).isPresent()) {
      throw Idempotency.reused(); // the key started a one-time gift: another body
    }
    return planCheckout.start(total, frequency, idempotencyKey, hash, clientIp);
  }

  /**
   * Starts a one-time gift. With an Idempotency-Key, every answer for that key carries the same
   * checkout: a retry (or a double click, or a request after a crash between the steps) finds the
   * gift and, when its checkout is not attached yet, waits for it or opens it itself under the
   * gift's row lock, with the same processor idempotency key (so Stripe answers the same session).
   * The same key with another body is refused (422 idempotency-key-reused).
   */
  public Started start(Intent intent, String idempotencyKey, String clientIp) {
    limit(intent, clientIp);
    check(intent);
    String hash = requestHash(intent, "once");
    Optional<Gift> earlier = earlierGift(idempotencyKey, hash);
    Gift gift;
    if (earlier.isPresent()) {
      gift = earlier.get();
    } else {
      try {
        gift = self.createPending(intent, idempotencyKey, hash, clientIp);
      } catch (RuntimeException raced) {
        // a double click: the other request created the gift with the same key
        gift = earlierGift(idempotencyKey, hash).orElseThrow(() -> raced);
      }
    }
    if (gift.checkoutUrl() != null) {
      return started(gift);
    }
    try {
      return started(self.openCheckout(gift.id(), intent.email().trim()));
    } catch (PaymentUnavailable e) {
      self.abandon(gift.id(), "The checkout could not be opened: " + e.why());
      throw e;
    } catch (jakarta.persistence.PersistenceException e) {
      throw Idempotency.busyOr(e);
    }
  }

  /**
   * Opens the gift's hosted checkout once: under the gift's row lock (waited for at most {@link
   * Idempotency#LOCK_WAIT}), so concurrent requests for one gift take turns and the later ones find
   * the checkout attached. The processor call is keyed by the gift's id, so even a checkout opened
   * before a crash is the one returned again.
   */
  @Transactional
  public Gift openCheckout(long giftId, String email) {
    Idempotency.boundLockWait(em);
    Gift gift = em.find(Gift.class, giftId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (gift.checkoutUrl() != null) {
      return gift;
    }
    CheckoutSession session =
        checkouts.open(
            new CheckoutRequest(
                gift.publicId().toString(),
                gift.amountCharged(),
                gift.currency(),
                "Gift to " + funds.nameOf(gift.fundCode()),
                email,
                urls.to("/give/thanks?gift=" + gift.publicId()),
                urls.to("/give?cancelled=" + gift.publicId())));
    gift.openedCheckout(session.sessionId(), session.url(), clock.instant());
    return gift;
  }

  /** The gift an earlier request with this key started, if the body matches (else a 422). */
  private Optional<Gift> earlierGift(String key, String hash) {
    if (key == null) {
      return Optional.empty();
    }
    if (plans.byIdempotencyKey(key).isPresent()) {
      throw Idempotency.reused(); // the key started a recurring gift: another body
    }
    Optional<Gift> gift = byIdempotencyKey(key);
    gift.ifPresent(g -> Idempotency.requireSame(g.idempotencyHash(), hash));
    return gift;
  }

  /**
   * The SHA-256 of a gift request as its meaning, not its bytes (trimmed, the email as its key).
   */
  static String requestHash(Intent i, String frequency) {
    return Idempotency.sha256(
        String.join(
            "\n",
            String.valueOf(i.amount()),
            String.valueOf(i.currency()),
            frequency,
            String.valueOf(i.fundCode()),
            Emails.normalize(i.email()),
            i.firstName().trim(),
            i.lastName().trim(),
            String.valueOf(i.coverFees()),
            String.valueOf(i.anonymous()),
            String.valueOf(i.tributeKind()),
            String.valueOf(i.tributeName())));
  }

  @Transactional
  public Gift createPending(Intent intent, String idempotencyKey, String hash, String clientIp) {
    Fund fund = funds.require(intent.fundCode());
    long supporterId =
        supporters
            .findOrCreate(intent.email(), intent.firstName(), intent.lastName(), null)
            .supporter()
            .id();
    long fee = intent.coverFees() ? settings.fee(intent.amount()) : 0;
    Gift gift =
        Gift.online(
            new Gift.Terms(
                supporterId,
                fund.code(),
                intent.currency(),
                intent.amount(),
                fee,
                0,
                intent.anonymous(),
                Tribute.of(intent.tributeKind(), intent.tributeName())),
            checkouts.processor(),
            checkouts.testMode(),
            idempotencyKey,
            idempotencyKey == null ? null : hash,
            clientIp,
            clock.instant());
    em.persist(gift);
    em.flush();
    return gift;
  }

  @Transactional
  public void abandon(long giftId, String reason) {
    em.find(Gift.class, giftId).abandon(reason, clock.instant());
  }

  /** A gift received outside the website, receipted at once. */
  public record Offline(
      String email,
      String firstName,
      String lastName,
      GiftSource source,
      long amount,
      String currency,
      String fundCode,
      LocalDate receivedOn,
      long benefitValue,
      String inKindDescription,
      String reference,
      boolean anonymous,
      String tributeKind,
      String tributeName,
      UUID batch) {}

  /** An offline gift as recorded, and whether this request found it already recorded. */
  public record Recorded(Gift gift, boolean repeat) {}

  /**
   * Records an offline gift once per Idempotency-Key: a double submit or a retry after a lost
   * answer finds the gift its key recorded (the same key with another gift is refused). Requests
   * with the same key take turns on a lock, so a race records one gift.
   */
  @Transactional
  public Recorded recordOffline(Offline o, String key, String actor, String clientIp) {
    String stored = "staff:" + key;
    String hash = Idempotency.sha256(o.toString());
    em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, stored)
        .getSingleResult();
    Optional<Gift> earlier = byIdempotencyKey(stored);
    if (earlier.isPresent()) {
      Idempotency.requireSame(earlier.get().idempotencyHash(), hash);
      return new Recorded(earlier.get(), true);
    }
    return new Recorded(record(o, stored, hash, actor, clientIp), false);
  }

  private Gift record(Offline o, String key, String hash, String actor, String clientIp) {
    DepositBatches.Open batch = o.batch() == null ? null : batches.openForEntry(o.batch());
    List<Problem.FieldError> errors =
        OfflineRules.check(
            o.source(),
            o.amount(),
            o.currency(),
            o.receivedOn(),
            o.benefitValue(),
            o.inKindDescription(),
            organization.today(),
            settings.offlineLimits());
    if (batch != null && !batch.currency().equals(o.currency())) {
      errors.add(
          new Problem.FieldError(
              "currency", "must be " + batch.currency() + ", the deposit batch's currency"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
              .withErrors(errors));
    }
    Fund fund = funds.require(o.fundCode());
    long supporterId =
        supporters.findOrCreate(o.email(), o.firstName(), o.lastName(), null).supporter().id();
    Gift gift =
        Gift.offline(
            new Gift.Terms(
                supporterId,
                fund.code(),
                o.currency(),
                o.amount(),
                0,
                o.benefitValue(),
                o.anonymous(),
                Tribute.of(o.tributeKind(), o.tributeName())),
            o.source(),
            o.receivedOn(),
            o.receivedOn().atStartOfDay(receiptsZone()).toInstant(),
            o.inKindDescription(),
            o.reference(),
            actor,
            clock.instant());
    gift.keyedBy(key, hash);
    if (batch != null) {
      gift.enterInBatch(batch.id());
    }
    em.persist(gift);
    em.flush();
    receipts.issue(gift);
    audit.record(actor, "gift.recorded", "gift", gift.id(), null, GiftView.of(gift), clientIp);
    return gift;
  }

  private java.time.ZoneId receiptsZone() {
    return organization.zone();
  }

  private void limit(Intent intent, String clientIp) {
    rateLimiter.hit(
        "give-address:" + clientIp,
        settings.perAddress(),
        "Too many gifts started from your network. Wait a few minutes and try again.");
    rateLimiter.hit(
        "give-email:" + Emails.normalize(intent.email()),
        settings.perEmail(),
        "Too many gifts started for this email. Wait a few minutes and try again.");
  }

  private void check(Intent intent) {
    if (!settings.currencies().contains(intent.currency())) {
      throw ProblemException.invalid(
          "currency", "we accept " + String.join(", ", settings.currencies()));
    }
    if (intent.amount() < settings.minAmount()) {
      throw ProblemException.invalid(
          "amount",
          "the smallest online gift is " + Money.format(settings.minAmount(), intent.currency()));
    }
    if (intent.amount() > settings.maxAmount()) {
      throw ProblemException.invalid(
          "amount",
          "for gifts over "
              + Money.format(settings.maxAmount(), intent.currency())
              + " please contact us");
    }
    funds.requireShown(intent.fundCode());
  }

  private Optional<Gift> byIdempotencyKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    return em.createNamedQuery("Gift.byIdempotencyKey", Gift.class)
        .setParameter("key", key)
        .getResultStream()
        .findFirst();
  }

  private static Started started(Gift g) {
    return new Started(
        g.publicId(),
        g.status().word(),
        g.checkoutUrl(),
        g.amountCharged(),
        g.feeCovered(),
        g.test());
  }
}
