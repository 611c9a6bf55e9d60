package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void windowsAreAlignedSoEveryInstanceCountsIntoTheSameRow() {
    Instant a = Instant.parse("2026-11-22T10:04:59.999Z");
    Instant b = Instant.parse("2026-11-22T10:00:00Z");
    assertThat(RateLimiter.windowStart(a, Duration.ofMinutes(5))).isEqualTo(b);
    assertThat(RateLimiter.windowStart(b, Duration.ofMinutes(5))).isEqualTo(b);
    assertThat(
            RateLimiter.windowStart(Instant.parse("2026-11-22T10:05:00Z"), Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2026-11-22T10:05:00Z"));
  }

  @Test
  void aLimitNeedsAHitAndAWindow() {
    assertThatThrownBy(() -> new RateLimiter.Limit(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter.Limit(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
