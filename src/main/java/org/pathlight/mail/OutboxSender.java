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
    String worker = INSTANCE + "/" + Thread.currentThread().getName();
    try (MailTransport.Connection connection = transport.open()) {
      Optional<OutboxClaims.Claimed> next = claims.claimNext(worker);
      while (next.isPresent()) {
        attempted++;
        OutboxClaims.Claimed c = next.get();
        if (!deliver(c, connection)) {
          next = attempted < max ? claims.claimNext(worker) : Optional.empty();
        } else if (attempted < max) {
          // the mark of this one and the claim of the next commit together
          next = claims.markSentAndClaimNext(c.id(), worker);
        } else {
          claims.markSent(c.id());
          next = Optional.empty();
        }
      }
    }
    return attempted;
  }

  /** Hands one claimed message to SMTP; true when it went, false when its failure is marked. */
  private boolean deliver(OutboxClaims.Claimed c, MailTransport.Connection connection) {
    try {
      connection.deliver(c.message());
      return true;
    } catch (MailTransport.PermanentFailure e) {
      LOG.warning(() -> "Outbox message " + c.id() + " refused for good: " + e.getMessage());
      claims.markFailed(c.id(), c.attempt(), e.getMessage(), true);
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "Outbox message " + c.id() + " attempt " + c.attempt() + " failed: " + e.getMessage());
      claims.markFailed(
          c.id(), c.attempt(), e.getClass().getSimpleName() + ": " + e.getMessage(), false);
    }
    return false;
  }
}
