package org.pathlight.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers kept in this instance's memory for a while: for the public reads a surge sends thousands
 * of people to (the active funds, ZIP lookups). {@link #forget} drops them all at once, after a
 * change commits; an answer read while a change was being forgotten is not kept, so an older read
 * never replaces a newer clear. A keep of zero keeps nothing. At most {@code max} answers are kept;
 * one more clears them.
 */
public final class Memo<K, V> {

  private record Kept<V>(V value, Instant until) {}

  private final Clock clock;
  private final Duration keep;
  private final int max;
  private final ConcurrentHashMap<K, Kept<V>> kept = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public Memo(Clock clock, Duration keep, int max) {
    this.clock = clock;
    this.keep = keep;
    this.max = max;
  }

  /** The kept answer for {@code key}, or {@code load}'s, kept for next time. */
  public V get(K key, Supplier<V> load) {
    Instant now = clock.instant();
    Kept<V> hit = kept.get(key);
    if (hit != null && now.isBefore(hit.until())) {
      return hit.value();
    }
    long before = generation.get();
    V fresh = load.get();
    if (before == generation.get()) {
      if (kept.size() >= max) {
        kept.clear();
      }
      kept.put(key, new Kept<>(fresh, now.plus(keep)));
    }
    return fresh;
  }

  /** Drops every kept answer. */
  public void forget() {
    generation.incrementAndGet();
    kept.clear();
  }
}
