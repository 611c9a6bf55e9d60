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

  @Test
  void aBurstAcrossAWindowBoundaryGetsNoMoreThanTheLimit() {
    RateLimiter.Limit five = new RateLimiter.Limit(5, Duration.ofMinutes(10));
    // five hits at the very end of one window, the sixth just after the boundary
    assertThat(RateLimiter.over(1, 5, 0.001, five)).isTrue();
    // the same window: the sixth hit is over, the fifth is not
    assertThat(RateLimiter.over(6, 0, 0.5, five)).isTrue();
    assertThat(RateLimiter.over(5, 0, 0.5, five)).isFalse();
    // the previous window's hits fade out as this one goes on
    assertThat(RateLimiter.over(1, 5, 0.5, five)).isFalse();
  }
}
