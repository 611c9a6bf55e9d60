package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rate limits for public forms, counted in PostgreSQL so every instance sees the same count. Hits
 * are counted in aligned windows, and a hit is judged on a sliding estimate (this window's hits
 * plus the previous window's, weighted by how much of it still lies within one window of now), so a
 * burst that straddles a window boundary cannot get twice the limit through. A hit is counted
 * before the request does anything: a request that then fails validation has still used its try
 * (that is the point against card testing).
 *
 * <p>This instance counts its own hits in memory, exactly, and shares them with the database: the
 * first hit of a window here waits for the database's count (so a client switching instances starts
 * from what the others counted), and after that the hits are added to the shared row at most every
 * {@code pathlight.ratelimit.share.millis} (500) by the request that finds the count that old, or
 * by the {@code rate-limit-share} job. A busy window therefore costs one write per half second, not
 * one per hit, and what other instances counted reaches this one within that time. Across N
 * instances a client can get at most what the others let through in that half second beyond the
 * limit; on one instance the limit is exact.
 */
@ApplicationScoped
public class RateLimiter {

  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

  @Inject RateLimitStore store;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.ratelimit.share.millis", defaultValue = "500")
  long shareMillis;

  private final Map<Key, Window> windows = new ConcurrentHashMap<>();

  /** A window idle this long is dropped from memory (its count is in the database). */
  private static final long IDLE_NANOS = 5_000_000_000L;

  /** A limit: at most {@code hits} per {@code window}. */
  public record Limit(int hits, Duration window) {
    public Limit {
      if (hits < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a limit needs at least one hit per positive window");
      }
    }
  }

  private record Key(String bucket, Instant start, Duration length) {}

  /**
   * Counts one hit on {@code bucket} and throws a 429 problem with Retry-After when it is over the
   * limit.
   */
  public void hit(String bucket, Limit limit, String detail) {
    Instant now = clock.instant();
    Instant windowStart = windowStart(now, limit.window());
    Key key = new Key(bucket, windowStart, limit.window());
    Window window = windows.computeIfAbsent(key, Window::new);
    int ordinal;
    while ((ordinal = window.count()) < 0) {
      // the share job just retired this window: count in a fresh one, which reads the database
      windows.remove(key, window);
      window = windows.computeIfAbsent(key, Window::new);
    }
    if (!window.shared()) {
      window.lock.lock();
      try {
        if (!window.shared()) {
          share(window);
        }
      } finally {
        window.lock.unlock();
      }
    } else if (window.olderThan(shareMillis) && window.lock.tryLock()) {
      try {
        shareQuietly(window);
      } finally {
        window.lock.unlock();
      }
    }
    // this hit's place: the other instances' hits, then ours up to and including this one, so a
    // burst at once lets exactly the limit through however the threads interleave
    Window.Estimate estimate = window.estimate(ordinal);
    double elapsed =
        (double) Duration.between(windowStart, now).toMillis() / limit.window().toMillis();
    if (over(estimate.current(), estimate.previous(), elapsed, limit)) {
      Duration retryAfter = Duration.between(now, windowStart.plus(limit.window()));
      throw ProblemException.tooManyRequests("rate-limited", detail, retryAfter);
    }
  }

  /** How often {@link #shareAll} should run (the {@code rate-limit-share} job's period). */
  public Duration shareEvery() {
    return Duration.ofMillis(Math.max(50, shareMillis));
  }

  /**
   * Adds every window's unshared hits to the database and forgets the windows idle for {@link
   * #IDLE_NANOS}: the database holds their counts, and a later hit reads them back as a first hit
   * would. So memory holds only the windows hit in the last few seconds. This is the {@code
   * rate-limit-share} job. A window whose share fails keeps its hits for the next try; the first
   * failure is thrown after the others had their turn, so the job shows as failed.
   */
  public void shareAll() {
    RuntimeException failure = null;
    long now = System.nanoTime();
    for (Window window : windows.values()) {
      if (!window.lock.tryLock()) {
        continue; // a request is sharing it now
      }
      try {
        if (window.pending()) {
          share(window);
        } else if (window.retireIfIdle(now, IDLE_NANOS)) {
          windows.remove(window.key, window);
        }
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      } finally {
        window.lock.unlock();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void share(Window window) {
    int hits = window.take();
    try {
      RateLimitStore.Counts counts =
          store.add(window.key.bucket(), window.key.start(), window.key.length(), hits);
      window.shared(counts.current(), counts.previous(), hits);
    } catch (RuntimeException e) {
      window.giveBack(hits);
      throw e;
    }
  }

  /** A later share from a request: a failure there must not fail the request, which is counted. */
  private void shareQuietly(Window window) {
    try {
      share(window);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Could not share rate-limit hits now; the next hit or the job will", e);
    }
  }

  /**
   * Whether a hit is over the limit: {@code current} hits so far in this window (this one
   * included), {@code previous} in the one before, {@code elapsed} the share of this window gone.
   */
  static boolean over(int current, int previous, double elapsed, Limit limit) {
    return current + previous * (1 - elapsed) > limit.hits();
  }

  public int purgeOldWindows(Duration olderThan) {
    return store.purgeOlderThan(clock.instant().minus(olderThan));
  }

  static Instant windowStart(Instant now, Duration window) {
    long size = window.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
  }

  /** One bucket's window on this instance: what the database said, and what is not yet in it. */
  static final class Window {

    record Estimate(int current, int previous) {}

    final Key key;
    final ReentrantLock lock = new ReentrantLock();
    private int database; // the shared row's count at the last share, our hits then included
    private int previous; // the window before, at the last share
    private int sending; // hits on their way to the database
    private int unsent; // hits counted here since
    private long sharedAt; // System.nanoTime() of the last share
    private long hitAt; // System.nanoTime() of the last hit
    private int counted; // every hit counted here in this window
    private int ours; // of them, those in the database at the last share
    private boolean shared;
    private boolean retired; // dropped from memory: a hit must count in a fresh window

    Window(Key key) {
      this.key = key;
    }

    /**
     * Counts a hit and answers its place among this instance's hits in the window (1 for the
     * first); -1 when the window was retired and counts nothing more.
     */
    synchronized int count() {
      if (retired) {
        return -1;
      }
      unsent++;
      hitAt = System.nanoTime();
      return ++counted;
    }

    /**
     * Retires the window when nothing is to share or on its way and no hit came for {@code idle}.
     */
    synchronized boolean retireIfIdle(long now, long idle) {
      retired = unsent == 0 && sending == 0 && now - hitAt > idle;
      return retired;
    }

    synchronized boolean shared() {
      return shared;
    }

    synchronized boolean pending() {
      return unsent > 0;
    }

    synchronized boolean olderThan(long millis) {
      return unsent > 0 && System.nanoTime() - sharedAt > millis * 1_000_000;
    }

    synchronized int take() {
      int hits = unsent;
      unsent = 0;
      sending += hits;
      return hits;
    }

    synchronized void shared(int database, int previous, int hits) {
      this.database = database;
      this.ours += hits;
      this.previous = previous;
      this.sending -= hits;
      this.sharedAt = System.nanoTime();
      this.shared = true;
    }

    synchronized void giveBack(int hits) {
      sending -= hits;
      unsent += hits;
    }

    /** The window's count as the hit with this place saw it: other instances' hits, then ours. */
    synchronized Estimate estimate(int ordinal) {
      return new Estimate(database - ours + ordinal, previous);
    }
  }
}
