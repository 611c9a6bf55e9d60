package org.pathlight.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One email, written in the transaction of the change that caused it and sent later by {@link
 * OutboxSender}. Its Message-ID is fixed when it is written, so a re-send after a crash is
 * recognisably the same message.
 */
@Entity
@Table(name = "outbox_message")
@NamedQuery(
    name = "OutboxMessage.byStatus",
    query = "select m from OutboxMessage m where m.status = :status order by m.id desc")
public class OutboxMessage {

  @Id private Long id;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "dedupe_key")
  private String dedupeKey;

  private String category;

  @Column(name = "to_address")
  private String toAddress;

  @Column(name = "to_name")
  private String toName;

  @Column(name = "from_name")
  private String fromName;

  @Column(name = "reply_to")
  private String replyTo;

  private String subject;

  @Column(name = "text_body")
  private String textBody;

  @Column(name = "html_body")
  private String htmlBody;

  @Column(name = "message_id")
  private String messageId;

  @jakarta.persistence.Convert(converter = MessageStatus.Column.class)
  private MessageStatus status;

  private int attempts;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "sent_at")
  private Instant sentAt;

  /** The RFC 8058 one-click unsubscribe address of a bulk message, or null. */
  @Column(name = "list_unsubscribe")
  private String listUnsubscribe;

  protected OutboxMessage() {}

  public String listUnsubscribe() {
    return listUnsubscribe;
  }

  public Long id() {
    return id;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String category() {
    return category;
  }

  public String toAddress() {
    return toAddress;
  }

  public String toName() {
    return toName;
  }

  public String fromName() {
    return fromName;
  }

  public String replyTo() {
    return replyTo;
  }

  public String subject() {
    return subject;
  }

  public String textBody() {
    return textBody;
  }

  public String htmlBody() {
    return htmlBody;
  }

  public String messageId() {
    return messageId;
  }

  public MessageStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public String lastError() {
    return lastError;
  }

  public Instant sentAt() {
    return sentAt;
  }

  /** A failed message goes back to the queue, due now, with a fresh set of attempts. */
  void requeue(Instant now) {
    status = MessageStatus.PENDING;
    attempts = 0;
    nextAttemptAt = now;
    lastError = null;
  }
}
