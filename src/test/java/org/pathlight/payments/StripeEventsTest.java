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

  @Test
  void disputesAreToldApartAndInquiriesAreNotChargebacks() {
    PaymentFact.Disputed inquiry =
        (PaymentFact.Disputed)
            translate(
                org.pathlight.testing.StripeEvents.dispute(
                    "evt_6",
                    "charge.dispute.closed",
                    "pi_6",
                    "ch_6",
                    "warning_closed",
                    "du_6",
                    4500));
    assertThat(inquiry.inquiry()).isTrue();
    assertThat(inquiry.status()).isEqualTo("won");
    assertThat(inquiry.disputeId()).isEqualTo("du_6");
    assertThat(inquiry.amount()).isEqualTo(4500);
    PaymentFact.Disputed withdrawn =
        (PaymentFact.Disputed)
            translate(
                org.pathlight.testing.StripeEvents.dispute(
                    "evt_7",
                    "charge.dispute.funds_withdrawn",
                    "pi_6",
                    "ch_6",
                    "needs_response",
                    "du_7",
                    4500));
    assertThat(withdrawn.inquiry()).isFalse();
    assertThat(withdrawn.status()).isEqualTo("open");
    assertThat(withdrawn.funds()).isEqualTo("withdrawn");
    PaymentFact.Disputed reinstated =
        (PaymentFact.Disputed)
            translate(
                org.pathlight.testing.StripeEvents.dispute(
                    "evt_8",
                    "charge.dispute.funds_reinstated",
                    "pi_6",
                    "ch_6",
                    "under_review",
                    "du_7",
                    4500));
    assertThat(reinstated.status()).isEqualTo("won");
  }

  @Test
  void anEventOfAnotherMajorApiVersionIsNotReadAndSaysWhy() {
    Event event =
        ApiResource.GSON.fromJson(
            org.pathlight.testing.StripeEvents.eventIn(
                "2024-06-20",
                "evt_9",
                "invoice.paid",
                "{\"id\": \"in_9\", \"object\": \"invoice\", \"subscription\": \"sub_9\"}",
                1_800_000_000L),
            Event.class);
    assertThat(StripeEvents.object(event)).isEmpty();
    assertThat(StripeEvents.unreadable(event)).contains("2024-06-20");
    assertThat(StripeEvents.NEEDED).contains("invoice.paid");
    assertThat(com.stripe.Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
  }
}
