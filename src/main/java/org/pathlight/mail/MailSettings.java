package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Mail configuration ({@code pathlight.smtp.*}, {@code pathlight.mail.*}). */
@ApplicationScoped
public class MailSettings {

  @Inject
  @ConfigProperty(name = "pathlight.smtp.host")
  Optional<String> smtpHost;

  @Inject
  @ConfigProperty(name = "pathlight.smtp.port", defaultValue = "587")
  int smtpPort;

  @Inject
  @ConfigProperty(name = "pathlight.smtp.user")
  Optional<String> smtpUser;

  @Inject
  @ConfigProperty(name = "pathlight.smtp.password")
  Optional<String> smtpPassword;

  @Inject
  @ConfigProperty(name = "pathlight.smtp.starttls", defaultValue = "true")
  boolean startTls;

  @Inject
  @ConfigProperty(name = "pathlight.smtp.timeout.seconds", defaultValue = "20")
  int timeoutSeconds;

  @Inject
  @ConfigProperty(name = "pathlight.mail.from", defaultValue = "no-reply@pathlight.local")
  String fromAddress;

  /** Sender name for supporters with the discreet-sender safe-contact flag. */
  @Inject
  @ConfigProperty(name = "pathlight.mail.discreet.name", defaultValue = "Notifications")
  String discreetName;

  @Inject
  @ConfigProperty(name = "pathlight.mail.sender.enabled", defaultValue = "true")
  boolean senderEnabled;

  @Inject
  @ConfigProperty(name = "pathlight.mail.poll.seconds", defaultValue = "10")
  int pollSeconds;

  /**
   * How many SMTP connections one instance sends over at once. One by default, so a crash repeats
   * at most the one message in the hand-off; each more can repeat one more.
   */
  @Inject
  @ConfigProperty(name = "pathlight.mail.connections", defaultValue = "1")
  int connections;

  /** How long a claimed message is reserved for its sender before another may take it. */
  @Inject
  @ConfigProperty(name = "pathlight.mail.lease.seconds", defaultValue = "300")
  int leaseSeconds;

  @Inject
  @ConfigProperty(name = "pathlight.mail.retry.base.seconds", defaultValue = "30")
  int retryBaseSeconds;

  @Inject
  @ConfigProperty(name = "pathlight.mail.retry.max.attempts", defaultValue = "12")
  int maxAttempts;

  public Optional<String> smtpHost() {
    return smtpHost.filter(h -> !h.isBlank());
  }

  public int smtpPort() {
    return smtpPort;
  }

  public Optional<String> smtpUser() {
    return smtpUser.filter(u -> !u.isBlank());
  }

  public Optional<String> smtpPassword() {
    return smtpPassword;
  }

  public boolean startTls() {
    return startTls;
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }

  public String fromAddress() {
    return fromAddress;
  }

  public String discreetName() {
    return discreetName;
  }

  public boolean senderEnabled() {
    return senderEnabled;
  }

  public Duration poll() {
    return Duration.ofSeconds(Math.max(1, pollSeconds));
  }

  public int connections() {
    return Math.max(1, connections);
  }

  public Duration lease() {
    return Duration.ofSeconds(leaseSeconds);
  }

  public Duration retryBase() {
    return Duration.ofSeconds(retryBaseSeconds);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The domain part of the sender address, used in Message-IDs. */
  public String domain() {
    int at = fromAddress.lastIndexOf('@');
    return at < 0 ? "pathlight.local" : fromAddress.substring(at + 1);
  }
}
