package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * Staff correct an offline gift: void it (entered in error), record its check as returned unpaid,
 * or adjust it. Each keeps the receipt number, queues one corrected acknowledgement and one audit
 * entry, under the gift's row lock, so a double click voids once and two corrections apply in turn.
 */
@ApplicationScoped
class OfflineCorrections {

  @PersistenceContext EntityManager em;
  @Inject Receipts receipts;
  @Inject Funds funds;
  @Inject GivingSettings settings;
  @Inject Organization organization;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Transactional
  Gift markVoid(Gift found, GiftStatus kind, String reason, String actor, String clientIp) {
    Gift gift = locked(found);
    if (kind == GiftStatus.BOUNCED && gift.source() != GiftSource.CHECK) {
      throw refused("not-a-check", "Not a check", "Only a check can be returned unpaid: void it.");
    }
    GiftView before = GiftView.of(gift);
    gift.markVoid(kind, reason, clock.instant());
    receipts.acknowledgeVoid(gift);
    audit.record(
        actor,
        kind == GiftStatus.BOUNCED ? "gift.bounced" : "gift.voided",
        "gift",
        gift.id(),
        before,
        Map.of("status", gift.status().word(), "reason", reason),
        clientIp);
    return gift;
  }

  /** What staff send to correct a gift; null members stay as they are. */
  record Change(
      Long amount,
      Long benefitValue,
      String fundCode,
      java.time.LocalDate receivedOn,
      String inKindDescription,
      String reference) {}

  /** The gift after the change, and whether anything changed (nothing is sent when not). */
  record Corrected(Gift gift, boolean changed) {}

  @Transactional
  Corrected correct(Gift found, Change c, String reason, String actor, String clientIp) {
    Gift gift = locked(found);
    long amount = c.amount() == null ? gift.amount() : c.amount();
    long benefit = c.benefitValue() == null ? gift.benefitValue() : c.benefitValue();
    List<Problem.FieldError> errors =
        OfflineRules.check(
            gift.source(),
            amount,
            gift.currency(),
            c.receivedOn(),
            benefit,
            c.inKindDescription() == null ? gift.inKindDescription() : c.inKindDescription(),
            organization.today(),
            settings.offlineLimits());
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
              .withErrors(errors));
    }
    if (c.fundCode() != null && !c.fundCode().equals(gift.fundCode())) {
      funds.require(c.fundCode());
    }
    GiftView before = GiftView.of(gift);
    boolean changed =
        gift.correct(
            new Gift.Correction(
                c.amount(),
                c.benefitValue(),
                c.fundCode(),
                c.receivedOn(),
                c.receivedOn() == null
                    ? null
                    : c.receivedOn().atStartOfDay(organization.zone()).toInstant(),
                gift.source() == GiftSource.IN_KIND ? c.inKindDescription() : null,
                c.reference()),
            clock.instant());
    if (changed) {
      receipts.acknowledgeCorrection(gift);
      audit.record(
          actor,
          "gift.corrected",
          "gift",
          gift.id(),
          before,
          Map.of("gift", GiftView.of(gift), "reason", reason),
          clientIp);
    }
    return new Corrected(gift, changed);
  }

  private Gift locked(Gift found) {
    Gift gift = em.find(Gift.class, found.id(), LockModeType.PESSIMISTIC_WRITE);
    String why = gift.whyNotCorrectable();
    if (why != null) {
      throw refused(
          gift.source() == GiftSource.ONLINE ? "not-offline" : "already-void",
          gift.source() == GiftSource.ONLINE ? "Not an offline gift" : "Already void",
          why);
    }
    return gift;
  }

  private static ProblemException refused(String type, String title, String detail) {
    return new ProblemException(Problem.of(409, type, title, detail));
  }
}
