package org.pathlight.campaigns;

import org.pathlight.mail.Outbox;

/**
 * A letter's status and failure as supporters and staff see them: an email letter is sent or failed
 * when its outbox message is; any other letter (a contact form, a printed letter) has its own
 * status.
 */
final class LetterDelivery {

  private LetterDelivery() {}

  static String status(String channel, String stored, Outbox.Delivery mail) {
    if ("email".equals(channel) && mail != null) {
      if ("sent".equals(mail.status())) {
        return "sent";
      }
      if ("failed".equals(mail.status())) {
        return "failed";
      }
    }
    return stored;
  }

  /** Why it failed: the letter's own reason, else the outbox's last error. */
  static String failure(String reason, Outbox.Delivery mail) {
    return reason != null ? reason : mail == null ? null : mail.lastError();
  }
}
