package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Organization;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.Startup;
import org.pathlight.jobs.JobRuns;
import org.pathlight.jobs.Jobs;
import org.pathlight.mail.Outbox;
import org.pathlight.staff.StaffAccount;
import org.pathlight.staff.StaffAccounts;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;
import org.pathlight.volunteers.Volunteer;
import org.pathlight.volunteers.Volunteers;

/**
 * Once a day (on the hourly housekeeping tick from {@code pathlight.volunteers.digest-hour},
 * organisation time): clearance is checked again for every confirmed booking in the next {@code
 * alert-days} (lapses are flagged and the volunteer told, see {@link ClearanceLapses}), and every
 * active staff member with the volunteers role gets one email listing those lapses, background
 * checks and trainings that expire within the same horizon, and shifts in the next week below their
 * minimum staffing. Nothing to report, no email. The day is claimed in {@code job_run}, so one
 * instance sends it, once.
 */
@ApplicationScoped
public class VolunteerDigest {

  static final String JOB = "volunteer-digest";

  @PersistenceContext EntityManager em;
  @Inject ClearanceLapses lapses;
  @Inject Volunteers volunteers;
  @Inject Supporters supporters;
  @Inject StaffAccounts staffAccounts;
  @Inject Outbox outbox;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject Clock clock;
  @Inject JobRuns jobRuns;

  @Inject
  @ConfigProperty(name = "pathlight.volunteers.alert-days", defaultValue = "30")
  int alertDays;

  @Inject
  @ConfigProperty(name = "pathlight.volunteers.digest-hour", defaultValue = "7")
  int digestHour;

  /** What one day's digest found. */
  public record Result(boolean ran, int lapsed, int expiring, int understaffed, int emailed) {
    static Result skipped() {
      return new Result(false, 0, 0, 0, 0);
    }
  }

  /** Hourly; from the digest hour on, today's runs once. */
  void start(@Observes Startup.SchemaReady ready, VolunteerDigest self, Jobs jobs) {
    jobs.hourly(
        JOB,
        () -> {
          if (dueNow()) {
            self.runToday();
          }
        });
  }

  boolean dueNow() {
    return ZonedDateTime.now(clock.withZone(org.zone())).getHour() >= digestHour;
  }

  /** Runs today's digest unless an instance has already run it. */
  @Transactional
  public Result runToday() {
    Instant now = clock.instant();
    LocalDate today = org.today();
    if (!jobRuns.claim(JOB, today.toString())) {
      return Result.skipped();
    }
    List<Map<String, Object>> lapsedRows = recheckBookings(now);
    List<Map<String, Object>> expiringRows = expiring(today);
    List<Map<String, Object>> understaffedRows = understaffed(now);
    int emailed = 0;
    if (!lapsedRows.isEmpty() || !expiringRows.isEmpty() || !understaffedRows.isEmpty()) {
      for (StaffAccount staff : staffAccounts.active()) {
        if (!staff.has(StaffRole.VOLUNTEERS)) {
          continue;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("name", staff.displayName());
        model.put("day", today.toString());
        model.put("days", alertDays);
        model.put("lapsed", lapsedRows);
        model.put("expiring", expiringRows);
        model.put("understaffed", understaffedRows);
        model.put("hasLapsed", !lapsedRows.isEmpty());
        model.put("hasExpiring", !expiringRows.isEmpty());
        model.put("hasUnderstaffed", !understaffedRows.isEmpty());
        model.put("page", urls.to("/staff/shifts"));
        outbox.enqueue(
            Outbox.Envelope.to(staff.email(), staff.displayName(), "staff")
                .dedupedBy(JOB + ":" + today + ":" + staff.id()),
            "staff-volunteer-digest",
            model);
        emailed++;
      }
    }
    Result result =
        new Result(true, lapsedRows.size(), expiringRows.size(), understaffedRows.size(), emailed);
    jobRuns.summarize(JOB, today.toString(), result.toString());
    return result;
  }

  private List<Map<String, Object>> recheckBookings(Instant now) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select b.id from booking b join shift s on s.id = b.shift_id"
                    + " where b.status = 'confirmed' and s.status = 'open'"
                    + " and s.starts_at > ?1 and s.starts_at <= ?2 order by s.starts_at, b.id")
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, Timestamp.from(now.plus(Duration.ofDays(alertDays))))
            .getResultList();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Number id : ids) {
      ClearanceLapses.Check check = lapses.check(em.find(Booking.class, id.longValue()), now);
      if (!check.cleared()) {
        rows.add(
            Map.of(
                "volunteer", name(check.volunteer()),
                "when", ShiftView.when(check.shift(), org.zone()),
                "shiftId", check.shift().id(),
                "gaps", String.join("; ", check.gaps())));
      }
    }
    return rows;
  }

  private List<Map<String, Object>> expiring(LocalDate today) {
    LocalDate horizon = today.plusDays(alertDays);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Volunteer v : volunteers.expiring(alertDays)) {
      List<String> what = new ArrayList<>();
      if (Volunteers.within(v.backgroundExpiresOn(), today, horizon)) {
        what.add("background check on " + v.backgroundExpiresOn());
      }
      v.trainings().stream()
          .filter(t -> Volunteers.within(t.expiresOn(), today, horizon))
          .forEach(t -> what.add(t.code() + " on " + t.expiresOn()));
      rows.add(Map.of("volunteer", name(v), "what", String.join(", ", what)));
    }
    return rows;
  }

  private List<Map<String, Object>> understaffed(Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> found =
        em.createNativeQuery(
                "select s.id, s.min_staff, count(b.id) from shift s"
                    + " left join booking b on b.shift_id = s.id and b.status = 'confirmed'"
                    + " where s.status = 'open' and s.min_staff > 0"
                    + " and s.starts_at > ?1 and s.starts_at <= ?2"
                    + " group by s.id, s.min_staff having count(b.id) < s.min_staff"
                    + " order by s.starts_at")
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, Timestamp.from(now.plus(Duration.ofDays(7))))
            .getResultList();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object[] r : found) {
      Shift shift = em.find(Shift.class, ((Number) r[0]).longValue());
      rows.add(
          Map.of(
              "shiftId", shift.id(),
              "role", shift.roleCode(),
              "when", ShiftView.when(shift, org.zone()),
              "confirmed", ((Number) r[2]).longValue(),
              "minStaff", ((Number) r[1]).intValue()));
    }
    return rows;
  }

  private String name(Volunteer v) {
    Supporter p = supporters.find(v.supporterId()).orElseThrow();
    return (p.firstName() + " " + p.lastName()).trim() + " <" + p.email() + ">";
  }
}
