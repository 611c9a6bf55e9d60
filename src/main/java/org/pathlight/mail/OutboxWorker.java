package org.pathlight.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;

/**
 * Runs the sender: every {@code pathlight.mail.poll.seconds}, and right after a transaction that
 * queued mail commits. One drain at a time per instance; instances share the work through the
 * database claim. {@code PATHLIGHT_MAIL_SENDER_ENABLED=false} leaves sending to other instances.
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

  private final AtomicBoolean draining = new AtomicBoolean();
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

  void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Queued queued) {
    if (enabled) {
      executor.execute(this::drainQuietly);
    }
  }

  void drain() {
    again.set(true);
    if (!draining.compareAndSet(false, true)) {
      return; // the running drain sees the flag and goes round once more
    }
    try {
      while (again.getAndSet(false)) {
        sender.sendDue(MAX_PER_DRAIN);
      }
    } finally {
      draining.set(false);
    }
  }

  /** A drain right after a commit; a failure here is the scheduled drain's to report. */
  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outbox drain after a commit failed; the next poll tries again", e);
    }
  }
}
