package org.pathlight.mail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base × 2^(attempt−1), at most an hour, ±20 %. */
final class Backoff {

  static final Duration CAP = Duration.ofHours(1);

  private Backoff() {}

  static Duration after(int attempt, Duration base) {
    int exponent = Math.min(Math.max(attempt - 1, 0), 20);
    long millis = Math.min(base.toMillis() << exponent, CAP.toMillis());
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis(Math.max(1, (long) (millis * jitter)));
  }
}
