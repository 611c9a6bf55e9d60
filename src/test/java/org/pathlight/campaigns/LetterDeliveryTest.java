package org.pathlight.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pathlight.mail.Outbox;

class LetterDeliveryTest {

  @Test
  void anEmailLetterIsWhereItsMessageIs() {
    assertThat(LetterDelivery.status("email", "queued", new Outbox.Delivery("pending", null)))
        .isEqualTo("queued");
    assertThat(LetterDelivery.status("email", "queued", new Outbox.Delivery("sent", null)))
        .isEqualTo("sent");
    assertThat(LetterDelivery.status("email", "queued", new Outbox.Delivery("failed", "550")))
        .isEqualTo("failed");
    assertThat(LetterDelivery.status("email", "queued", null)).isEqualTo("queued");
  }

  @Test
  void otherLettersKeepTheirOwnStatus() {
    assertThat(LetterDelivery.status("contact-form", "handed-off", null)).isEqualTo("handed-off");
    assertThat(LetterDelivery.status("print", "printed", new Outbox.Delivery("sent", null)))
        .isEqualTo("printed");
  }

  @Test
  void theLettersOwnReasonComesBeforeTheOutboxError() {
    assertThat(LetterDelivery.failure("no address", new Outbox.Delivery("failed", "550")))
        .isEqualTo("no address");
    assertThat(LetterDelivery.failure(null, new Outbox.Delivery("failed", "550 mailbox")))
        .isEqualTo("550 mailbox");
    assertThat(LetterDelivery.failure(null, null)).isNull();
  }
}
