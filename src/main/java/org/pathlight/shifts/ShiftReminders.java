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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Organization;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;
import org.pathlight.volunteers.Volunteers;

/**
 * Before each shift (default 24 hours): a reminder to every confirmed volunteer, with a "can't make
 * it" link that cancels the booking; but first clearance is checked again for the shift's day, and
 * a volunteer whose check or training has lapsed is told instead and the booking is flagged on the
 * roster. Bookings are claimed with {@code FOR UPDATE SKIP LOCKED} and marked in the same
 * transaction as the email is queued, so each is handled once, on one instance.
 */
@ApplicationScoped
public class ShiftReminders {

  static final String CANCEL_PURPOSE = "cancel-booking";
  static final String JOB = "shift-reminders";

  @PersistenceContext EntityManager em;
  @Inject Volunteers volunteers;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject ClearanceLapses lapses;
  @Inject SignedTokens tokens;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.shifts.reminder.hours", defaultValue = "24")
  int reminderHours;

  /** Every five minutes, a minute after start-up: every due booking, in batches of 50. */
  void start(@Observes Startup.SchemaReady ready, ShiftReminders self, Jobs jobs) {
    jobs.schedule(
        JOB,
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        () -> {
          while (self.remindDue(50) == 50) {
            // more are due: go on
          }
        });
  }

  /** Handles up to {@code max} due bookings; returns how many. */
  @Transactional
  public int remindDue(int max) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "update booking set reminded_at = ?1 where id in ("
                    + " select b.id from booking b join shift s on s.id = b.shift_id"
                    + " where b.status = 'confirmed' and b.reminded_at is null and s.status = 'open'"
                    + " and s.starts_at > ?1 and s.starts_at <= ?2"
                    + " order by s.starts_at, b.id limit ?3 for update of b skip locked)"
                    + " returning id")
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, Timestamp.from(now.plus(Duration.ofHours(reminderHours))))
            .setParameter(3, max)
            .getResultList();
    for (Number id : ids) {
      handle(em.find(Booking.class, id.longValue()), now);
    }
    return ids.size();
  }

  private void handle(Booking booking, Instant now) {
    ClearanceLapses.Check check = lapses.check(booking, now);
    if (!check.cleared()) {
      return; // the volunteer is told to renew first instead
    }
    Shift shift = check.shift();
    Role role = check.role();
    Supporter person = supporters.find(check.volunteer().supporterId()).orElseThrow();
    Outbox.Envelope to = Outbox.Envelope.to(person.recipient(), "volunteer");
    String cancel =
        urls.to(
            "/volunteer/cancel#token="
                + tokens.issue(
                    CANCEL_PURPOSE,
                    "booking:" + booking.id(),
                    Duration.between(now, shift.endsAt()).plusHours(1)));
    outbox.enqueue(
        to.dedupedBy("reminder:" + booking.id()),
        "booking-reminder",
        Map.of(
            "firstName",
            String.valueOf(person.firstName()),
            "role",
            role.name(),
            "when",
            ShiftView.when(shift, org.zone()),
            "publicLocation",
            shift.publicLocation(),
            "page",
            urls.to("/volunteer/"),
            "cancel",
            cancel));
  }
}
