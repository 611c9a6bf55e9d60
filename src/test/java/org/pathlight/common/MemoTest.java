package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MemoTest {

  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void anAnswerIsKeptForItsTimeAndDroppedByForget() {
    AtomicInteger loads = new AtomicInteger();
    Memo<String, Integer> memo = new Memo<>(NOW, Duration.ofSeconds(10), 10);
    assertThat(memo.get("a", loads::incrementAndGet)).isEqualTo(1);
    assertThat(memo.get("a", loads::incrementAndGet)).isEqualTo(1);
    memo.forget();
    assertThat(memo.get("a", loads::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void aReadDuringAForgetIsNotKeptAndZeroKeepsNothing() {
    Memo<String, Integer> memo = new Memo<>(NOW, Duration.ofSeconds(10), 10);
    memo.get(
        "a",
        () -> {
          memo.forget(); // a change commits while this answer is being read
          return 1;
        });
    assertThat(memo.get("a", () -> 2)).isEqualTo(2);
    Memo<String, Integer> off = new Memo<>(NOW, Duration.ZERO, 10);
    off.get("a", () -> 1);
    assertThat(off.get("a", () -> 2)).isEqualTo(2);
  }

  @Test
  void oneAnswerMoreThanTheMaximumClearsTheRest() {
    Memo<String, Integer> memo = new Memo<>(NOW, Duration.ofSeconds(10), 1);
    memo.get("a", () -> 1);
    memo.get("b", () -> 2);
    assertThat(memo.get("a", () -> 3)).isEqualTo(3);
  }
}
