package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;

/** Hourly: releases restricted gifts for every month that is over, and redoes marked months. */
@ApplicationScoped
class ReleaseJob {

  static final String JOB = "impact-releases";

  @Inject Jobs jobs;
  @Inject Releases releases;

  void start(@Observes Startup.SchemaReady ready) {
    jobs.hourly(JOB, releases::catchUp);
  }
}
