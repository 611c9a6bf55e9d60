package org.pathlight.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @RepeatedTest(20)
  void theDelayDoublesWithJitter() {
    Duration base = Duration.ofSeconds(30);
    assertThat(Backoff.after(1, base)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
    assertThat(Backoff.after(2, base)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(72));
    assertThat(Backoff.after(4, base)).isBetween(Duration.ofSeconds(192), Duration.ofSeconds(288));
  }

  @Test
  void theDelayIsCappedNearAnHour() {
    assertThat(Backoff.after(30, Duration.ofSeconds(30)))
        .isLessThanOrEqualTo(Duration.ofMinutes(72))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(48));
  }
}
