package org.pathlight.mail;

import java.util.Set;
import org.pathlight.common.Words;

/** Where a queued email stands; the database and the API use the lower-case words. */
public enum MessageStatus {
  PENDING,
  SENT,
  FAILED,
  /** Part of a paused bulk send: not sent until the send resumes. */
  HELD;

  public String word() {
    return Words.of(this);
  }

  static Set<String> words() {
    return Words.all(MessageStatus.class, MessageStatus::word);
  }

  static MessageStatus of(String word) {
    return Words.parse(MessageStatus.class, MessageStatus::word, word).orElseThrow();
  }

  /** The {@code outbox_message.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<MessageStatus>
      implements jakarta.persistence.AttributeConverter<MessageStatus, String> {
    public Column() {
      super(MessageStatus.class);
    }
  }
}
