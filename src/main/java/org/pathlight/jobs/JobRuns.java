package org.pathlight.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Jobs that must run once per period (a day's digest, a year's statements) however many instances
 * run them: the period is claimed by inserting its {@code job_run} row in the job's own
 * transaction, so a second instance finds it taken and a crash rolls the claim back with the work.
 */
@ApplicationScoped
public class JobRuns {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** True when this transaction claimed the period; false when it has run (or is running). */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean claim(String job, String period) {
    return em.createNativeQuery(
                "insert into job_run (job, period, ran_at) values (?1, ?2, ?3)"
                    + " on conflict do nothing")
            .setParameter(1, job)
            .setParameter(2, period)
            .setParameter(3, Timestamp.from(clock.instant()))
            .executeUpdate()
        == 1;
  }

  /** Notes what the claimed run did, for whoever looks at {@code job_run} later. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void summarize(String job, String period, String summary) {
    em.createNativeQuery("update job_run set summary = ?3 where job = ?1 and period = ?2")
        .setParameter(1, job)
        .setParameter(2, period)
        .setParameter(3, summary)
        .executeUpdate();
  }
}
