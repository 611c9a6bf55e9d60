package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /** The shared rows as a map, and every add it was asked for. */
  static class FakeStore extends RateLimitStore {
    final Map<String, Integer> rows = new HashMap<>();
    final List<Integer> adds = new ArrayList<>();
    boolean down;

    @Override
    Counts add(String bucket, Instant windowStart, Duration window, int hits) {
      if (down) {
        throw new IllegalStateException("database down");
      }
      adds.add(hits);
      int now = rows.merge(bucket + "@" + windowStart, hits, Integer::sum);
      return new Counts(now, rows.getOrDefault(bucket + "@" + windowStart.minus(window), 0));
    }
  }

  private static RateLimiter limiter(FakeStore store, long shareMillis) {
    RateLimiter limiter = new RateLimiter();
    limiter.store = store;
    limiter.clock = Clock.fixed(Instant.parse("2026-12-02T10:00:30Z"), ZoneOffset.UTC);
    limiter.shareMillis = shareMillis;
    return limiter;
  }

  private static final RateLimiter.Limit FIVE_A_MINUTE =
      new RateLimiter.Limit(5, Duration.ofMinutes(1));

  @Test
  void onlyTheFirstHitOfAWindowWaitsForTheDatabaseAndTheLimitIsExactOnOneInstance() {
    FakeStore store = new FakeStore();
    RateLimiter limiter = limiter(store, 60_000);
    for (int i = 0; i < 5; i++) {
      limiter.hit("b", FIVE_A_MINUTE, "slow down");
    }
    assertThat(store.adds).containsExactly(1);
    assertThatThrownBy(() -> limiter.hit("b", FIVE_A_MINUTE, "slow down"))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("slow down");
    limiter.shareAll();
    assertThat(store.rows.get("b@2026-12-02T10:00:00Z")).isEqualTo(6);
    limiter.shareAll();
    assertThat(store.adds).containsExactly(1, 5);
  }

  @Test
  void whatOtherInstancesCountedRefusesTheFirstHitHere() {
    FakeStore store = new FakeStore();
    store.rows.put("b@2026-12-02T10:00:00Z", 5);
    RateLimiter limiter = limiter(store, 60_000);
    assertThatThrownBy(() -> limiter.hit("b", FIVE_A_MINUTE, "slow down"))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aHitFindingTheSharedCountOlderThanTheIntervalSharesItself() {
    FakeStore store = new FakeStore();
    RateLimiter limiter = limiter(store, 0);
    limiter.hit("b", FIVE_A_MINUTE, "x");
    store.rows.merge("b@2026-12-02T10:00:00Z", 3, Integer::sum); // another instance's three
    limiter.hit("b", FIVE_A_MINUTE, "x"); // shares: 1 + 3 + 1 = 5, still within
    assertThat(store.adds).containsExactly(1, 1);
    assertThatThrownBy(() -> limiter.hit("b", FIVE_A_MINUTE, "x"))
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void aFailedShareKeepsItsHitsForTheNextAndTheJobReportsTheFailure() {
    FakeStore store = new FakeStore();
    RateLimiter limiter = limiter(store, 60_000);
    limiter.hit("b", FIVE_A_MINUTE, "x");
    limiter.hit("b", FIVE_A_MINUTE, "x");
    store.down = true;
    assertThatThrownBy(limiter::shareAll).isInstanceOf(IllegalStateException.class);
    // a new window cannot be judged without the database: the request fails, nothing is lost
    assertThatThrownBy(() -> limiter.hit("c", FIVE_A_MINUTE, "x"))
        .isInstanceOf(IllegalStateException.class);
    store.down = false;
    limiter.shareAll();
    assertThat(store.rows)
        .containsEntry("b@2026-12-02T10:00:00Z", 2)
        .containsEntry("c@2026-12-02T10:00:00Z", 1);
  }

  @Test
  void aBurstOfConcurrentHitsOnANewWindowLetsExactlyTheLimitThrough() throws Exception {
    for (int round = 0; round < 20; round++) {
      FakeStore store =
          new FakeStore() {
            @Override
            synchronized Counts add(String bucket, Instant windowStart, Duration window, int hits) {
              try {
                Thread.sleep(5); // the database is slower than the other threads' counting
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return super.add(bucket, windowStart, window, hits);
            }
          };
      RateLimiter limiter = limiter(store, 60_000);
      int threads = 8;
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicInteger allowed =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      for (int t = 0; t < threads; t++) {
        pool.submit(
            () -> {
              go.await();
              try {
                limiter.hit("burst", FIVE_A_MINUTE, "slow down");
                allowed.incrementAndGet();
              } catch (ProblemException refused) {
                // over the limit
              }
              return null;
            });
      }
      go.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(allowed.get()).as("round " + round).isEqualTo(5);
    }
  }
}
