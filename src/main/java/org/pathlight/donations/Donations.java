package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.common.Emails;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.RateLimiter;
import org.pathlight.payments.CheckoutRequest;
import org.pathlight.payments.CheckoutSession;
import org.pathlight.payments.Checkouts;
import org.pathlight.payments.PaymentUnavailable;
import org.pathlight.staff.AuditTrail;
import org.pathlight.supporters.Supporters;

/**
 * Starts online gifts and records offline ones. An online gift is written pending first (its own
 * transaction), then the hosted checkout is opened with the gift's id as idempotency key, then the
 * session is attached: a crash between the steps leaves at worst a pending gift that no one paid,
 * never a payment without a gift.
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
  public Plans.Started startRecurring(
      Intent intent, String frequency, String idempotencyKey, String clientIp) {
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
    return plans.start(total, frequency, idempotencyKey, clientIp);
  }

  public Started start(Intent intent, String idempotencyKey, String clientIp) {
    limit(intent, clientIp);
    check(intent);
    Optional<Gift> earlier = byIdempotencyKey(idempotencyKey);
    if (earlier.isPresent()) {
      return started(earlier.get());
    }
    Gift gift;
    try {
      gift = self.createPending(intent, idempotencyKey, clientIp);
    } catch (RuntimeException raced) {
      // a double click: the other request created the gift with the same key
      return byIdempotencyKey(idempotencyKey).map(Donations::started).orElseThrow(() -> raced);
    }
    Fund fund = funds.require(gift.fundCode());
    CheckoutSession session;
    try {
      session =
          checkouts.open(
              new CheckoutRequest(
                  gift.publicId().toString(),
                  gift.amountCharged(),
                  gift.currency(),
                  "Gift to " + fund.name(),
                  intent.email().trim(),
                  urls.to("/give/thanks?gift=" + gift.publicId()),
                  urls.to("/give?cancelled=" + gift.publicId())));
    } catch (PaymentUnavailable e) {
      self.abandon(gift.id(), "The checkout could not be opened: " + e.why());
      throw e;
    }
    return started(self.attach(gift.id(), session));
  }

  @Transactional
  public Gift createPending(Intent intent, String idempotencyKey, String clientIp) {
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
                intent.tributeKind(),
                intent.tributeName()),
            checkouts.processor(),
            checkouts.testMode(),
            idempotencyKey,
            clientIp,
            clock.instant());
    em.persist(gift);
    em.flush();
    return gift;
  }

  @Transactional
  public Gift attach(long giftId, CheckoutSession session) {
    Gift gift = em.find(Gift.class, giftId);
    gift.openedCheckout(session.sessionId(), session.url(), clock.instant());
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
      String source,
      long amount,
      String currency,
      String fundCode,
      LocalDate receivedOn,
      long benefitValue,
      String inKindDescription,
      String reference,
      boolean anonymous,
      String tributeKind,
      String tributeName) {}

  @Transactional
  public Gift recordOffline(Offline o, String actor, String clientIp) {
    Fund fund = funds.require(o.fundCode());
    if (o.benefitValue() > o.amount()) {
      throw ProblemException.invalid("benefitValue", "cannot be more than the amount");
    }
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
                o.tributeKind(),
                o.tributeName()),
            o.source(),
            o.receivedOn(),
            o.receivedOn().atStartOfDay(receiptsZone()).toInstant(),
            o.inKindDescription(),
            o.reference(),
            actor,
            clock.instant());
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
    funds.require(intent.fundCode());
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
        g.publicId(), g.status(), g.checkoutUrl(), g.amountCharged(), g.feeCovered(), g.test());
  }
}
