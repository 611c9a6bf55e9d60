package org.pathlight.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Problems.assertProblem;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.Pdfs;
import org.pathlight.testing.StripeEvents;
import org.pathlight.testing.StripeStub;
import org.pathlight.testing.TestEnvironment;

/**
 * Recurring gifts through Stripe: stripe-java against the local Stripe-shaped server, subscription
 * and invoice events signed as Stripe signs them, and the donor's manage link.
 */
@PathlightIT
class RecurringStripeIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlightWith(TestEnvironment.get().stripeSettings());
  }

  @ArquillianResource URL base;

  private static final Pattern MANAGE = Pattern.compile("/give/manage#token=([A-Za-z0-9._~-]+)");

  private static StripeStub stripe() {
    return TestEnvironment.get().stripe();
  }

  private Api.Reply deliver(String payload) {
    return StripeEvents.deliver(base, payload);
  }

  private record Started(String planId, String email, String subscription) {}

  private Started monthly(long amount) {
    String email = "monthly" + System.nanoTime() + "@example.org";
    Api.Reply reply =
        new Api(base)
            .post(
                "/api/donations",
                Api.json(
                    "amount", amount,
                    "currency", "usd",
                    "frequency", "monthly",
                    "fundCode", "safe-housing",
                    "email", email,
                    "firstName", "Morgan",
                    "lastName", "Monthly"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String id = reply.json().getString("id");
    return new Started(id, email, "sub_" + id.replace("-", "").substring(0, 16));
  }

  private JsonObject plan(String id) {
    return Api.sharedAdmin(base).get("/api/plans").array().getValuesAs(JsonObject.class).stream()
        .filter(p -> p.getString("id").equals(id))
        .findFirst()
        .orElseThrow();
  }

  private List<JsonObject> gifts(String email) {
    return Api.sharedAdmin(base)
        .get("/api/donations?q=" + email)
        .array()
        .getValuesAs(JsonObject.class);
  }

  private static List<MimeMessage> mail(String email, String subjectStart) {
    return Mailbox.withSubject(email, subjectStart);
  }

  /** The whole lifecycle as Stripe reports it, with distinct creation times. */
  private static List<String> lifecycle(Started s, String tag) {
    long t = 1_800_000_000L;
    List<String> events = new ArrayList<>();
    events.add(
        StripeEvents.subscriptionCheckoutCompleted(
            "evt_" + tag + "_co", s.planId(), "cs_" + tag, s.subscription(), t));
    for (int i = 1; i <= 3; i++) {
      events.add(
          StripeEvents.invoice(
              "evt_" + tag + "_paid" + i,
              "invoice.paid",
              s.planId(),
              s.subscription(),
              "in_" + tag + "_" + i,
              t + i * 1000,
              2500,
              "paid",
              1,
              null,
              t + i * 1000 + 5));
    }
    for (int attempt = 1; attempt <= 2; attempt++) {
      events.add(
          StripeEvents.invoice(
              "evt_" + tag + "_fail" + attempt,
              "invoice.payment_failed",
              s.planId(),
              s.subscription(),
              "in_" + tag + "_4",
              t + 4000,
              2500,
              "open",
              attempt,
              t + 4000 + attempt * 86400L,
              t + 4000 + attempt * 100));
    }
    events.add(
        StripeEvents.invoice(
            "evt_" + tag + "_recovered",
            "invoice.paid",
            s.planId(),
            s.subscription(),
            "in_" + tag + "_4",
            t + 4000,
            2500,
            "paid",
            3,
            null,
            t + 4500));
    events.add(
        StripeEvents.subscriptionEvent(
            "evt_" + tag + "_paused",
            "customer.subscription.paused",
            s.planId(),
            s.subscription(),
            "paused",
            true,
            2500,
            t + 5000));
    events.add(
        StripeEvents.subscriptionEvent(
            "evt_" + tag + "_resumed",
            "customer.subscription.resumed",
            s.planId(),
            s.subscription(),
            "active",
            false,
            2500,
            t + 6000));
    events.add(
        StripeEvents.subscriptionEvent(
            "evt_" + tag + "_deleted",
            "customer.subscription.deleted",
            s.planId(),
            s.subscription(),
            "canceled",
            false,
            2500,
            t + 7000));
    return events;
  }

  @Test
  void aMonthlyGiftOpensASubscriptionCheckoutWithOnePricePerAmount() {
    int before = stripe().requests().size();
    Started s = monthly(3700);
    List<StripeStub.Request> calls = stripe().requestsSince(before);
    assertThat(calls)
        .extracting(StripeStub.Request::path)
        .contains("/v1/prices", "/v1/checkout/sessions");
    StripeStub.Request created =
        calls.stream()
            .filter(r -> r.method().equals("POST") && r.path().equals("/v1/prices"))
            .findFirst()
            .orElseThrow();
    assertThat(created.form())
        .containsEntry("unit_amount", "3700")
        .containsEntry("recurring[interval]", "month")
        .containsEntry("lookup_key", "pathlight_usd_3700_monthly");
    assertThat(created.headers().get("idempotency-key"))
        .isEqualTo("price-pathlight_usd_3700_monthly");
    StripeStub.Request session = calls.get(calls.size() - 1);
    assertThat(session.form())
        .containsEntry("mode", "subscription")
        .containsEntry("subscription_data[metadata][plan_id]", s.planId())
        .containsEntry("metadata[plan_id]", s.planId());
    assertThat(session.form().get("line_items[0][price]")).startsWith("price_");
    assertThat(session.headers().get("idempotency-key")).isEqualTo("checkout-plan-" + s.planId());
    assertThat(plan(s.planId()).getString("status")).isEqualTo("pending");

    // the same amount again reuses the price
    int again = stripe().requests().size();
    monthly(3700);
    assertThat(
            stripe().requestsSince(again).stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/v1/prices")))
        .isEmpty();
  }

  @Test
  void theWholeLifecycleEndsTheSameInOrderShuffledOrRepeatedWithOneDunningEmail() {
    Started s = monthly(2500);
    List<String> events = lifecycle(s, "a" + System.nanoTime());
    String[] expect = {
      "active",
      "active",
      "active",
      "active",
      "failing",
      "failing",
      "active",
      "paused",
      "active",
      "canceled"
    };
    for (int i = 0; i < events.size(); i++) {
      assertThat(deliver(events.get(i)).status()).isEqualTo(200);
      assertThat(plan(s.planId()).getString("status")).as("after event " + i).isEqualTo(expect[i]);
    }
    Mailbox.await(s.email(), 8, Duration.ofSeconds(30));
    assertThat(gifts(s.email()))
        .hasSize(4)
        .allMatch(g -> g.getString("status").equals("succeeded"));
    assertThat(mail(s.email(), "Thank you for your gift")).hasSize(4);
    assertThat(mail(s.email(), "Your monthly gift did not go through")).hasSize(1);
    assertThat(mail(s.email(), "Your monthly gift has started")).hasSize(1);
    assertThat(mail(s.email(), "Your monthly gift is canceled")).hasSize(1);
    String dunning = Mailbox.text(mail(s.email(), "Your monthly gift did not go through").get(0));
    assertThat(dunning).contains("$25.00", "/give/manage#token=");
    String receipt = Mailbox.text(mail(s.email(), "Thank you for your gift").get(0));
    assertThat(receipt).contains("instalment of your recurring gift", "/give/manage#token=");

    // the same story, each event twice, in a shuffled order
    Started t = monthly(2500);
    List<String> shuffled = new ArrayList<>(lifecycle(t, "b" + System.nanoTime()));
    shuffled.addAll(List.copyOf(shuffled));
    Collections.shuffle(shuffled, new Random(42));
    for (String e : shuffled) {
      assertThat(deliver(e).status()).isEqualTo(200);
    }
    assertThat(plan(t.planId()).getString("status")).isEqualTo("canceled");
    Mailbox.await(t.email(), 5, Duration.ofSeconds(30));
    Mailbox.sleep(1500);
    assertThat(gifts(t.email())).hasSize(4);
    assertThat(mail(t.email(), "Thank you for your gift")).hasSize(4);
    assertThat(mail(t.email(), "Your monthly gift did not go through").size())
        .isLessThanOrEqualTo(1);
  }

  private String activePlanWithLink(Started s) {
    long t = Instant.now().getEpochSecond() - 100;
    stripe().subscription(s.subscription()).planId = s.planId();
    stripe().subscription(s.subscription()).amount = 2500;
    deliver(
        StripeEvents.subscriptionCheckoutCompleted(
            "evt_co_" + System.nanoTime(),
            s.planId(),
            "cs_x" + System.nanoTime(),
            s.subscription(),
            t));
    deliver(
        StripeEvents.invoice(
            "evt_pd_" + System.nanoTime(),
            "invoice.paid",
            s.planId(),
            s.subscription(),
            "in_" + System.nanoTime(),
            t,
            2500,
            "paid",
            1,
            null,
            t + 1));
    MimeMessage started =
        Mailbox.await(s.email(), 2, Duration.ofSeconds(30)).stream()
            .filter(m -> Mailbox.subject(m).startsWith("Your monthly gift has started"))
            .findFirst()
            .orElseThrow();
    return Mailbox.link(started, MANAGE);
  }

  @Test
  void manageLinkActionsReachStripeWithTheRightCalls() {
    Started s = monthly(2500);
    String token = activePlanWithLink(s);
    Api donor = new Api(base);
    JsonObject view = donor.get("/api/manage/" + token).json();
    assertThat(view.getString("email")).isEqualTo(s.email());
    assertThat(view.getJsonArray("plans").getJsonObject(0).getString("status")).isEqualTo("active");
    assertThat(view.getJsonArray("gifts")).hasSize(1);
    String path = "/api/manage/" + token + "/plans/" + s.planId();

    String until = LocalDate.now().plusDays(40).toString();
    int before = stripe().requests().size();
    Api.Reply paused = donor.post(path, Api.json("action", "pause", "until", until));
    assertThat(paused.status()).as(paused.body()).isEqualTo(200);
    assertThat(paused.json().getString("status")).isEqualTo("paused");
    assertThat(paused.json().getString("pausedUntil")).isEqualTo(until);
    StripeStub.Request pause = stripe().requests().get(before);
    assertThat(pause.path()).isEqualTo("/v1/subscriptions/" + s.subscription());
    assertThat(pause.form()).containsEntry("pause_collection[behavior]", "void");
    assertThat(pause.form().get("pause_collection[resumes_at]")).isNotBlank();

    before = stripe().requests().size();
    assertThat(donor.post(path, Api.json("action", "resume")).json().getString("status"))
        .isEqualTo("active");
    assertThat(stripe().requests().get(before).form()).containsEntry("pause_collection", "");

    before = stripe().requests().size();
    JsonObject changed =
        donor.post(path, Api.json("action", "change_amount", "amount", 5000)).json();
    assertThat(changed.getInt("amount")).isEqualTo(5000);
    StripeStub.Request update = stripe().last();
    assertThat(update.path()).isEqualTo("/v1/subscriptions/" + s.subscription());
    assertThat(update.form())
        .containsEntry("items[0][id]", "si_" + s.subscription())
        .containsEntry("proration_behavior", "none");
    assertThat(update.form().get("items[0][price]")).startsWith("price_");

    Api.Reply card = donor.post(path + "/card", "{}");
    assertThat(card.status()).as(card.body()).isEqualTo(200);
    StripeStub.Request setup = stripe().last();
    assertThat(setup.form())
        .containsEntry("mode", "setup")
        .containsEntry("customer", "cus_" + s.subscription())
        .containsEntry("setup_intent_data[metadata][subscription_id]", s.subscription());
    // the donor enters the card on Stripe's page; the completed session is attached
    deliver(
        StripeEvents.event(
            "evt_setup_" + System.nanoTime(),
            "checkout.session.completed",
            "{\"id\": \"cs_setup\", \"object\": \"checkout.session\", \"mode\": \"setup\","
                + " \"status\": \"complete\", \"setup_intent\": \"seti_1\", \"metadata\":"
                + " {\"plan_id\": \""
                + s.planId()
                + "\", \"subscription_id\": \""
                + s.subscription()
                + "\"}}"));
    assertThat(stripe().subscription(s.subscription()).defaultPaymentMethod)
        .isEqualTo("pm_new_for_seti_1");

    assertProblem(
        donor.post(path, Api.json("action", "pause", "until", "2020-01-01")), 400, "validation");
    assertProblem(donor.post(path, Api.json("action", "explode")), 400, "validation");
    assertProblem(
        donor.post(path, Api.json("action", "change_amount", "amount", 1)), 400, "validation");

    before = stripe().requests().size();
    JsonObject canceled =
        donor.post(path, Api.json("action", "cancel", "reason", "Moving abroad")).json();
    assertThat(canceled.getString("status")).isEqualTo("canceled");
    assertThat(stripe().requests().get(before).method()).isEqualTo("DELETE");
    assertProblem(donor.post(path, Api.json("action", "resume")), 409, "plan-canceled");
    JsonObject staffView = plan(s.planId());
    assertThat(staffView.getString("cancelReason")).isEqualTo("Moving abroad");
  }

  @Test
  void forgedExpiredRevokedAndForeignLinksAreRefused() {
    Started s = monthly(2500);
    String token = activePlanWithLink(s);
    Api anyone = new Api(base);
    assertProblem(anyone.get("/api/manage/" + token + "x"), 401, "unauthorized");
    assertProblem(anyone.get("/api/manage/not-a-token"), 401, "unauthorized");
    String expired =
        anyone
            .post("/api/test-support/tokens?purpose=manage&subject=supporter:1&seconds=-60", "{}")
            .json()
            .getString("token");
    assertProblem(anyone.get("/api/manage/" + expired), 401, "unauthorized");
    String volunteer =
        anyone
            .post("/api/test-support/tokens?purpose=volunteer&subject=supporter:1", "{}")
            .json()
            .getString("token");
    assertProblem(anyone.get("/api/manage/" + volunteer), 401, "unauthorized");

    // another donor's plan does not exist for this link
    Started other = monthly(2500);
    assertProblem(
        anyone.post(
            "/api/manage/" + token + "/plans/" + other.planId(), Api.json("action", "resume")),
        404,
        "not-found");

    // a newer link does not end this one; revoking it does
    assertThat(anyone.post("/api/manage/link", Api.json("email", s.email())).status())
        .isEqualTo(202);
    Mailbox.await(s.email(), 3, Duration.ofSeconds(20));
    assertThat(mail(s.email(), "Your link to manage your giving")).hasSize(1);
    assertThat(anyone.get("/api/manage/" + token).status()).isEqualTo(200);
    assertThat(anyone.delete("/api/manage/" + token).status()).isEqualTo(204);
    assertProblem(anyone.get("/api/manage/" + token), 401, "unauthorized");

    // an unknown email gets the same answer and no email
    String stranger = "stranger" + System.nanoTime() + "@example.org";
    Api.Reply unknown = anyone.post("/api/manage/link", Api.json("email", stranger));
    assertThat(unknown.status()).isEqualTo(202);
    Mailbox.sleep(1500);
    assertThat(Mailbox.to(stranger)).isEmpty();
    assertProblem(anyone.post("/api/manage/link", Api.json("email", "nope")), 400, "validation");
  }

  @Test
  void staffSeeRevenueAtRiskAndCancelOnlyWithAReason() {
    Started s = monthly(2500);
    activePlanWithLink(s);
    long t = Instant.now().getEpochSecond();
    deliver(
        StripeEvents.invoice(
            "evt_f_" + System.nanoTime(),
            "invoice.payment_failed",
            s.planId(),
            s.subscription(),
            "in_risk_" + System.nanoTime(),
            t + 10,
            2500,
            "open",
            1,
            t + 86400,
            t + 11));
    assertThat(plan(s.planId()).getString("status")).isEqualTo("failing");
    JsonObject summary = Api.sharedAdmin(base).get("/api/plans/summary").json();
    assertThat(summary.getJsonNumber("revenueAtRisk").longValue()).isGreaterThanOrEqualTo(2500);
    assertThat(summary.getJsonObject("byStatus").getInt("failing")).isGreaterThanOrEqualTo(1);
    assertThat(Api.sharedAdmin(base).get("/api/plans?status=failing").body()).contains(s.planId());
    assertProblem(Api.sharedAdmin(base).get("/api/plans?status=bogus"), 400, "validation");

    assertProblem(
        Api.sharedAdmin(base).post("/api/plans/" + s.planId() + "/cancel", "{}"),
        400,
        "validation");
    Api.Reply canceled =
        Api.sharedAdmin(base)
            .post(
                "/api/plans/" + s.planId() + "/cancel", Api.json("reason", "Donor asked by phone"));
    assertThat(canceled.status()).as(canceled.body()).isEqualTo(200);
    assertThat(canceled.json().getString("status")).isEqualTo("canceled");
    assertThat(Api.sharedAdmin(base).get("/api/audit?entityType=recurring_plan").body())
        .contains("plan.canceled", "Donor asked by phone");
    assertProblem(new Api(base).get("/api/plans"), 401, "unauthorized");
  }

  @Test
  void theYearEndStatementListsEveryGiftRefundsAndTheDeductibleTotalAndIsEmailedOnce() {
    int year = LocalDate.now(ZoneId.of("America/Chicago")).getYear();
    Started s = monthly(2500);
    String token = activePlanWithLink(s); // one instalment of $25
    long t = Instant.now().getEpochSecond() - 50;
    // the second instalment is refunded in full in Stripe's dashboard; the refund arrives before
    // Stripe says which payment paid the invoice, and waits for it
    String second = "in_second_" + System.nanoTime();
    String tag2 = "inst" + System.nanoTime();
    deliver(StripeEvents.chargeRefunded("evt_ir" + tag2, "pi_" + tag2, "ch_" + tag2, 2500, 2500));
    deliver(
        StripeEvents.invoice(
            "evt_pd2_" + System.nanoTime(),
            "invoice.paid",
            s.planId(),
            s.subscription(),
            second,
            t,
            2500,
            "paid",
            1,
            null,
            t + 1));
    String link =
        StripeEvents.invoicePaymentPaid("evt_ip" + tag2, second, "pi_" + tag2, "ch_" + tag2, 2500);
    assertThat(deliver(link).status()).isEqualTo(200);
    assertThat(deliver(link).status()).isEqualTo(200);
    assertThat(gifts(s.email()))
        .extracting(g -> g.getString("status"))
        .containsExactlyInAnyOrder("succeeded", "refunded");
    Api staff = Api.sharedAdmin(base);
    // a check with a $20 dinner in return, and a donor-advised-fund grant
    for (String[] offline :
        List.of(new String[] {"check", "10000", "2000"}, new String[] {"daf", "5000", "0"})) {
      Api.Reply r =
          staff.post(
              "/api/donations/offline",
              Api.json(
                  "email", s.email(),
                  "source", offline[0],
                  "amount", Long.parseLong(offline[1]),
                  "benefitValue", Long.parseLong(offline[2]),
                  "currency", "usd",
                  "fundCode", "legal-aid",
                  "receivedOn", LocalDate.now(ZoneId.of("America/Chicago")).toString()));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
    // a one-time online gift of $60, $10 of it refunded
    Api.Reply once =
        new Api(base)
            .post(
                "/api/donations",
                Api.json(
                    "amount", 6000,
                    "currency", "usd",
                    "frequency", "once",
                    "fundCode", "counseling",
                    "email", s.email(),
                    "firstName", "Morgan",
                    "lastName", "Monthly"));
    assertThat(once.status()).as(once.body()).isEqualTo(201);
    String tag = String.valueOf(System.nanoTime());
    deliver(
        StripeEvents.paymentSucceeded(
            "evt_op" + tag, once.json().getString("id"), "pi_" + tag, "ch_" + tag, 6000));
    deliver(StripeEvents.chargeRefunded("evt_or" + tag, "pi_" + tag, "ch_" + tag, 6000, 1000));
    // 40 winter coats (in kind: described, never valued)
    Api.Reply coats =
        staff.post(
            "/api/donations/offline",
            Api.json(
                "email",
                s.email(),
                "source",
                "in_kind",
                "amount",
                0,
                "currency",
                "usd",
                "inKindDescription",
                "40 winter coats",
                "receivedOn",
                LocalDate.now(ZoneId.of("America/Chicago")).toString()));
    assertThat(coats.status()).as(coats.body()).isEqualTo(201);
    // a one-time gift of $40 whose chargeback we lost: not deductible
    Api.Reply charged =
        new Api(base)
            .post(
                "/api/donations",
                Api.json(
                    "amount", 4000,
                    "currency", "usd",
                    "frequency", "once",
                    "fundCode", "counseling",
                    "email", s.email(),
                    "firstName", "Morgan",
                    "lastName", "Monthly"));
    String cb = "cb" + System.nanoTime();
    deliver(
        StripeEvents.paymentSucceeded(
            "evt_cp" + cb, charged.json().getString("id"), "pi_" + cb, "ch_" + cb, 4000));
    deliver(
        StripeEvents.dispute(
            "evt_cl" + cb,
            "charge.dispute.closed",
            "pi_" + cb,
            "ch_" + cb,
            "lost",
            "du_" + cb,
            4000));

    Api donor = new Api(base);
    JsonObject view = donor.get("/api/manage/" + token).json();
    assertThat(view.getJsonArray("statementYears").getInt(0)).isEqualTo(year);
    List<String> receipts =
        view.getJsonArray("gifts").getValuesAs(JsonObject.class).stream()
            .map(g -> g.getString("receipt"))
            .toList();
    assertThat(receipts).hasSize(7);

    Api.Download pdf = donor.download(statement(token, year), "application/pdf");
    assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    assertThat(pdf.disposition()).contains("giving-statement-" + year + ".pdf");
    String text = Pdfs.text(pdf.body());
    assertThat(text)
        .contains("Giving statement for " + year, "Morgan Monthly", s.email())
        .contains(receipts.toArray(new String[0]))
        .contains("Recurring", "Check", "DAF grant", "Online")
        .contains("Refunded $10.00")
        .contains("Received goods/services worth $20.00")
        .contains("DAF grant: not deductible by you")
        .contains("Refunded\n")
        .contains("In kind: 40 winter coats", "in kind")
        .contains("Charged back (dispute lost)")
        // 25 + 0 (instalments, one refunded) + 100 - 20 (check less the dinner) + 0 (DAF)
        // + 60 - 10 (partly refunded) + 0 (coats, not valued) + 0 (chargeback lost)
        .contains("Total deductible $155.00")
        .contains("section 501(c)(3)", "No goods or services were provided");

    // bad years, a year without gifts, and a bad link
    assertProblem(donor.get(statement(token, 1999).replace(".pdf", ".pdf")), 400, "validation");
    assertProblem(donor.get("/api/manage/" + token + "/statements/next.pdf"), 400, "validation");
    assertProblem(donor.get(statement(token, year + 1)), 400, "validation");
    assertProblem(donor.get(statement(token, 2001)), 404, "not-found");
    assertProblem(donor.get(statement("forged.token", year)), 401, "unauthorized");

    // January's job: one email per donor and year, with the link; a second run sends nothing
    JsonObject run =
        Api.sharedAdmin(base).post("/api/test-support/statements?year=" + year, "{}").json();
    assertThat(run.getBoolean("ran")).isTrue();
    assertThat(run.getInt("emailed")).isGreaterThanOrEqualTo(1);
    JsonObject again =
        Api.sharedAdmin(base)
            .post("/api/test-support/statements?year=" + year + "&fresh=false", "{}")
            .json();
    assertThat(again.getBoolean("ran")).isFalse();
    // the job queues every donor of the year in the shared test database: wait for this one's
    List<MimeMessage> ready =
        Mailbox.await(
            s.email(), "Your " + year + " giving statement is ready", 1, Duration.ofSeconds(60));
    Mailbox.sleep(1000);
    ready = mail(s.email(), "Your " + year + " giving statement is ready");
    assertThat(ready).hasSize(1);
    assertThat(Mailbox.text(ready.get(0)))
        .contains("$155.00", "Download statement " + year, "/give/manage#token=");
    // the link in it opens the statement too
    String fresh = Mailbox.link(ready.get(0), MANAGE);
    assertThat(donor.download(statement(fresh, year), "application/pdf").status()).isEqualTo(200);
  }

  private static String statement(String token, int year) {
    return "/api/manage/" + token + "/statements/" + year + ".pdf";
  }

  @Test
  void reconciliationRepairsMissedWebhooksOnceEvenWithTwoInstancesAtOnce() throws Exception {
    long now = Instant.now().getEpochSecond();
    // A: the donor completed checkout and paid, and no webhook ever arrived
    Started a = monthly(2500);
    String session = stripe().sessionFor("checkout-plan-" + a.planId());
    stripe().completeSession(session, a.subscription());
    StripeStub.Sub subA = stripe().subscription(a.subscription());
    subA.planId = a.planId();
    subA.amount = 2500;
    subA.latestInvoice = "in_missed_" + System.nanoTime();
    subA.latestInvoicePaidAt = now - 60;
    // and a month before, an instalment whose invoice.paid was missed too
    subA.earlierPaidInvoices.add("in_missed_earlier_" + System.nanoTime());
    Api.sharedAdmin(base).post("/api/test-support/plans/" + a.planId() + "/backdate?hours=2", "{}");
    // B: canceled in Stripe's dashboard; the customer.subscription.deleted never arrived
    Started b = monthly(2500);
    activePlanWithLink(b);
    stripe().subscription(b.subscription()).status = "canceled";
    // C: the card started failing; the invoice.payment_failed events never arrived
    Started c = monthly(2500);
    activePlanWithLink(c);
    StripeStub.Sub subC = stripe().subscription(c.subscription());
    subC.status = "past_due";
    subC.latestInvoice = "in_failing_" + System.nanoTime();
    subC.latestInvoiceStatus = "open";
    subC.latestInvoiceAttempts = 2;

    // two instances run the job at the same moment
    int mark = stripe().requests().size();
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    var gate = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<JsonObject>> rounds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      rounds.add(
          pool.submit(
              () -> {
                gate.await();
                return Api.sharedAdmin(base).post("/api/test-support/reconcile", "{}").json();
              }));
    }
    gate.countDown();
    int checked = 0;
    int repaired = 0;
    for (var round : rounds) {
      JsonObject r = round.get(60, java.util.concurrent.TimeUnit.SECONDS);
      checked += r.getInt("checked");
      repaired += r.getInt("repaired");
    }
    pool.shutdown();
    assertThat(plan(a.planId()).getString("status")).isEqualTo("active");
    assertThat(plan(b.planId()).getString("status")).isEqualTo("canceled");
    assertThat(plan(c.planId()).getString("status")).isEqualTo("failing");
    assertThat(repaired).isGreaterThanOrEqualTo(3);
    assertThat(checked).isGreaterThanOrEqualTo(3);
    // each subscription was read once between the two of them
    for (Started s : List.of(a, b, c)) {
      assertThat(
              stripe().requestsSince(mark).stream()
                  .filter(r -> r.path().equals("/v1/subscriptions/" + s.subscription())))
          .as(s.subscription())
          .hasSize(1);
    }

    assertThat(plan(a.planId()).getString("status")).isEqualTo("active");
    // both missed instalments, the latest and the one before it, are gifts now
    assertThat(gifts(a.email())).hasSize(2);
    assertThat(plan(b.planId()).getString("status")).isEqualTo("canceled");
    assertThat(plan(c.planId()).getString("status")).isEqualTo("failing");
    // each message is awaited on its own: on a busy machine they arrive in any order
    Duration patience = Duration.ofSeconds(30);
    assertThat(Mailbox.await(a.email(), "Thank you for your gift", 2, patience)).hasSize(2);
    assertThat(Mailbox.await(a.email(), "Your monthly gift has started", 1, patience)).hasSize(1);
    assertThat(Mailbox.await(b.email(), "Your monthly gift is canceled", 1, patience)).hasSize(1);
    assertThat(Mailbox.await(c.email(), "Your monthly gift did not go through", 1, patience))
        .hasSize(1);
    Mailbox.sleep(1000);
    assertThat(mail(a.email(), "Thank you for your gift")).hasSize(2);
    assertThat(mail(a.email(), "Your monthly gift has started")).hasSize(1);

    // a later round that reads them all again changes nothing of theirs, and the webhooks
    // arriving late add nothing
    JsonObject again =
        Api.sharedAdmin(base).post("/api/test-support/reconcile?hours=0", "{}").json();
    assertThat(again.getInt("checked")).isGreaterThanOrEqualTo(2); // B is canceled: no longer read;
    assertThat(plan(a.planId()).getString("status")).isEqualTo("active");
    assertThat(plan(b.planId()).getString("status")).isEqualTo("canceled");
    assertThat(plan(c.planId()).getString("status")).isEqualTo("failing");
    deliver(
        StripeEvents.invoice(
            "evt_late_" + System.nanoTime(),
            "invoice.paid",
            a.planId(),
            a.subscription(),
            subA.latestInvoice,
            subA.latestInvoiceCreated,
            2500,
            "paid",
            1,
            null,
            now - 50));
    assertThat(gifts(a.email())).hasSize(2);
    Mailbox.sleep(1500);
    assertThat(mail(a.email(), "Thank you for your gift")).hasSize(2);
    assertThat(mail(c.email(), "Your monthly gift did not go through")).hasSize(1);
  }

  private String invoicePaid(Started s, String invoice, long amount, long created) {
    return StripeEvents.invoice(
        "evt_" + invoice,
        "invoice.paid",
        s.planId(),
        s.subscription(),
        invoice,
        created,
        amount,
        "paid",
        1,
        null,
        created + 1);
  }

  @Test
  void aZeroInvoiceMakesNoGiftAndNoReceipt() {
    Started s = monthly(2500);
    long t = Instant.now().getEpochSecond() - 500;
    deliver(
        StripeEvents.subscriptionCheckoutCompleted(
            "evt_co0_" + System.nanoTime(),
            s.planId(),
            "cs_z" + System.nanoTime(),
            s.subscription(),
            t));
    String free = invoicePaid(s, "in_free_" + System.nanoTime(), 0, t);
    assertThat(deliver(free).status()).isEqualTo(200);
    assertThat(deliver(free).status()).isEqualTo(200);
    assertThat(plan(s.planId()).getString("status")).isEqualTo("active");
    Mailbox.await(s.email(), 1, Duration.ofSeconds(20));
    Mailbox.sleep(1500);
    assertThat(gifts(s.email())).isEmpty();
    assertThat(mail(s.email(), "Thank you for your gift")).isEmpty();
    // the next, paid instalment is a gift as usual
    deliver(invoicePaid(s, "in_paid_" + System.nanoTime(), 2500, t + 100));
    assertThat(gifts(s.email())).hasSize(1);
  }

  @Test
  void retriesRunningOutThenStripeCancelingIsOneLapseWithOneEmailAndNoCardUpdate() {
    Started s = monthly(2500);
    String token = activePlanWithLink(s);
    long t = Instant.now().getEpochSecond();
    String invoice = "in_lapse_" + System.nanoTime();
    for (int attempt = 1; attempt <= 4; attempt++) {
      deliver(
          StripeEvents.invoice(
              "evt_lf" + attempt + invoice,
              "invoice.payment_failed",
              s.planId(),
              s.subscription(),
              invoice,
              t,
              2500,
              "open",
              attempt,
              attempt < 4 ? t + attempt * 86400L : null,
              t + attempt));
    }
    assertThat(plan(s.planId()).getString("status")).isEqualTo("lapsed");
    StripeStub.Sub sub = stripe().subscription(s.subscription());
    sub.status = "canceled";
    sub.cancellationReason = "payment_failed";
    sub.planId = s.planId();
    assertThat(
            deliver(
                    StripeEvents.eventAt(
                        "evt_ld" + invoice,
                        "customer.subscription.deleted",
                        StripeStub.subscriptionJson(s.subscription(), sub),
                        t + 10))
                .status())
        .isEqualTo(200);
    assertThat(plan(s.planId()).getString("status")).isEqualTo("lapsed");
    Mailbox.await(s.email(), 4, Duration.ofSeconds(30));
    Mailbox.sleep(1500);
    assertThat(mail(s.email(), "Your monthly gift has stopped")).hasSize(1);
    assertThat(mail(s.email(), "Your monthly gift is canceled")).isEmpty();
    String lapsed = Mailbox.text(mail(s.email(), "Your monthly gift has stopped").get(0));
    assertThat(lapsed).contains("/give?amount=2500&frequency=monthly&fund=safe-housing");

    // the ended plan offers no card update, and a card entered anyway changes nothing
    Api donor = new Api(base);
    JsonObject view = donor.get("/api/manage/" + token).json();
    assertThat(view.getJsonArray("plans").getJsonObject(0).getBoolean("canUpdateCard")).isFalse();
    String path = "/api/manage/" + token + "/plans/" + s.planId();
    assertProblem(donor.post(path + "/card", "{}"), 409, "plan-ended");
    int before = stripe().requests().size();
    String setupEvent = "evt_setup_ended_" + System.nanoTime();
    Api.Reply setup =
        deliver(
            StripeEvents.event(
                setupEvent,
                "checkout.session.completed",
                "{\"id\": \"cs_setup_ended\", \"object\": \"checkout.session\", \"mode\":"
                    + " \"setup\", \"status\": \"complete\", \"setup_intent\": \"seti_ended\","
                    + " \"metadata\": {\"plan_id\": \""
                    + s.planId()
                    + "\", \"subscription_id\": \""
                    + s.subscription()
                    + "\"}}"));
    assertThat(setup.status()).as(setup.body()).isEqualTo(200);
    assertThat(stripe().requestsSince(before))
        .noneMatch(r -> r.method().equals("POST") && r.path().startsWith("/v1/subscriptions/"));
    assertThat(sub.defaultPaymentMethod).isNull();
    assertThat(Api.sharedAdmin(base).get("/api/payment-events?outcome=ignored").body())
        .contains(setupEvent, "has ended");
  }

  @Test
  void anArchivedPriceIsReplacedAndGiftsAtThatAmountGoOn() {
    monthly(4100);
    stripe().archivePrice("pathlight_usd_4100_monthly");
    int before = stripe().requests().size();
    Started again = monthly(4100);
    assertThat(again.planId()).isNotBlank();
    StripeStub.Request created =
        stripe().requestsSince(before).stream()
            .filter(r -> r.method().equals("POST") && r.path().equals("/v1/prices"))
            .findFirst()
            .orElseThrow();
    assertThat(created.form())
        .containsEntry("lookup_key", "pathlight_usd_4100_monthly")
        .containsEntry("transfer_lookup_key", "true");
    // and the replacement is reused from then on
    int mark = stripe().requests().size();
    monthly(4100);
    assertThat(stripe().requestsSince(mark))
        .noneMatch(r -> r.method().equals("POST") && r.path().equals("/v1/prices"));
  }

  @Test
  void anInstalmentPaidWhilePausedMakesThePlanActive() {
    Started s = monthly(2500);
    long t = Instant.now().getEpochSecond() - 1000;
    deliver(
        StripeEvents.subscriptionCheckoutCompleted(
            "evt_cop_" + System.nanoTime(),
            s.planId(),
            "cs_p" + System.nanoTime(),
            s.subscription(),
            t));
    deliver(invoicePaid(s, "in_p1_" + System.nanoTime(), 2500, t + 10));
    deliver(
        StripeEvents.subscriptionEvent(
            "evt_pz_" + System.nanoTime(),
            "customer.subscription.paused",
            s.planId(),
            s.subscription(),
            "paused",
            true,
            2500,
            t + 100));
    assertThat(plan(s.planId()).getString("status")).isEqualTo("paused");
    deliver(invoicePaid(s, "in_p2_" + System.nanoTime(), 2500, t + 200));
    assertThat(plan(s.planId()).getString("status")).isEqualTo("active");
  }
}
