package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends due outbox messages one at a time: claim (commit), hand to SMTP, mark (commit). Never a
 * batch in flight, so a crash can repeat at most the one message it was handing over. A drain sends
 * its messages over one SMTP connection.
 */
@ApplicationScoped
public class OutboxSender {

  private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());

  /** Names this instance in {@code claimed_by}, for people reading the table. */
  static final String INSTANCE =
      ManagementFactory.getRuntimeMXBean().getName()
          + "/"
          + UUID.randomUUID().toString().substring(0, 8);

  @Inject OutboxClaims claims;
  @Inject MailTransport transport;

  /** Sends up to {@code max} due messages; returns how many it attempted. */
  public int sendDue(int max) {
    int attempted = 0;
    try (MailTransport.Connection connection = transport.open()) {
      while (attempted < max && sendOne(Thread.currentThread().getName(), connection)) {
        attempted++;
      }
    }
    return attempted;
  }

  /** Claims and sends one due message; false when none is due. */
  public boolean sendOne(String worker) {
    try (MailTransport.Connection connection = transport.open()) {
      return sendOne(worker, connection);
    }
  }

  private boolean sendOne(String worker, MailTransport.Connection connection) {
    Optional<OutboxClaims.Claimed> claimed = claims.claimNext(INSTANCE + "/" + worker);
    if (claimed.isEmpty()) {
      return false;
    }
    OutboxClaims.Claimed c = claimed.get();
    try {
      connection.deliver(c.message());
    } catch (MailTransport.PermanentFailure e) {
      LOG.warning(() -> "Outbox message " + c.id() + " refused for good: " + e.getMessage());
      claims.markFailed(c.id(), c.attempt(), e.getMessage(), true);
      return true;
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "Outbox message " + c.id() + " attempt " + c.attempt() + " failed: " + e.getMessage());
      claims.markFailed(
          c.id(), c.attempt(), e.getClass().getSimpleName() + ": " + e.getMessage(), false);
      return true;
    }
    claims.markSent(c.id());
    return true;
  }
}
