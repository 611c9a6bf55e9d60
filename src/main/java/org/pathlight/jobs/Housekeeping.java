package org.pathlight.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.pathlight.common.RateLimiter;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.Startup;

/**
 * Hourly clean-up of the rows {@code common} keeps only for a while (rate-limit windows, expired
 * revocations). Every step is an idempotent delete, so several instances doing it at once is
 * harmless. Components register their own hourly jobs with {@link Jobs#hourly}. Beside it, {@code
 * rate-limit-share} adds this instance's rate-limit hits to the shared counts every half second
 * ({@link RateLimiter#shareAll}).
 */
@ApplicationScoped
public class Housekeeping {

  static final String JOB = "housekeeping";
  static final String RATE_LIMIT_SHARE = "rate-limit-share";

  @Inject Jobs jobs;
  @Inject RateLimiter rateLimiter;
  @Inject SignedTokens signedTokens;

  void start(@Observes Startup.SchemaReady ready) {
    jobs.hourly(JOB, this::run);
    Duration every = rateLimiter.shareEvery();
    jobs.schedule(RATE_LIMIT_SHARE, every, every, rateLimiter::shareAll);
  }

  void run() {
    rateLimiter.purgeOldWindows(Duration.ofDays(1));
    signedTokens.purgeExpiredRevocations();
  }
}
