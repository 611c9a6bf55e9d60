package org.pathlight.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while no scheduled job's last run on this instance failed: a job that throws is
 * visible here (by name, with when and the kind of failure), not only in the log.
 */
@Readiness
@ApplicationScoped
public class JobsHealth implements HealthCheck {

  @Inject Jobs jobs;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder answer = HealthCheckResponse.named("jobs").up();
    for (Jobs.Status status : jobs.statuses().values()) {
      answer.withData(status.job(), status.summary());
      if (status.failed()) {
        answer.down();
      }
    }
    return answer.build();
  }
}
