package org.pathlight.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pathlight.campaigns.Letter.Channel;
import org.pathlight.campaigns.Letter.Status;
import org.pathlight.mail.MessageStatus;
import org.pathlight.mail.Outbox;

class LetterTest {

  @Test
  void anEmailLetterIsWhereItsMessageIs() {
    assertThat(Letter.status(Channel.EMAIL, Status.QUEUED, mail(MessageStatus.PENDING, null)))
        .isEqualTo(Status.QUEUED);
    assertThat(Letter.status(Channel.EMAIL, Status.QUEUED, mail(MessageStatus.SENT, null)))
        .isEqualTo(Status.SENT);
    assertThat(Letter.status(Channel.EMAIL, Status.QUEUED, mail(MessageStatus.FAILED, "550")))
        .isEqualTo(Status.FAILED);
    assertThat(Letter.status(Channel.EMAIL, Status.QUEUED, null)).isEqualTo(Status.QUEUED);
  }

  @Test
  void otherLettersKeepTheirOwnStatus() {
    assertThat(Letter.status(Channel.CONTACT_FORM, Status.HANDED_OFF, null))
        .isEqualTo(Status.HANDED_OFF);
    assertThat(Letter.status(Channel.PRINT, Status.SENT, mail(MessageStatus.FAILED, "550")))
        .isEqualTo(Status.SENT);
  }

  @Test
  void aWebFormLetterIsHandedOffAndEveryOtherQueued() {
    assertThat(Letter.firstStatus(Channel.CONTACT_FORM)).isEqualTo(Status.HANDED_OFF);
    assertThat(Letter.firstStatus(Channel.EMAIL)).isEqualTo(Status.QUEUED);
    assertThat(Letter.firstStatus(Channel.PRINT)).isEqualTo(Status.QUEUED);
  }

  @Test
  void onlyAPrintedLetterKeepsTheWritersAddressAndOnlyAnEmailOneGoesThroughTheOutbox() {
    Letter email = letter(Channel.EMAIL);
    Letter print = letter(Channel.PRINT);
    assertThat(email.addressBlock()).isNull();
    assertThat(print.addressBlock()).isEqualTo("Ada\n1 Main St");
    email.queuedAs(7);
    assertThat(email.outboxId()).isEqualTo(7L);
    assertThatThrownBy(() -> print.queuedAs(8)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theWordsAreTheDatabasesAndTheApis() {
    assertThat(Channel.CONTACT_FORM.word()).isEqualTo("contact-form");
    assertThat(Status.HANDED_OFF.word()).isEqualTo("handed-off");
    assertThat(new Status.Column().convertToEntityAttribute("handed-off"))
        .isEqualTo(Status.HANDED_OFF);
    assertThat(new Channel.Column().convertToDatabaseColumn(Channel.CONTACT_FORM))
        .isEqualTo("contact-form");
    assertThatThrownBy(() -> new Status.Column().convertToEntityAttribute("printed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("printed");
  }

  @Test
  void theLettersOwnReasonComesBeforeTheOutboxError() {
    assertThat(Letter.failure("no address", mail(MessageStatus.FAILED, "550")))
        .isEqualTo("no address");
    assertThat(Letter.failure(null, mail(MessageStatus.FAILED, "550 mailbox")))
        .isEqualTo("550 mailbox");
    assertThat(Letter.failure(null, null)).isNull();
  }

  private static Outbox.Delivery mail(MessageStatus status, String error) {
    return new Outbox.Delivery(status, error);
  }

  private static Letter letter(Channel channel) {
    return new Letter(
        1,
        2,
        new Letter.Draft(
            "ocd-x", "Ada", "Senator", channel, "Subject", "Body", "Ada\n1 Main St", null),
        false,
        Instant.parse("2026-12-01T00:00:00Z"));
  }
}
