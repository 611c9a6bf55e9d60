package org.pathlight.testsupport;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.pathlight.jobs.Jobs;

/**
 * Test-only: a job registered through the same {@link Jobs} scheduler as the real ones that fails
 * while told to, and running any registered job now on the scheduler's threads.
 */
@Path("test-support/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsSupportResource {

  static final String FLAKY = "it-flaky";
  private static final AtomicBoolean FAILING = new AtomicBoolean();

  @Inject Jobs jobs;

  /** Registers (again) the flaky job, running every second, failing while {@code fail}. */
  @POST
  @Path("flaky")
  public Response flaky(@QueryParam("fail") boolean fail) {
    FAILING.set(fail);
    jobs.schedule(
        FLAKY,
        Duration.ofSeconds(1),
        Duration.ZERO,
        () -> {
          if (FAILING.get()) {
            throw new IllegalStateException("the flaky test job was told to fail");
          }
        });
    return Response.noContent().build();
  }

  @POST
  @Path("{name}/run")
  public Response run(@PathParam("name") String name) {
    return jobs.runNow(name, Duration.ofSeconds(30))
        .map(
            s ->
                Response.ok(
                    jakarta.json.Json.createObjectBuilder()
                        .add("job", s.job())
                        .add("failed", s.failed())
                        .add("summary", s.summary())
                        .build()
                        .toString()))
        .orElse(Response.status(404))
        .build();
  }
}
