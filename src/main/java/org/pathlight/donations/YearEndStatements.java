package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Organization;
import org.pathlight.common.Startup;
import org.pathlight.jobs.JobRuns;
import org.pathlight.jobs.Jobs;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * Every January (from {@code pathlight.giving.statement-day}, 09:00 organisation time, on the
 * hourly housekeeping tick) each donor with a real gift receipted last year gets one email saying
 * their giving statement is ready, with their manage link, where the PDF is one click away. The
 * year is claimed in {@code job_run} with all its emails in one transaction, and each email carries
 * a dedupe key per donor and year, so it happens once across instances, restarts and crashes.
 */
@ApplicationScoped
public class YearEndStatements {

  static final String JOB = "giving-statements";
  private static final Logger LOG = Logger.getLogger(YearEndStatements.class.getName());

  @PersistenceContext EntityManager em;
  @Inject JobRuns jobRuns;
  @Inject Supporters supporters;
  @Inject Statements statements;
  @Inject ManageLinks manageLinks;
  @Inject Outbox outbox;
  @Inject Organization org;
  @Inject Clock clock;

  /** The January day the statements go out; 0 turns the job off. */
  @Inject
  @ConfigProperty(name = "pathlight.giving.statement-day", defaultValue = "15")
  int statementDay;

  /** What a year's run did. */
  public record Result(boolean ran, int year, int emailed) {}

  /** Hourly; from the statement day's 09:00 in January on, last year's go out once. */
  void start(@Observes Startup.SchemaReady ready, YearEndStatements self, Jobs jobs) {
    jobs.hourly(
        JOB,
        () -> {
          ZonedDateTime now = ZonedDateTime.now(clock.withZone(org.zone()));
          if (due(now, statementDay)) {
            self.send(now.getYear() - 1);
          }
        });
  }

  /** Whether last year's statements are due at {@code now} (organisation time). */
  static boolean due(ZonedDateTime now, int statementDay) {
    return statementDay >= 1
        && now.getMonthValue() == 1
        && now.getDayOfMonth() >= statementDay
        && now.getHour() >= 9;
  }

  /** Emails every donor of {@code year} once, unless an instance has already done it. */
  @Transactional
  public Result send(int year) {
    if (!jobRuns.claim(JOB, Integer.toString(year))) {
      return new Result(false, year, 0);
    }
    List<Number> donors =
        em
            .createNativeQuery(
                "select distinct supporter_id from gift where receipt_year = ?1"
                    + " and paid_at is not null and not test order by supporter_id")
            .setParameter(1, year)
            .getResultList()
            .stream()
            .map(Number.class::cast)
            .toList();
    int emailed = 0;
    for (Number id : donors) {
      Statements.Year statement = statements.year(id.longValue(), year);
      Supporter donor = statement.donor();
      Map<String, Object> model = new HashMap<>();
      model.put("firstName", donor.firstName() == null ? "friend" : donor.firstName());
      model.put("year", year);
      model.put("gifts", statement.lines().stream().filter(l -> !l.test()).count());
      model.put(
          "deductible",
          statement.deductible().entrySet().stream()
              .map(e -> Money.format(e.getValue(), e.getKey()))
              .toList());
      model.put("manageLink", manageLinks.url(donor.id()));
      model.put("discreet", donor.safeContact().discreetSender());
      outbox.enqueue(
          Outbox.Envelope.to(donor.recipient(), "receipt")
              .dedupedBy(JOB + ":" + year + ":" + donor.id()),
          "giving-statement",
          model);
      emailed++;
    }
    jobRuns.summarize(JOB, Integer.toString(year), emailed + " donors emailed");
    LOG.info(() -> "Year-end statements for " + year + " queued");
    return new Result(true, year, emailed);
  }
}
