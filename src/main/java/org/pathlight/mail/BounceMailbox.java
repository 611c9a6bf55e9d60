package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;

/**
 * The {@code bounce-mailbox} job: reads the mailbox bounces and complaints come back to (the
 * envelope sender's, or the provider's forwarding address) over IMAP every {@code
 * pathlight.mail.bounces.poll.seconds}, records each report ({@link Bounces}) and deletes it. A
 * message that is not a report is marked read and left for a person. Registered only when {@code
 * pathlight.mail.bounces.imap.host} is set. A mailbox that cannot be reached fails the job, which
 * {@code /health/ready} then shows.
 */
@ApplicationScoped
class BounceMailbox {

  private static final Logger LOG = Logger.getLogger(BounceMailbox.class.getName());
  static final String JOB = "bounce-mailbox";

  @Inject Bounces bounces;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.imap.host")
  Optional<String> host;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.imap.port", defaultValue = "993")
  int port;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.imap.tls", defaultValue = "true")
  boolean tls;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.imap.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.imap.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.poll.seconds", defaultValue = "60")
  long pollSeconds;

  void start(@Observes Startup.SchemaReady ready, Jobs jobs) {
    if (host.isPresent() && !host.get().isBlank()) {
      Duration every = Duration.ofSeconds(Math.max(1, pollSeconds));
      jobs.schedule(JOB, every, every, this::read);
    }
  }

  /** Reads every message in the inbox once; answers how many reports it recorded. */
  int read() {
    String protocol = tls ? "imaps" : "imap";
    Properties props = new Properties();
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", "20000");
    int recorded = 0;
    try {
      Store store = Session.getInstance(props).getStore(protocol);
      store.connect(host.get(), port, user.orElse(""), password.orElse(""));
      try {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        try {
          for (Message m : inbox.getMessages()) {
            if (m.isSet(Flags.Flag.DELETED) || m.isSet(Flags.Flag.SEEN)) {
              continue;
            }
            var reports = DeliveryReports.read(m);
            for (DeliveryReports.Report r : reports) {
              bounces.record(
                  r.address(), r.kind(), r.messageId(), null, r.detail(), "bounce mailbox");
              recorded++;
            }
            m.setFlag(reports.isEmpty() ? Flags.Flag.SEEN : Flags.Flag.DELETED, true);
          }
        } finally {
          inbox.close(true);
        }
      } finally {
        store.close();
      }
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("the bounce mailbox could not be read: " + e.getMessage(), e);
    }
    if (recorded > 0) {
      int n = recorded;
      LOG.log(Level.INFO, () -> "Bounce mailbox: " + n + " reports recorded");
    }
    return recorded;
  }
}
