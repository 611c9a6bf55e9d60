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

  /** The windows with hits not yet shared, each queued once until the job takes it. */
  private final java.util.Queue<Window> unshared =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** A window idle this long is dropped from memory (its count is in the database). */
  private static final long IDLE_NANOS = 5_000_000_000L;

  private volatile long lastSweep = System.nanoTime();

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
    Window window =
        windows.computeIfAbsent(new Key(bucket, windowStart, limit.window()), Window::new);
    if (window.count()) {
      unshared.add(window);
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
    Window.Estimate estimate = window.estimate();
    double elapsed =
        (double) Duration.between(windowStart, now).toMillis() / limit.window().toMillis();
    if (over(estimate.current(), estimate.previous(), elapsed, limit)) {
      Duration retryAfter = Duration.between(now, windowStart.plus(limit.window()));
      throw ProblemException.tooManyRequests("rate-limited", detail, retryAfter);
    }
  }

  /**
   * Adds the unshared hits of every window that has some to the database, then (every few seconds)
   * forgets the windows idle for {@link #IDLE_NANOS}: the database holds their counts, and a later
   * hit reads them back as a first hit would. This is the {@code rate-limit-share} job. A window
   * whose share fails keeps its hits for the next try; the first failure is thrown after the others
   * had their turn, so the job shows as failed.
   */
  public void shareAll() {
    RuntimeException failure = null;
    java.util.List<Window> retry = new java.util.ArrayList<>();
    for (Window window = unshared.poll(); window != null; window = unshared.poll()) {
      window.dequeued();
      if (window.lock.tryLock()) {
        try {
          if (window.pending()) {
            share(window);
          }
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
          retry.add(window);
        } finally {
          window.lock.unlock();
        }
      } else {
        retry.add(window); // a request is sharing it now; look again next time
      }
    }
    for (Window window : retry) {
      if (window.requeue()) {
        unshared.add(window);
      }
    }
    long now = System.nanoTime();
    if (now - lastSweep > IDLE_NANOS) {
      lastSweep = now;
      windows.values().removeIf(w -> w.idle(now, IDLE_NANOS));
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
    private boolean shared;
    private boolean queued; // in the unshared queue

    Window(Key key) {
      this.key = key;
    }

    /** Counts a hit; true when the window must now be queued for the share job. */
    synchronized boolean count() {
      unsent++;
      hitAt = System.nanoTime();
      if (queued) {
        return false;
      }
      queued = true;
      return true;
    }

    synchronized void dequeued() {
      queued = false;
    }

    synchronized boolean requeue() {
      if (queued || unsent == 0) {
        return false;
      }
      queued = true;
      return true;
    }

    /**
     * Nothing to share, nothing on its way, no hit for {@code idle} nanoseconds, nobody sharing.
     */
    synchronized boolean idle(long now, long idle) {
      return unsent == 0 && sending == 0 && !queued && now - hitAt > idle && !lock.isLocked();
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
      this.previous = previous;
      this.sending -= hits;
      this.sharedAt = System.nanoTime();
      this.shared = true;
    }

    synchronized void giveBack(int hits) {
      sending -= hits;
      unsent += hits;
    }

    synchronized Estimate estimate() {
      return new Estimate(database + sending + unsent, previous);
    }
  }
}
