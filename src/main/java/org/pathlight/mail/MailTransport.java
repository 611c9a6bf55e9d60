package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Properties;
import org.pathlight.common.DataDirectory;

/**
 * Hands one message to SMTP (Jakarta Mail), or, when no SMTP host is configured, writes it as an
 * {@code .eml} file under {@code {data}/mail/}. The file is named by the message's id and written
 * atomically, so a re-send replaces it instead of adding a second one.
 */
@ApplicationScoped
public class MailTransport {

  /**
   * Jakarta Mail 2.1 finds its stream provider through {@code jakarta.mail.util.FactoryFinder} for
   * every body part and every encoded stream: a system property first, then a {@code ServiceLoader}
   * scan, which through Payara's class loaders cost more than the rest of a message's hand-off put
   * together (JFR, the newsletter benchmark). Naming Payara's own provider in the property skips
   * the scan; where that class is absent the lookup is left as it is.
   */
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  private static final String ANGUS_STREAM_PROVIDER =
      "org.eclipse.angus.mail.util.MailStreamProvider";

  static {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      try {
        Class.forName(ANGUS_STREAM_PROVIDER, false, MailTransport.class.getClassLoader());
        System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
      } catch (ClassNotFoundException e) {
        // another Jakarta Mail implementation: its ServiceLoader lookup stays
      }
    }
  }

  @Inject MailSettings settings;
  @Inject DataDirectory dataDirectory;

  /** One session for every connection: making one reads the providers from every jar again. */
  private volatile Session session;

  /** The receiving server refused for good (no such mailbox, malformed address): do not retry. */
  public static final class PermanentFailure extends Exception {
    PermanentFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public void deliver(OutboxMessage message)
      throws PermanentFailure, MessagingException, IOException {
    try (Connection c = open()) {
      c.deliver(message);
    }
  }

  /**
   * A connection for several messages in a row (a drain of the outbox): one SMTP session instead of
   * one per message. It connects at its first message; a message that fails on a connection that
   * had already sent is tried once more on a fresh one (the server may have closed an idle or long
   * session), so a connection's age never costs a message a retry delay.
   */
  public Connection open() {
    return new Connection();
  }

  public final class Connection implements AutoCloseable {
    private final Session session = session();
    private Transport transport;
    private boolean used;

    public void deliver(OutboxMessage message)
        throws PermanentFailure, MessagingException, IOException {
      MimeMessage mime = build(session, message);
      if (settings.smtpHost().isEmpty()) {
        drop(mime, message);
        return;
      }
      try {
        send(mime);
      } catch (SendFailedException e) {
        Address[] invalid = e.getInvalidAddresses();
        if (invalid != null && invalid.length > 0) {
          throw new PermanentFailure("recipient refused: " + e.getMessage(), e);
        }
        close();
        throw e;
      } catch (MessagingException e) {
        close();
        if (!used) {
          throw e;
        }
        send(mime); // once more, on a fresh connection
      }
    }

    private void send(MimeMessage mime) throws MessagingException {
      if (transport == null) {
        used = false;
        transport = session.getTransport("smtp");
        transport.connect(
            settings.smtpHost().orElseThrow(),
            settings.smtpPort(),
            settings.smtpUser().orElse(null),
            settings.smtpPassword().orElse(null));
      }
      transport.sendMessage(mime, mime.getAllRecipients());
      used = true;
    }

    @Override
    public void close() {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException e) {
          // the server went first
        }
        transport = null;
      }
    }
  }

  private Session session() {
    Session made = session;
    if (made == null) {
      made = Session.getInstance(properties());
      session = made; // two threads may each make one at first; either will do
    }
    return made;
  }

  private Properties properties() {
    Properties props = new Properties();
    settings
        .smtpHost()
        .ifPresent(
            host -> {
              String timeout = Long.toString(settings.timeout().toMillis());
              props.put("mail.transport.protocol", "smtp");
              props.put("mail.smtp.host", host);
              props.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
              props.put("mail.smtp.connectiontimeout", timeout);
              props.put("mail.smtp.timeout", timeout);
              props.put("mail.smtp.writetimeout", timeout);
              props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
              props.put("mail.smtp.auth", Boolean.toString(settings.smtpUser().isPresent()));
            });
    return props;
  }

  private MimeMessage build(Session session, OutboxMessage message)
      throws MessagingException, PermanentFailure {
    MimeMessage mime = new FixedIdMessage(session, message.messageId());
    try {
      mime.setFrom(new InternetAddress(settings.fromAddress(), message.fromName(), "UTF-8"));
      mime.setRecipient(
          Message.RecipientType.TO,
          new InternetAddress(message.toAddress(), message.toName(), "UTF-8"));
      new InternetAddress(message.toAddress(), true).validate();
    } catch (AddressException | UnsupportedEncodingException e) {
      throw new PermanentFailure("bad address: " + e.getMessage(), e);
    }
    mime.setSubject(message.subject(), "UTF-8");
    if (message.replyTo() != null) {
      mime.setReplyTo(new jakarta.mail.Address[] {new InternetAddress(message.replyTo())});
    }
    mime.setSentDate(Date.from(message.createdAt()));
    if (message.listUnsubscribe() != null) {
      // RFC 2369 and RFC 8058: bulk mail only; a POST of the one field unsubscribes at once
      mime.setHeader("List-Unsubscribe", "<" + message.listUnsubscribe() + ">");
      mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    if (message.htmlBody() == null) {
      mime.setText(message.textBody(), "UTF-8");
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(message.textBody(), "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(message.htmlBody(), "UTF-8", "html");
      mime.setContent(new MimeMultipart("alternative", text, html));
    }
    mime.saveChanges();
    return mime;
  }

  private void drop(MimeMessage mime, OutboxMessage message)
      throws IOException, MessagingException {
    Path folder = dataDirectory.folder("mail");
    Path target = folder.resolve(String.format("%08d-%s.eml", message.id(), message.category()));
    Path temp = Files.createTempFile(folder, ".outbox-", ".tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      mime.writeTo(out);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Keeps the Message-ID chosen when the message was queued (Jakarta Mail would make a new one).
   */
  static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
