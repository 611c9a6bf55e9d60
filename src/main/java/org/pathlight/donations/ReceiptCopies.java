package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.supporters.Supporters;

/** Staff re-send a gift's receipt: the same number, marked as a copy, audited. */
@ApplicationScoped
class ReceiptCopies {

  @PersistenceContext EntityManager em;
  @Inject Receipts receipts;
  @Inject Supporters supporters;
  @Inject AuditTrail audit;

  @Transactional
  DonationsResource.ReceiptCopy send(Gift found, String requestKey, String actor, String clientIp) {
    Gift gift = em.find(Gift.class, found.id());
    if (gift.receiptNumber() == null) {
      throw new ProblemException(
          Problem.of(
              409,
              "no-receipt",
              "No receipt yet",
              "This gift has no receipt: it is issued when the gift is paid."));
    }
    String to = supporters.find(gift.supporterId()).orElseThrow().email();
    boolean queued = receipts.sendCopy(gift, requestKey).isPresent();
    if (queued) {
      audit.record(
          actor,
          "gift.receipt.copy",
          "gift",
          gift.id(),
          null,
          java.util.Map.of("receiptNumber", gift.receiptLabel(), "to", to),
          clientIp);
    }
    return new DonationsResource.ReceiptCopy(queued, to);
  }
}
