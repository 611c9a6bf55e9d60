package org.pathlight.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Startup;

/**
 * Every scheduled job of this instance. Components register their jobs once the schema is ready
 * ({@link Startup.SchemaReady}); each runs on the managed scheduler, alone: a job that throws is
 * logged (SEVERE, with its name), remembered as failed until its next successful run, and shown on
 * {@code /health/ready} ({@link JobsHealth}), and it neither stops its own schedule nor any other
 * job. Which instance does the work is the job's business: jobs claim rows in PostgreSQL.
 *
 * <p>{@code pathlight.jobs.first.delay.seconds} overrides every job's first delay (tests set it
 * low, so each job runs through this scheduler right after boot).
 */
@ApplicationScoped
public class Jobs {

  private static final Logger LOG = Logger.getLogger(Jobs.class.getName());

  /** How often the hourly jobs (housekeeping, digests, reconciliation) tick. */
  public static final Duration HOURLY = Duration.ofHours(1);

  /** The outcome of a job's last run on this instance. */
  public record Status(
      String job,
      Duration every,
      Instant lastStarted,
      Instant lastFinished,
      boolean failed,
      String error,
      int consecutiveFailures,
      long runs) {

    static Status registered(String job, Duration every) {
      return new Status(job, every, null, null, false, null, 0, 0);
    }

    Status started(Instant at) {
      return new Status(job, every, at, lastFinished, failed, error, consecutiveFailures, runs);
    }

    Status succeeded(Instant at) {
      return new Status(job, every, lastStarted, at, false, null, 0, runs + 1);
    }

    Status failed(Instant at, Throwable cause) {
      return new Status(
          job,
          every,
          lastStarted,
          at,
          true,
          cause.getClass().getSimpleName(),
          consecutiveFailures + 1,
          runs + 1);
    }

    /** A line for the health report: never a message (it may hold data), only the kind. */
    public String summary() {
      if (lastFinished == null) {
        return lastStarted == null ? "not run yet" : "running since " + lastStarted;
      }
      return failed
          ? "failed at " + lastFinished + " (" + error + ", " + consecutiveFailures + " in a row)"
          : "ok at " + lastFinished;
    }
  }

  private record Registered(Runnable work, Duration every, ScheduledFuture<?> future) {}

  @Resource ManagedScheduledExecutorService executor;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.jobs.first.delay.seconds")
  Optional<Long> firstDelayOverride;

  private final Map<String, Registered> jobs = new ConcurrentHashMap<>();
  private final Map<String, Status> statuses = new ConcurrentHashMap<>();

  /**
   * Runs {@code work} every {@code every} (measured from the end of a run), first after {@code
   * firstDelay}. A name is registered once per instance; registering it again replaces it.
   */
  public void schedule(String name, Duration every, Duration firstDelay, Runnable work) {
    Duration first = firstDelayOverride.map(Duration::ofSeconds).orElse(firstDelay);
    statuses.putIfAbsent(name, Status.registered(name, every));
    ScheduledFuture<?> future =
        executor.scheduleWithFixedDelay(
            () -> runGuarded(name, work),
            first.toMillis(),
            every.toMillis(),
            TimeUnit.MILLISECONDS);
    Registered previous = jobs.put(name, new Registered(work, every, future));
    if (previous != null) {
      previous.future().cancel(false);
    }
  }

  /** An hourly job whose first run comes a few minutes after start-up. */
  public void hourly(String name, Runnable work) {
    schedule(name, HOURLY, Duration.ofMinutes(5), work);
  }

  /**
   * Runs a registered job now, on the scheduler's threads exactly as its schedule would, and waits
   * for it: for operators and tests.
   */
  public Optional<Status> runNow(String name, Duration wait) {
    Registered job = jobs.get(name);
    if (job == null) {
      return Optional.empty();
    }
    try {
      executor
          .submit(() -> runGuarded(name, job.work()))
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, "Job " + name + " did not finish within " + wait, e);
    }
    return Optional.ofNullable(statuses.get(name));
  }

  /** Every registered job's last outcome here, by name. */
  public Map<String, Status> statuses() {
    return new TreeMap<>(statuses);
  }

  private void runGuarded(String name, Runnable work) {
    statuses.computeIfPresent(name, (n, s) -> s.started(clock.instant()));
    try {
      work.run();
      Status before = statuses.get(name);
      if (before != null && before.failed()) {
        LOG.info(() -> "Job " + name + " ran successfully again");
      }
      statuses.computeIfPresent(name, (n, s) -> s.succeeded(clock.instant()));
    } catch (Throwable e) {
      Status failed = statuses.computeIfPresent(name, (n, s) -> s.failed(clock.instant(), e));
      LOG.log(
          Level.SEVERE,
          "Job "
              + name
              + " failed ("
              + (failed == null ? 1 : failed.consecutiveFailures())
              + " in a row); it runs again on its schedule and /health/ready reports it until then",
          e);
    }
  }

  @PreDestroy
  void stop() {
    jobs.values().forEach(j -> j.future().cancel(false));
  }
}
