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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  private static String body(String email, long amount) {
    return "{\"amount\": "
        + amount
        + ", \"currency\": \"usd\", \"frequency\": \"once\","
        + " \"fundCode\": \"counseling\", \"email\": \""
        + email
        + "\","
        + " \"firstName\": \"Sam\", \"lastName\": \"Stripe\"}";
  }

  private Started start(String email, long amount) {
    int before = TestEnvironment.get().stripe().requests().size();
    Api.Reply reply = api().post("/api/donations", body(email, amount));
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
    String id = "evt_stranger_" + System.nanoTime();
    String event =
        StripeEvents.sessionCompleted(
            id,
            "00000000-0000-0000-0000-000000000000",
            "cs_stranger",
            "pi_stranger" + System.nanoTime(),
            100);
    assertThat(deliver(event).status()).isEqualTo(200);
    // kept as unmatched, to be applied if a gift ever learns its ids; staff can list it
    var unmatched = Api.sharedAdmin(base).get("/api/payment-events?outcome=unmatched").array();
    assertThat(unmatched.getValuesAs(JsonObject.class))
        .anySatisfy(
            e -> {
              assertThat(e.getString("eventId")).isEqualTo(id);
              assertThat(e.getString("type")).isEqualTo("checkout.session.completed");
            });
    assertThat(deliver(event).status()).isEqualTo(200);
    assertThat(
            Api.sharedAdmin(base)
                .get("/api/payment-events?outcome=unmatched")
                .array()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("eventId").equals(id)))
        .hasSize(1);
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

  private Api.Reply staffRefund(String giftId, String key, long amount) {
    return Api.sharedAdmin(base)
        .post(
            "/api/donations/" + giftId + "/refunds",
            Api.json("amount", amount, "reason", "donor asked"),
            "Idempotency-Key",
            key);
  }

  private List<StripeStub.Request> refundCalls(String giftId) {
    return TestEnvironment.get().stripe().refundRequests().stream()
        .filter(r -> giftId.equals(r.form().get("metadata[gift_id]")))
        .toList();
  }

  @Test
  void staffRefundThroughTheRefundsApiOnceWhateverTheRepeatsAndTheLedgerFollows() throws Exception {
    String email = Mailbox.unique("staffrefund");
    Started s = start(email, 8000);
    String tag = String.valueOf(System.nanoTime());
    String pi = "pi_" + tag;
    deliver(StripeEvents.paymentSucceeded("evt_p" + tag, s.giftId(), pi, "ch_" + tag, 8000));
    Mailbox.await(email, 1, Duration.ofSeconds(20));

    // a double click and a retry: five requests at once with one key, then one more
    String key = "refund-" + tag;
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<Api.Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(pool.submit(() -> staffRefund(s.giftId(), key, 3000)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (var f : replies) {
      statuses.add(f.get().status());
    }
    pool.shutdown();
    assertThat(statuses).as("one refund; repeats answer it or are told to wait").contains(201);
    assertThat(statuses).allMatch(st -> st == 201 || st == 200 || st == 409);
    assertThat(staffRefund(s.giftId(), key, 3000).status()).isEqualTo(200);
    List<StripeStub.Request> calls = refundCalls(s.giftId());
    assertThat(calls).as("one Stripe call").hasSize(1);
    assertThat(calls.get(0).headers().get("idempotency-key"))
        .isEqualTo("refund-" + s.giftId() + "-" + key);
    assertThat(calls.get(0).form())
        .containsEntry("payment_intent", pi)
        .containsEntry("amount", "3000");
    // the answer is in the ledger at once
    JsonObject detail = gift(s.giftId());
    assertThat(detail.getJsonObject("gift").getString("status")).isEqualTo("partially_refunded");
    assertThat(detail.getJsonNumber("refundable").longValue()).isEqualTo(5000);
    String refundId = detail.getJsonArray("refundRequests").getJsonObject(0).getString("refundId");
    // Stripe's own events about the same refund change nothing more
    deliver(
        StripeEvents.refund(
            "evt_rc" + tag, "refund.created", pi, "ch_" + tag, refundId, 3000, "succeeded"));
    deliver(StripeEvents.chargeRefunded("evt_cr" + tag, pi, "ch_" + tag, 8000, 3000));
    assertThat(gift(s.giftId()).getJsonObject("gift").getJsonNumber("refundedAmount").longValue())
        .isEqualTo(3000);
    // the corrected acknowledgement, once
    Mailbox.await(email, 2, Duration.ofSeconds(20));
    Mailbox.sleep(1000);
    assertThat(Mailbox.withSubject(email, "Corrected receipt")).hasSize(1);
    assertThat(Mailbox.text(Mailbox.withSubject(email, "Corrected receipt").get(0)))
        .contains("$30.00 of it has been refunded", "is now $50.00");

    // more than is left is refused before Stripe is asked
    Api.Reply tooMuch = staffRefund(s.giftId(), "refund-b-" + tag, 6000);
    assertProblem(tooMuch, 400, "validation");
    assertThat(tooMuch.body()).contains("$50.00");
    assertThat(refundCalls(s.giftId())).hasSize(1);

    // Stripe says no: 409 with its reason, and a repeat does not ask again
    TestEnvironment.get().stripe().refuseRefunds("Charge ch_x has already been refunded.");
    try {
      Api.Reply refused = staffRefund(s.giftId(), "refund-c-" + tag, 1000);
      assertProblem(refused, 409, "payment-refused");
      assertThat(refused.json().getString("detail")).contains("already been refunded");
      assertProblem(staffRefund(s.giftId(), "refund-c-" + tag, 1000), 409, "payment-refused");
      assertThat(refundCalls(s.giftId())).hasSize(2);
    } finally {
      TestEnvironment.get().stripe().refuseRefunds(null);
    }
    // the same key with another amount is a different request
    assertProblem(staffRefund(s.giftId(), key, 2000), 422, "idempotency-key-reused");
    try (Connection db = TestEnvironment.get().connect();
        PreparedStatement q =
            db.prepareStatement(
                "select count(*) from audit_event a join gift g on g.id::text = a.entity_id"
                    + " where a.action = 'gift.refund' and g.public_id = ?::uuid")) {
      q.setString(1, s.giftId());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("audited once").isEqualTo(1);
      }
    }
  }

  @Test
  void aLostDisputeStaysLostAndAFailureOrExpiryNeverUndoesAPayment() {
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
    assertThat(status(lost.giftId())).isEqualTo("dispute_lost");

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

  private static int count(String sql, String value) throws Exception {
    try (Connection c = TestEnvironment.get().connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void concurrentRequestsWithOneKeyAllGetTheOneCheckoutAndAnotherBodyIs422() throws Exception {
    String email = Mailbox.unique("slowstripe");
    String key = "dbl-" + System.nanoTime();
    StripeStub stub = TestEnvironment.get().stripe();
    int mark = stub.requests().size();
    stub.delayCheckouts(1500); // the first request is still waiting for Stripe when the rest come
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Api.Reply> replies = new ArrayList<>();
    try {
      List<Callable<Api.Reply>> clicks = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        clicks.add(() -> api().post("/api/donations", body(email, 4200), "Idempotency-Key", key));
      }
      for (Future<Api.Reply> f : pool.invokeAll(clicks)) {
        replies.add(f.get());
      }
    } finally {
      stub.delayCheckouts(0);
      pool.shutdownNow();
    }
    Set<String> urls = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    for (Api.Reply r : replies) {
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      assertThat(r.json().isNull("checkoutUrl")).as(r.body()).isFalse();
      urls.add(r.json().getString("checkoutUrl"));
      ids.add(r.json().getString("id"));
    }
    assertThat(ids).hasSize(1);
    assertThat(urls).hasSize(1);
    String gift = ids.iterator().next();
    assertThat(stub.requestsSince(mark))
        .filteredOn(r -> r.path().equals("/v1/checkout/sessions"))
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.headers().get("idempotency-key")).isEqualTo("checkout-" + gift));
    // a retry later gets the same answer; another body with the key is refused
    Api.Reply again = api().post("/api/donations", body(email, 4200), "Idempotency-Key", key);
    assertThat(again.json().getString("checkoutUrl")).isEqualTo(urls.iterator().next());
    assertProblem(
        api()
            .post(
                "/api/donations", body(Mailbox.unique("otherbody"), 4200), "Idempotency-Key", key),
        422,
        "idempotency-key-reused");
    assertThat(
            count(
                "select count(*) from gift g join supporter s on s.id = g.supporter_id"
                    + " where s.email = ?",
                email))
        .isEqualTo(1);
  }

  @Test
  void aRetryAfterACrashBetweenGiftAndCheckoutFinishesTheSameCheckout() throws Exception {
    String email = Mailbox.unique("crashed");
    String key = "crash-" + System.nanoTime();
    Api.Reply first = api().post("/api/donations", body(email, 3300), "Idempotency-Key", key);
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    String id = first.json().getString("id");
    String url = first.json().getString("checkoutUrl");
    // as if the server died after writing the gift and before attaching its checkout
    try (Connection c = TestEnvironment.get().connect();
        PreparedStatement ps =
            c.prepareStatement(
                "update gift set checkout_session_id = null, checkout_url = null"
                    + " where public_id = cast(? as uuid)")) {
      ps.setString(1, id);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    Api.Reply retry = api().post("/api/donations", body(email, 3300), "Idempotency-Key", key);
    assertThat(retry.status()).as(retry.body()).isEqualTo(201);
    assertThat(retry.json().getString("id")).isEqualTo(id);
    assertThat(retry.json().isNull("checkoutUrl")).as(retry.body()).isFalse();
    // Stripe answered the same idempotency key with the same session
    assertThat(retry.json().getString("checkoutUrl")).isEqualTo(url);
  }

  @Test
  void aRefundThatFailsIsReversedAndTheDonorToldWhateverTheOrder() {
    for (int round = 0; round < 3; round++) {
      String email = Mailbox.unique("refundfail" + round);
      Started s = start(email, 8000);
      String tag = System.nanoTime() + "f" + round;
      String pi = "pi_" + tag;
      String charge = "ch_" + tag;
      String paid = StripeEvents.paymentSucceeded("evt_p" + tag, s.giftId(), pi, charge, 8000);
      String total = StripeEvents.chargeRefunded("evt_t" + tag, pi, charge, 8000, 3000);
      String created =
          StripeEvents.refund(
              "evt_c" + tag, "refund.created", pi, charge, "re_" + tag, 3000, "succeeded");
      String failed =
          StripeEvents.refund(
              "evt_f" + tag, "refund.failed", pi, charge, "re_" + tag, 3000, "failed");
      List<String> order =
          switch (round) {
            case 0 -> List.of(paid, total, created, failed); // as Stripe sends them
            case 1 -> List.of(failed, total, created, paid); // the failure first
            default ->
                List.of(paid, created, failed, total, failed, created); // repeats, late total
          };
      for (String e : order) {
        assertThat(deliver(e).status()).isEqualTo(200);
      }
      JsonObject gift = gift(s.giftId()).getJsonObject("gift");
      assertThat(gift.getString("status")).as("round " + round).isEqualTo("succeeded");
      assertThat(gift.getJsonNumber("refundedAmount").longValue()).isZero();
      var mail = Mailbox.await(email, 1, Duration.ofSeconds(20));
      Mailbox.sleep(1500);
      List<String> texts = Mailbox.to(email).stream().map(Mailbox::text).toList();
      assertThat(texts.stream().filter(t -> t.contains("Thank you") || t.contains("receipt")))
          .isNotEmpty();
      if (round != 1) {
        // the refund was acknowledged, then its failure: the last word restores the full amount
        assertThat(texts)
            .anySatisfy(
                t -> assertThat(t).contains("$30.00 of it has been refunded", "is now $50.00"))
            .anySatisfy(
                t ->
                    assertThat(t)
                        .contains("A refund of $30.00 did not go through", "is now $80.00")
                        .doesNotContain("has been refunded"));
      } else {
        // the failure was known before the payment: the refund never counted, nothing to correct
        assertThat(texts).noneSatisfy(t -> assertThat(t).contains("corrects receipt"));
      }
    }
  }

  @Test
  void aCheckoutPaidWhileTheWebhookWasDownIsReconciledOnceEvenByTwoInstances() throws Exception {
    StripeStub stripe = TestEnvironment.get().stripe();
    String tag = String.valueOf(System.nanoTime());
    long paidAt = Instant.now().getEpochSecond() - 5400;
    // paid 90 minutes ago; the checkout.session.completed never arrived
    Started paid = start(Mailbox.unique("recpaid"), 6000);
    String paidSession = stripe.sessionFor("checkout-" + paid.giftId());
    stripe.payPaymentSession(paidSession, "pi_rec" + tag, "ch_rec" + tag, paidAt);
    // abandoned, and its checkout.session.expired never arrived
    Started expired = start(Mailbox.unique("recexpired"), 6000);
    String expiredSession = stripe.sessionFor("checkout-" + expired.giftId());
    stripe.expirePaymentSession(expiredSession);
    // still open at Stripe
    Started open = start(Mailbox.unique("recopen"), 6000);
    String openSession = stripe.sessionFor("checkout-" + open.giftId());
    for (Started s : List.of(paid, expired, open)) {
      Api.sharedAdmin(base)
          .post("/api/test-support/gifts/" + s.giftId() + "/backdate?hours=2", "{}");
    }
    // paid a minute ago: the webhook still has time, so it is not read yet
    Started young = start(Mailbox.unique("recyoung"), 6000);
    String youngSession = stripe.sessionFor("checkout-" + young.giftId());
    stripe.payPaymentSession(youngSession, "pi_recy" + tag, "ch_recy" + tag, paidAt);

    int mark = stripe.requests().size();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    var gate = new java.util.concurrent.CountDownLatch(1);
    List<Future<JsonObject>> rounds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      rounds.add(
          pool.submit(
              () -> {
                gate.await();
                return Api.sharedAdmin(base).post("/api/test-support/reconcile-gifts", "{}").json();
              }));
    }
    gate.countDown();
    int repaired = 0;
    for (var round : rounds) {
      repaired += round.get(60, java.util.concurrent.TimeUnit.SECONDS).getInt("repaired");
    }
    pool.shutdown();
    assertThat(repaired).isGreaterThanOrEqualTo(2);
    JsonObject gift = gift(paid.giftId()).getJsonObject("gift");
    assertThat(gift.getString("status")).isEqualTo("succeeded");
    assertThat(Instant.parse(gift.getString("paidAt"))).isEqualTo(Instant.ofEpochSecond(paidAt));
    assertThat(gift.getString("receiptNumber")).isNotNull();
    assertThat(status(expired.giftId())).isEqualTo("expired");
    assertThat(status(open.giftId())).isEqualTo("pending");
    assertThat(status(young.giftId())).isEqualTo("pending");
    // each old checkout was read once between the two of them; the young one not at all
    for (String session : List.of(paidSession, expiredSession, openSession, youngSession)) {
      assertThat(
              stripe.requestsSince(mark).stream()
                  .filter(r -> r.path().equals("/v1/checkout/sessions/" + session)))
          .as(session)
          .hasSize(session.equals(youngSession) ? 0 : 1);
    }
    // the late webhook adds nothing; the charge the reconciliation learned finds the gift
    assertThat(
            deliver(
                    StripeEvents.sessionCompleted(
                        "evt_late" + tag, paid.giftId(), paidSession, "pi_rec" + tag, 6000))
                .status())
        .isEqualTo(200);
    assertThat(
            deliver(
                    StripeEvents.refund(
                        "evt_rr" + tag,
                        "refund.created",
                        "pi_other",
                        "ch_rec" + tag,
                        "re_rec" + tag,
                        1000,
                        "succeeded"))
                .status())
        .isEqualTo(200);
    assertThat(status(paid.giftId())).isEqualTo("partially_refunded");
    var mail = documents(paid.request().form().get("customer_email"), 2);
    assertThat(mail).hasSize(2).anySatisfy(d -> assertThat(d).startsWith("receipt"));
  }

  private static long fee(String giftId) throws Exception {
    return TestEnvironment.count(
        "select coalesce(processor_fee, -1) from gift where public_id = cast(? as uuid)", giftId);
  }

  @Test
  void stripesOwnFeeIsReadBackOnceTheChargeSettlesByTheScheduledJob() throws Exception {
    StripeStub stripe = TestEnvironment.get().stripe();
    String tag = String.valueOf(System.nanoTime());
    long paidAt = Instant.now().getEpochSecond() - 5400;
    // two gifts paid 90 minutes ago (read back by reconciliation); only one charge has settled
    Started settled = start(Mailbox.unique("feesettled"), 7000);
    Started unsettled = start(Mailbox.unique("feeunsettled"), 4000);
    for (Started s : List.of(settled, unsettled)) {
      String session = stripe.sessionFor("checkout-" + s.giftId());
      stripe.payPaymentSession(
          session, "pi_fee" + s.amount() + tag, "ch_fee" + s.amount() + tag, paidAt);
      Api.sharedAdmin(base)
          .post("/api/test-support/gifts/" + s.giftId() + "/backdate?hours=2", "{}");
    }
    Api.sharedAdmin(base).post("/api/test-support/reconcile-gifts", "{}");
    assertThat(status(settled.giftId())).isEqualTo("succeeded");
    assertThat(status(unsettled.giftId())).isEqualTo("succeeded");
    stripe.settle("pi_fee7000" + tag, 233, "usd");

    int mark = stripe.requests().size();
    Api.Reply ran = Api.sharedAdmin(base).post("/api/test-support/jobs/gift-fees/run", "");
    assertThat(ran.status()).as(ran.body()).isEqualTo(200);
    assertThat(ran.json().getBoolean("failed")).as(ran.body()).isFalse();
    assertThat(fee(settled.giftId())).isEqualTo(233);
    assertThat(fee(unsettled.giftId())).isEqualTo(-1); // not settled: the reports estimate it
    assertThat(
            stripe.requestsSince(mark).stream()
                .filter(r -> r.path().equals("/v1/payment_intents/pi_fee7000" + tag)))
        .hasSize(1)
        .allSatisfy(r -> assertThat(r.form()).containsValue("latest_charge.balance_transaction"));
    // read once: a second round leaves both alone (one is known, the other was just read)
    mark = stripe.requests().size();
    assertThat(Api.sharedAdmin(base).post("/api/test-support/jobs/gift-fees/run", "").status())
        .isEqualTo(200);
    assertThat(
            stripe.requestsSince(mark).stream()
                .filter(r -> r.path().startsWith("/v1/payment_intents/pi_fee")))
        .isEmpty();
    assertThat(fee(settled.giftId())).isEqualTo(233);
  }

  /** The documents a donor received, as kinds and the money they state (not numbers or dates). */
  private static List<String> documents(String email, int expected) {
    Mailbox.await(email, expected, Duration.ofSeconds(20));
    Mailbox.sleep(1500);
    return Mailbox.to(email).stream()
        .map(
            m -> {
              String text = Mailbox.text(m);
              String kind = Mailbox.subject(m).startsWith("Corrected") ? "corrected" : "receipt";
              return kind
                  + (text.contains("$30.00 of it has been refunded") ? " refunded $30.00" : "")
                  + (text.contains("is now $50.00") ? " now $50.00" : "")
                  + (text.contains("$80.00") ? " of $80.00" : "");
            })
        .sorted()
        .toList();
  }

  @Test
  void aRefundBeforeOrAfterThePaymentSendsTheSameReceiptAndCorrection() {
    List<List<String>> seen = new ArrayList<>();
    for (boolean refundFirst : List.of(false, true)) {
      for (boolean refundNamesGift : List.of(false, true)) {
        String email = Mailbox.unique("order" + refundFirst + refundNamesGift);
        Started s = start(email, 8000);
        String tag = System.nanoTime() + "o";
        String paid =
            StripeEvents.paymentSucceeded(
                "evt_p" + tag, s.giftId(), "pi_" + tag, "ch_" + tag, 8000);
        String refund =
            StripeEvents.chargeRefunded(
                "evt_r" + tag,
                "pi_" + tag,
                "ch_" + tag,
                8000,
                3000,
                refundNamesGift ? s.giftId() : null);
        for (String e : refundFirst ? List.of(refund, paid) : List.of(paid, refund)) {
          assertThat(deliver(e).status()).isEqualTo(200);
        }
        assertThat(status(s.giftId())).isEqualTo("partially_refunded");
        seen.add(documents(email, 2));
      }
    }
    assertThat(seen.get(0))
        .containsExactly("corrected refunded $30.00 now $50.00 of $80.00", "receipt of $80.00");
    assertThat(seen).allSatisfy(docs -> assertThat(docs).isEqualTo(seen.get(0)));
  }

  @Test
  void aChargebackAfterAClosedInquiryIsLostAndNoLongerDeductible() {
    String email = Mailbox.unique("chargeback");
    Started s = start(email, 8000);
    String tag = String.valueOf(System.nanoTime());
    String pi = "pi_" + tag;
    String ch = "ch_" + tag;
    String inquiry = "du_inq_" + tag;
    String chargeback = "du_cb_" + tag;
    List<String> events =
        List.of(
            StripeEvents.paymentSucceeded("evt_p" + tag, s.giftId(), pi, ch, 8000),
            StripeEvents.dispute(
                "evt_i1" + tag,
                "charge.dispute.created",
                pi,
                ch,
                "warning_needs_response",
                inquiry,
                8000),
            StripeEvents.dispute(
                "evt_i2" + tag, "charge.dispute.closed", pi, ch, "warning_closed", inquiry, 8000),
            StripeEvents.dispute(
                "evt_c1" + tag,
                "charge.dispute.created",
                pi,
                ch,
                "needs_response",
                chargeback,
                8000),
            StripeEvents.dispute(
                "evt_c2" + tag,
                "charge.dispute.funds_withdrawn",
                pi,
                ch,
                "needs_response",
                chargeback,
                8000));
    for (String e : events) {
      assertThat(deliver(e).status()).as(e).isEqualTo(200);
    }
    assertThat(status(s.giftId())).isEqualTo("disputed");
    assertThat(
            deliver(
                    StripeEvents.dispute(
                        "evt_c3" + tag, "charge.dispute.closed", pi, ch, "lost", chargeback, 8000))
                .status())
        .isEqualTo(200);
    JsonObject gift = gift(s.giftId()).getJsonObject("gift");
    assertThat(gift.getString("status")).isEqualTo("dispute_lost");
    assertThat(gift.getString("disputeStatus")).isEqualTo("lost");
    assertThat(gift.getJsonNumber("chargedBackAmount").longValue()).isEqualTo(8000);
    var mail = Mailbox.await(email, 2, Duration.ofSeconds(20));
    assertThat(mail.stream().map(Mailbox::text).filter(t -> t.contains("corrects")))
        .singleElement()
        .satisfies(
            t ->
                assertThat(t)
                    .contains("returned to your card", "is now $0.00")
                    .doesNotContain("refunded to you"));

    // a dispute decided for us: the funds come back and the gift counts again
    Started won = start(Mailbox.unique("reinstated"), 3000);
    String t2 = System.nanoTime() + "w";
    deliver(
        StripeEvents.paymentSucceeded("evt_wp" + t2, won.giftId(), "pi_" + t2, "ch_" + t2, 3000));
    deliver(
        StripeEvents.dispute(
            "evt_wc" + t2, "charge.dispute.created", "pi_" + t2, "ch_" + t2, "needs_response"));
    deliver(
        StripeEvents.dispute(
            "evt_wr" + t2, "charge.dispute.funds_reinstated", "pi_" + t2, "ch_" + t2, "won"));
    assertThat(status(won.giftId())).isEqualTo("succeeded");
  }

  @Test
  void anEventInAnOlderApiShapeIsRefusedLoudlyAndRecordedNeverDroppedOr500() throws Exception {
    String evt = "evt_old_" + System.nanoTime();
    // an endpoint still on an older API version: the invoice names its subscription at the top
    String old =
        StripeEvents.eventIn(
            "2024-06-20",
            evt,
            "invoice.paid",
            "{\"id\": \"in_old\", \"object\": \"invoice\", \"status\": \"paid\","
                + " \"amount_paid\": 2500, \"currency\": \"usd\", \"subscription\": \"sub_old\"}",
            Instant.now().getEpochSecond());
    Api.Reply refused = deliver(old);
    assertProblem(refused, 400, "unprocessable-event");
    assertThat(refused.body()).contains(com.stripe.Stripe.API_VERSION);
    assertThat(
            count(
                "select count(*) from payment_event where event_id = ? and outcome = 'unprocessable' and reason is not null",
                evt))
        .isEqualTo(1);
    assertProblem(deliver(old), 400, "unprocessable-event"); // Stripe's retry: the same answer
    assertThat(Api.sharedAdmin(base).get("/api/payment-events?outcome=unprocessable").body())
        .contains(evt, "2024-06-20");

    // validly signed, our API version, but not the object its type promises: never a 500
    String odd = "evt_odd_" + System.nanoTime();
    Api.Reply shaped =
        deliver(
            StripeEvents.event(
                odd, "charge.refunded", "{\"id\": \"cus_1\", \"object\": \"customer\"}"));
    assertProblem(shaped, 400, "unprocessable-event");
    // an older event of a type we do not use is still acknowledged
    assertThat(
            deliver(
                    StripeEvents.eventIn(
                        "2024-06-20",
                        "evt_other_" + System.nanoTime(),
                        "customer.created",
                        "{\"id\": \"cus_2\", \"object\": \"customer\"}",
                        Instant.now().getEpochSecond()))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aPaymentOfAnotherAmountIsRecordedAndFlagged() {
    Started s = start(Mailbox.unique("mismatch"), 5000);
    String tag = System.nanoTime() + "m";
    deliver(StripeEvents.sessionCompleted("evt_m" + tag, s.giftId(), "cs_" + tag, "pi_" + tag, 50));
    JsonObject gift = gift(s.giftId()).getJsonObject("gift");
    assertThat(gift.getString("status")).isEqualTo("succeeded");
    assertThat(gift.getString("paymentMismatch")).contains("paid 50 usd", "5000 usd");
  }
}
