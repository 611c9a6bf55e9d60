package org.pathlight.common;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hourly clean-up of rows that only matter for a while (rate-limit windows, expired revocations;
 * components observe {@link Due} for their own). Every step is an idempotent delete, so several
 * instances doing it at once is harmless.
 */
@ApplicationScoped
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

  /** Observed by components that keep expiring rows. */
  public record Due() {}

  @Resource ManagedScheduledExecutorService executor;
  @Inject RateLimiter rateLimiter;
  @Inject SignedTokens signedTokens;
  @Inject Event<Due> due;

  private volatile ScheduledFuture<?> job;

  void start(@Observes Startup.SchemaReady ready) {
    job = executor.scheduleWithFixedDelay(this::run, 5, 60, TimeUnit.MINUTES);
  }

  void run() {
    try {
      rateLimiter.purgeOldWindows(Duration.ofDays(1));
      signedTokens.purgeExpiredRevocations();
      due.fire(new Due());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Housekeeping failed; it runs again in an hour", e);
    }
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(false);
    }
  }
}
