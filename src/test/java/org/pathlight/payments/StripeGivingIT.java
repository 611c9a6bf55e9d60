package org.pathlight.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.StripeEvents;
import org.pathlight.testing.StripeStub;
import org.pathlight.testing.TestEnvironment;

/**
 * Giving through Stripe: stripe-java talks to the local Stripe-shaped server, and webhooks are
 * signed here exactly as Stripe signs them, with the configured secret.
 */
@PathlightIT
class StripeGivingIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlightWith(TestEnvironment.get().stripeSettings());
  }

  @ArquillianResource URL base;

  private Api api() {
    return new Api(base);
  }

  private Api.Reply deliver(String payload) {
    return StripeEvents.deliver(base, payload);
  }

  private Api.Reply deliver(String payload, String signature) {
    return StripeEvents.deliver(base, payload, signature);
  }

  /** Starts a gift: returns its id and the Stripe request the server made for it. */
  private record Started(String giftId, StripeStub.Request request, long amount) {}

  private Started start(String email, long amount) {
    int before = TestEnvironment.get().stripe().requests().size();
    Api.Reply reply =
        api()
            .post(
                "/api/donations",
                "{\"amount\": "
                    + amount
                    + ", \"currency\": \"usd\", \"frequency\": \"once\","
                    + " \"fundCode\": \"counseling\", \"email\": \""
                    + email
                    + "\","
                    + " \"firstName\": \"Sam\", \"lastName\": \"Stripe\"}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    List<StripeStub.Request> requests = TestEnvironment.get().stripe().requests();
    return new Started(reply.json().getString("id"), requests.get(requests.size() - 1), amount);
  }

  private JsonObject gift(String id) {
    return Api.sharedAdmin(base).get("/api/donations/" + id).json();
  }

  private String status(String id) {
    return api().get("/api/donations/" + id + "/status").json().getString("status");
  }

  @Test
  void aGiftOpensAStripeCheckoutSessionWithIdempotencyAndMetadata() {
    Started s = start(Mailbox.unique("session"), 4500);
    StripeStub.Request request = s.request();
    assertThat(request.path()).isEqualTo("/v1/checkout/sessions");
    assertThat(request.headers().get("idempotency-key")).isEqualTo("checkout-" + s.giftId());
    assertThat(request.headers().get("authorization")).isEqualTo("Bearer sk_live_pathlight_stub");
    assertThat(request.form())
        .containsEntry("mode", "payment")
        .containsEntry("metadata[gift_id]", s.giftId())
        .containsEntry("payment_intent_data[metadata][gift_id]", s.giftId())
        .containsEntry("client_reference_id", s.giftId())
        .containsEntry("line_items[0][price_data][unit_amount]", "4500")
        .containsEntry("line_items[0][price_data][currency]", "usd");
    assertThat(request.form().get("success_url")).endsWith("/give/thanks?gift=" + s.giftId());
    assertThat(status(s.giftId())).isEqualTo("pending");
  }

  @Test
  void aSignedCompletedSessionMakesTheGiftSucceedAndReceiptsItOnce() throws Exception {
    String email = Mailbox.unique("paid");
    Started s = start(email, 5000);
    String session = gift(s.giftId()).getJsonObject("gift").getString("id");
    assertThat(session).isEqualTo(s.giftId());
    String event =
        StripeEvents.sessionCompleted(
            "evt_" + System.nanoTime(),
            s.giftId(),
            "cs_x_" + s.giftId(),
            "pi_" + System.nanoTime(),
            5000);
    assertThat(deliver(event).status()).isEqualTo(200);
    assertThat(deliver(event).status()).as("a duplicate is a no-op").isEqualTo(200);
    assertThat(status(s.giftId())).isEqualTo("succeeded");
    var receipts = Mailbox.await(email, 1, Duration.ofSeconds(20));
    Mailbox.sleep(1500);
    assertThat(Mailbox.to(email)).hasSize(1);
    assertThat(Mailbox.subject(receipts.get(0))).doesNotContain("[TEST]");
    assertThat(Mailbox.text(receipts.get(0)))
        .contains("$50.00", "Crisis counseling")
        .doesNotContain("TEST");
  }

  @Test
  void aBadSignatureIs400AndChangesNothing() throws Exception {
    Started s = start(Mailbox.unique("forged"), 2500);
    String evt = "evt_forged_" + System.nanoTime();
    String event =
        StripeEvents.sessionCompleted(
            evt, s.giftId(), "cs_forged", "pi_forged" + System.nanoTime(), 2500);
    assertProblem(
        deliver(event, StripeEvents.signature(event, "whsec_wrong", Instant.now())),
        400,
        "bad-signature");
    assertProblem(deliver(event, "t=1,v1=00"), 400, "bad-signature");
    assertProblem(
        deliver(
            event,
            StripeEvents.signature(
                event, StripeEvents.WEBHOOK_SECRET, Instant.now().minusSeconds(3600))),
        400,
        "bad-signature");
    String tampered = event.replace("2500", "1");
    assertProblem(
        deliver(
            tampered, StripeEvents.signature(event, StripeEvents.WEBHOOK_SECRET, Instant.now())),
        400,
        "bad-signature");
    assertThat(status(s.giftId())).isEqualTo("pending");
    try (Connection c = TestEnvironment.get().connect();
        PreparedStatement ps =
            c.prepareStatement("select count(*) from payment_event where event_id = ?")) {
      ps.setString(1, evt);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void anEventForAnUnknownSessionIsRecordedAndAcknowledged() {
    String event =
        StripeEvents.sessionCompleted(
            "evt_stranger_" + System.nanoTime(),
            "00000000-0000-0000-0000-000000000000",
            "cs_stranger",
            "pi_stranger" + System.nanoTime(),
            100);
    assertThat(deliver(event).status()).isEqualTo(200);
  }

  @Test
  void everyEventTwiceInAnyOrderEndsInTheSameLedger() {
    Random random = new Random(20261122);
    for (int round = 0; round < 6; round++) {
      String email = Mailbox.unique("shuffle" + round);
      Started s = start(email, 10000);
      String tag = System.nanoTime() + "r" + round;
      String pi = "pi_" + tag;
      String charge = "ch_" + tag;
      List<String> events =
          new ArrayList<>(
              List.of(
                  StripeEvents.sessionCompleted("evt_a" + tag, s.giftId(), "cs_" + tag, pi, 10000),
                  StripeEvents.paymentSucceeded("evt_b" + tag, s.giftId(), pi, charge, 10000),
                  StripeEvents.chargeRefunded("evt_c" + tag, pi, charge, 10000, 2500),
                  StripeEvents.chargeRefunded("evt_d" + tag, pi, charge, 10000, 4000),
                  StripeEvents.dispute(
                      "evt_e" + tag, "charge.dispute.created", pi, charge, "needs_response"),
                  StripeEvents.dispute("evt_f" + tag, "charge.dispute.closed", pi, charge, "won")));
      events.addAll(List.copyOf(events));
      Collections.shuffle(events, random);
      for (String event : events) {
        assertThat(deliver(event).status()).isEqualTo(200);
      }
      JsonObject gift = gift(s.giftId()).getJsonObject("gift");
      assertThat(gift.getString("status")).as("round " + round).isEqualTo("partially_refunded");
      assertThat(gift.getJsonNumber("refundedAmount").longValue()).isEqualTo(4000);
      assertThat(gift.getString("disputeStatus")).isEqualTo("won");
      assertThat(gift.getString("receiptNumber")).isNotNull();
      // one receipt, and one corrected acknowledgement per refund total reached in this order
      var mail = Mailbox.await(email, 1, Duration.ofSeconds(20));
      assertThat(mail.stream().filter(m -> Mailbox.subject(m).startsWith("Thank you")).count())
          .isEqualTo(1);
    }
  }

  @Test
  void fullAndPartialRefundsSendCorrectedReceipts() {
    String email = Mailbox.unique("refund");
    Started s = start(email, 8000);
    String tag = String.valueOf(System.nanoTime());
    deliver(
        StripeEvents.paymentSucceeded("evt_p" + tag, s.giftId(), "pi_" + tag, "ch_" + tag, 8000));
    deliver(StripeEvents.chargeRefunded("evt_r1" + tag, "pi_" + tag, "ch_" + tag, 8000, 3000));
    assertThat(status(s.giftId())).isEqualTo("partially_refunded");
    deliver(StripeEvents.chargeRefunded("evt_r2" + tag, "pi_" + tag, "ch_" + tag, 8000, 8000));
    assertThat(status(s.giftId())).isEqualTo("refunded");
    var mail = Mailbox.await(email, 3, Duration.ofSeconds(20));
    assertThat(mail).hasSize(3);
    assertThat(
            mail.stream()
                .map(Mailbox::text)
                .filter(t -> t.contains("Corrected") || t.contains("corrects"))
                .toList())
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).contains("$30.00 of it has been refunded", "is now $50.00"))
        .anySatisfy(t -> assertThat(t).contains("$80.00 of it has been refunded", "is now $0.00"));
  }

  @Test
  void aLostDisputeStaysDisputedAndAFailureOrExpiryNeverUndoesAPayment() {
    Started lost = start(Mailbox.unique("dispute"), 3000);
    String tag = String.valueOf(System.nanoTime());
    deliver(
        StripeEvents.dispute(
            "evt_dc" + tag, "charge.dispute.closed", "pi_" + tag, "ch_" + tag, "lost"));
    deliver(
        StripeEvents.paymentSucceeded(
            "evt_ps" + tag, lost.giftId(), "pi_" + tag, "ch_" + tag, 3000));
    deliver(
        StripeEvents.dispute(
            "evt_do" + tag, "charge.dispute.created", "pi_" + tag, "ch_" + tag, "needs_response"));
    assertThat(status(lost.giftId())).isEqualTo("disputed");

    Started late = start(Mailbox.unique("late"), 3000);
    String t2 = String.valueOf(System.nanoTime());
    deliver(StripeEvents.paymentFailed("evt_f1" + t2, late.giftId(), "pi_" + t2));
    assertThat(status(late.giftId())).isEqualTo("failed");
    deliver(
        StripeEvents.paymentSucceeded("evt_s1" + t2, late.giftId(), "pi_" + t2, "ch_" + t2, 3000));
    deliver(StripeEvents.sessionExpired("evt_x1" + t2, late.giftId(), "cs_" + t2));
    assertThat(status(late.giftId())).isEqualTo("succeeded");

    Started abandoned = start(Mailbox.unique("abandoned"), 3000);
    deliver(StripeEvents.sessionExpired("evt_x2" + t2, abandoned.giftId(), "cs2_" + t2));
    assertThat(status(abandoned.giftId())).isEqualTo("expired");
  }

  @Test
  void whenStripeIsDownTheDonorHears503AndNothingIsCharged() {
    TestEnvironment.get().stripe().failWith(500);
    try {
      String email = Mailbox.unique("down");
      Api.Reply reply =
          api()
              .post(
                  "/api/donations",
                  "{\"amount\": 2000, \"currency\": \"usd\", \"frequency\": \"once\", \"email\": \""
                      + email
                      + "\", \"firstName\": \"Sam\", \"lastName\": \"Down\"}");
      assertProblem(reply, 503, "payment-unavailable");
      Api.Reply list = Api.sharedAdmin(base).get("/api/donations?q=" + email.substring(0, 12));
      assertThat(list.array().getJsonObject(0).getString("status")).isEqualTo("failed");
    } finally {
      TestEnvironment.get().stripe().failWith(0);
    }
  }
}
