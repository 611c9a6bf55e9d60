package org.pathlight.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.Mailbox;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TestEnvironment;

/**
 * The outbox, driven step by step. This deployment's own background sender is off, so each test
 * decides exactly which sender runs when; a "crash" is a sender that stops between steps, leaving
 * the database as a killed process would. Lease 3 s, retry base 1 s (TestEnvironment).
 */
@PathlightIT
class OutboxIT {

  private static final Duration LEASE = Duration.ofSeconds(3);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.pathlightWith(Map.of("pathlight.mail.sender.enabled", "false"));
  }

  @ArquillianResource URL base;

  private Api api() {
    return new Api(base);
  }

  @BeforeEach
  void nothingDueIsLeftOver() {
    TestEnvironment.get().startSmtp();
    api().post("/api/test-support/outbox/send-due", "{}");
  }

  private long enqueue(String to) {
    return enqueue(to, 1).get(0);
  }

  private List<Long> enqueue(String to, int count) {
    Api.Reply reply =
        api().post("/api/test-support/outbox/messages?count=" + count + "&to=" + to, "{}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().getJsonArray("ids").getValuesAs(jakarta.json.JsonNumber.class).stream()
        .map(jakarta.json.JsonNumber::longValue)
        .toList();
  }

  private JsonObject row(long id) {
    Api.Reply reply = api().get("/api/test-support/outbox/messages/" + id);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private int sendDue() {
    return api().post("/api/test-support/outbox/send-due", "{}").json().getInt("attempted");
  }

  @Test
  void aQueuedMessageIsDeliveredOnceWithItsMessageId() {
    String to = Mailbox.unique("once");
    long id = enqueue(to);
    assertThat(sendDue()).isEqualTo(1);
    List<MimeMessage> got = Mailbox.await(to, 1, Duration.ofSeconds(5));
    assertThat(got).hasSize(1);
    assertThat(Mailbox.messageId(got.get(0))).isEqualTo(row(id).getString("messageId"));
    assertThat(row(id).getString("status")).isEqualTo("sent");
    assertThat(sendDue()).isZero();
    assertThat(Mailbox.to(to)).hasSize(1);
  }

  @Test
  void whenSmtpIsDownTheMessageWaitsAndGoesOutWhenItIsBack() {
    String to = Mailbox.unique("retry");
    TestEnvironment.get().stopSmtp();
    long id = enqueue(to);
    assertThat(sendDue()).isEqualTo(1);
    JsonObject failed = row(id);
    assertThat(failed.getString("status")).isEqualTo("pending");
    assertThat(failed.getInt("attempts")).isEqualTo(1);
    assertThat(failed.getString("lastError")).isNotBlank();
    assertThat(Instant.parse(failed.getString("nextAttemptAt")))
        .isAfter(Instant.now().minusSeconds(1));

    TestEnvironment.get().startSmtp();
    Instant deadline = Instant.now().plusSeconds(15);
    while (Mailbox.to(to).isEmpty() && Instant.now().isBefore(deadline)) {
      sendDue();
      Mailbox.sleep(300);
    }
    assertThat(Mailbox.to(to)).hasSize(1);
    JsonObject sent = row(id);
    assertThat(sent.getString("status")).isEqualTo("sent");
    assertThat(sent.getInt("attempts")).isEqualTo(2);
  }

  @Test
  void aCrashBetweenClaimAndSendLosesNothing() {
    String to = Mailbox.unique("claimed");
    long id = enqueue(to);
    JsonObject claimed = api().post("/api/test-support/outbox/claim", "{}").json();
    assertThat(claimed.getJsonNumber("id").longValue()).isEqualTo(id);
    // the claiming sender dies here: the message is leased, not lost
    assertThat(sendDue()).as("a live sender respects the lease").isZero();
    assertThat(Mailbox.to(to)).isEmpty();

    Mailbox.sleep(LEASE.toMillis() + 500);
    assertThat(sendDue()).isEqualTo(1);
    assertThat(Mailbox.await(to, 1, Duration.ofSeconds(5))).hasSize(1);
    assertThat(row(id).getString("status")).isEqualTo("sent");
  }

  @Test
  void aCrashBetweenSendAndMarkResendsOnlyThatMessageWithTheSameMessageId() {
    String to = Mailbox.unique("inflight");
    String bystander = Mailbox.unique("bystander");
    long id = enqueue(to);
    JsonObject inFlight = api().post("/api/test-support/outbox/claim-and-deliver", "{}").json();
    assertThat(inFlight.getJsonNumber("id").longValue()).isEqualTo(id);
    // SMTP accepted it; the sender dies before marking it sent
    enqueue(bystander);
    assertThat(sendDue()).as("only the bystander is due").isEqualTo(1);

    Mailbox.sleep(LEASE.toMillis() + 500);
    assertThat(sendDue()).isEqualTo(1);
    List<MimeMessage> copies = Mailbox.await(to, 2, Duration.ofSeconds(5));
    assertThat(copies).hasSize(2);
    assertThat(copies.stream().map(Mailbox::messageId).distinct().toList())
        .containsExactly(inFlight.getString("messageId"));
    assertThat(Mailbox.to(bystander)).hasSize(1);
    assertThat(row(id).getString("status")).isEqualTo("sent");
  }

  @Test
  void sendersRacingOverOneOutboxSendEveryMessageExactlyOnce() throws Exception {
    String to = Mailbox.unique("race");
    List<Long> ids = new ArrayList<>();
    for (int batch = 0; batch < 4; batch++) {
      ids.addAll(enqueue(to, 30));
    }
    ExecutorService senders = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(this::sendDue);
      }
      int attempted = 0;
      for (var f : senders.invokeAll(calls)) {
        attempted += f.get();
      }
      assertThat(attempted).isEqualTo(ids.size());
    } finally {
      senders.shutdownNow();
    }
    List<MimeMessage> received = Mailbox.await(to, ids.size(), Duration.ofSeconds(10));
    Map<String, Long> perMessageId =
        received.stream().collect(Collectors.groupingBy(Mailbox::messageId, Collectors.counting()));
    assertThat(perMessageId).hasSize(ids.size());
    assertThat(perMessageId.values()).allMatch(n -> n == 1);
    assertThat(ids.stream().map(this::row).map(r -> r.getString("status")))
        .allMatch("sent"::equals);
    assertThat(
            ids.stream().map(this::row).map(r -> r.getInt("attempts")).collect(Collectors.toSet()))
        .containsExactly(1);
  }

  @Test
  void aRecipientTheServerCannotTakeFailsForGoodAndAdminsCanRequeueIt() {
    long id = enqueue("bad@@address");
    assertThat(sendDue()).isEqualTo(1);
    JsonObject failed = row(id);
    assertThat(failed.getString("status")).isEqualTo("failed");
    assertThat(failed.getInt("attempts")).isEqualTo(1);

    Api admin = Api.sharedAdmin(base);
    Api.Reply listed = admin.get("/api/outbox?status=failed");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).contains("bad@@address");
    Api.Reply requeued = admin.post("/api/outbox/" + id + "/requeue", "{}");
    assertThat(requeued.status()).as(requeued.body()).isEqualTo(200);
    assertThat(row(id).getString("status")).isEqualTo("pending");
    assertThat(admin.post("/api/outbox/" + id + "/requeue", "{}").status()).isEqualTo(409);
    sendDue(); // fails for good again; leaves nothing due for the next test
    assertThat(admin.get("/api/audit?entityType=outbox_message&entityId=" + id).body())
        .contains("outbox.requeued");
  }
}
