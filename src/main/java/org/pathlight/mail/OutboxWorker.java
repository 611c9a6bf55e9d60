package org.pathlight.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;

/**
 * Runs the sender: every {@code pathlight.mail.poll.seconds}, and right after a transaction that
 * queued mail commits. Up to {@code pathlight.mail.connections} drains at a time per instance, each
 * over its own SMTP connection: a message's hand-off waits on the mail server and then on its
 * mark's commit, so one connection leaves both idle most of the time. Drains and instances share
 * the work through the database claim. {@code PATHLIGHT_MAIL_SENDER_ENABLED=false} leaves sending
 * to other instances.
 */
@ApplicationScoped
public class OutboxWorker {

  private static final Logger LOG = Logger.getLogger(OutboxWorker.class.getName());
  private static final int MAX_PER_DRAIN = 200;
  static final String JOB = "outbox";

  @Resource ManagedScheduledExecutorService executor;
  @Inject OutboxSender sender;
  @Inject MailSettings settings;
  @Inject Jobs jobs;

  private final AtomicInteger draining = new AtomicInteger();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean enabled;

  void start(@Observes Startup.SchemaReady ready) {
    if (!settings.senderEnabled()) {
      LOG.info("Outbox sender disabled on this instance (pathlight.mail.sender.enabled=false)");
      return;
    }
    jobs.schedule(JOB, settings.poll(), settings.poll(), this::drain);
    enabled = true;
    LOG.info(
        () ->
            "Outbox sender started: "
                + settings
                    .smtpHost()
                    .map(h -> "SMTP " + h + ":" + settings.smtpPort())
                    .orElse(
                        "no SMTP host, writing .eml files under the data directory's mail/ folder"));
  }

  /**
   * After a commit that queued mail: a drain on a free connection. A commit that queued a batch
   * fires once per message, so when every connection is taken (or about to be) it only raises the
   * flag the running drains look at.
   */
  void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Queued queued) {
    if (!enabled) {
      return;
    }
    again.set(true);
    if (!takeConnection()) {
      return;
    }
    try {
      executor.execute(this::drainQuietly);
    } catch (RuntimeException e) {
      draining.decrementAndGet(); // not started: the poll sends it
      throw e;
    }
  }

  /** The poll's drain; its failure is the job's and shows on /health/ready. */
  void drain() {
    again.set(true);
    if (takeConnection()) {
      drainTaken();
    }
  }

  /** A drain right after a commit; a failure here is the scheduled drain's to report. */
  private void drainQuietly() {
    try {
      drainTaken();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outbox drain after a commit failed; the next poll tries again", e);
    }
  }

  /** One of the connections, if one is free: a drain submitted or running holds one. */
  private boolean takeConnection() {
    if (draining.incrementAndGet() > settings.connections()) {
      draining.decrementAndGet();
      return false; // a running drain sees the flag and goes round once more
    }
    return true;
  }

  private void drainTaken() {
    try {
      boolean more = true;
      while (more) {
        again.set(false);
        // a full drain may have left more due; a commit meanwhile may have queued more
        more = sender.sendDue(MAX_PER_DRAIN) == MAX_PER_DRAIN || again.get();
      }
    } finally {
      draining.decrementAndGet();
    }
  }
}
