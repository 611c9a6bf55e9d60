package org.pathlight.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Event;
import com.stripe.net.ApiResource;
import org.junit.jupiter.api.Test;

class StripeEventsTest {

  private static PaymentFact translate(String json) {
    Event event = ApiResource.GSON.fromJson(json, Event.class);
    return StripeEvents.object(event)
        .flatMap(object -> StripeEvents.translate(event, object))
        .orElse(null);
  }

  @Test
  void aPaidCheckoutSessionIsAPaymentOfItsGift() {
    PaymentFact fact =
        translate(
            org.pathlight.testing.StripeEvents.sessionCompleted(
                "evt_1", "gift-1", "cs_1", "pi_1", 4500));
    assertThat(fact).isInstanceOf(PaymentFact.Paid.class);
    PaymentFact.Paid paid = (PaymentFact.Paid) fact;
    assertThat(paid.eventId()).isEqualTo("evt_1");
    assertThat(paid.amount()).isEqualTo(4500);
    assertThat(paid.gift()).isEqualTo(new PaymentFact.GiftRef("gift-1", "cs_1", "pi_1", null));
  }

  @Test
  void refundsAndDisputesNameThePaymentIntentAndCharge() {
    PaymentFact.Refunded refund =
        (PaymentFact.Refunded)
            translate(
                org.pathlight.testing.StripeEvents.chargeRefunded(
                    "evt_2", "pi_2", "ch_2", 4500, 1000));
    assertThat(refund.totalRefunded()).isEqualTo(1000);
    assertThat(refund.gift().paymentIntentId()).isEqualTo("pi_2");
    assertThat(refund.gift().chargeId()).isEqualTo("ch_2");
    PaymentFact.Disputed closed =
        (PaymentFact.Disputed)
            translate(
                org.pathlight.testing.StripeEvents.dispute(
                    "evt_3", "charge.dispute.closed", "pi_2", "ch_2", "lost"));
    assertThat(closed.status()).isEqualTo("lost");
    PaymentFact.Disputed opened =
        (PaymentFact.Disputed)
            translate(
                org.pathlight.testing.StripeEvents.dispute(
                    "evt_4", "charge.dispute.created", "pi_2", "ch_2", "needs_response"));
    assertThat(opened.status()).isEqualTo("open");
  }

  @Test
  void eventsTheLedgerDoesNotNeedAreIgnored() {
    assertThat(
            translate(
                org.pathlight.testing.StripeEvents.event(
                    "evt_5", "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\"}")))
        .isNull();
  }
}
