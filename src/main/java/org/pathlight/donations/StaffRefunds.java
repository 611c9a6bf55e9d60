package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pathlight.payments.PaymentFact;
import org.pathlight.payments.PaymentRefused;
import org.pathlight.payments.PaymentUnavailable;
import org.pathlight.payments.RefundRequest;
import org.pathlight.payments.Refunds;

/**
 * A refund staff ask for from a gift's page: recorded first, then sent to the processor with the
 * request's idempotency key, then the processor's answer is applied to the ledger like the {@code
 * refund.created} event it stands for (the webhook's later events still move the refund on). A
 * repeat of a request answers what the first one did and never reaches the processor twice; a
 * request whose answer was lost is sent again with the same key, which the processor answers with
 * the same refund. The ledger sends the corrected acknowledgement.
 */
@ApplicationScoped
class StaffRefunds {

  @Inject RefundRequests requests;
  @Inject Refunds refunds;
  @Inject GiftRefunds ledger;

  DonationsResource.Refunded refund(
      Gift gift, long amount, String reason, String key, String actor, String clientIp) {
    RefundRequests.Request r = requests.open(gift, amount, reason, key, actor);
    switch (r.state()) {
      case SENT:
        // the refund's own status as the ledger holds it now (the webhook may have moved it on)
        String status = ledger.status(gift.id(), r.refundId()).orElse("sent");
        return new DonationsResource.Refunded(r.refundId(), r.amount(), status, true);
      case REFUSED:
        throw new PaymentRefused(r.refusal());
      default:
        break;
    }
    PaymentFact.RefundReported answer;
    try {
      answer =
          refunds.refund(
              new RefundRequest(
                  r.processor(),
                  r.giftPublicId(),
                  r.paymentIntentId(),
                  r.chargeId(),
                  r.amount(),
                  r.key()));
    } catch (PaymentRefused e) {
      requests.refused(r, e.processorMessage());
      throw e;
    } catch (PaymentUnavailable e) {
      // not answered: the retry the client is told to make may send it again at once
      requests.release(r);
      throw e;
    }
    requests.answered(r, answer, reason, actor, clientIp);
    return new DonationsResource.Refunded(
        answer.refundId(), answer.amount(), answer.status(), r.repeat());
  }
}
