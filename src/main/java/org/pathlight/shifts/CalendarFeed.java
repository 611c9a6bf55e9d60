package org.pathlight.shifts;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.TokenCodec;

/**
 * A volunteer's shifts as an iCalendar feed (RFC 5545, written with biweekly) at a secret,
 * revocable URL. One event per booking with a stable UID; SEQUENCE rises with every change; a
 * cancelled booking stays in the feed as STATUS:CANCELLED so calendars remove it. Times are UTC
 * instants. The private address never appears: only the public location text.
 */
@ApplicationScoped
public class CalendarFeed {

  static final String PURPOSE = "calendar";

  @PersistenceContext EntityManager em;
  @Inject Shifts shifts;
  @Inject SignedTokens tokens;
  @Inject PublicUrls urls;
  @Inject Organization org;

  /** A fresh feed URL for the volunteer; earlier ones keep working until revoked. */
  public String link(long volunteerId) {
    return urls.to(
        "/api/calendar/"
            + tokens.issue(PURPOSE, "volunteer:" + volunteerId, Duration.ofDays(730))
            + ".ics");
  }

  public void revoke(String token) {
    tokens.revoke(claims(token));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public String render(String token) {
    long volunteerId = Long.parseLong(claims(token).subject().substring("volunteer:".length()));
    ICalendar calendar = new ICalendar();
    calendar.setProductId("-//Pathlight//Volunteer shifts//EN");
    calendar.setName(org.name() + ": my volunteer shifts");
    Map<String, Role> roles = shifts.roles();
    String domain = urls.base().replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
    for (Booking b :
        em.createNamedQuery("Booking.allForVolunteer", Booking.class)
            .setParameter("volunteerId", volunteerId)
            .getResultList()) {
      Shift shift = em.find(Shift.class, b.shiftId());
      Role role = roles.get(shift.roleCode());
      boolean cancelled = b.canceled() || shift.status() == ShiftStatus.CANCELED;
      VEvent event = new VEvent();
      event.setUid("booking-" + b.id() + "@" + domain);
      event.setSequence(b.sequence());
      event.setDateTimeStamp(Date.from(b.createdAt()));
      event.setDateStart(Date.from(shift.startsAt()), true);
      event.setDateEnd(Date.from(shift.endsAt()), true);
      event.setSummary(
          (role == null ? shift.roleCode() : role.name())
              + (b.waitlisted() ? " (waitlisted)" : ""));
      event.setLocation(shift.publicLocation());
      event.setDescription(
          b.waitlisted()
              ? "You are on the waitlist for this shift; we will email you if a seat opens."
              : "The exact address is on your volunteer page shortly before the shift.");
      event.setStatus(
          cancelled
              ? Status.cancelled()
              : b.waitlisted() ? Status.tentative() : Status.confirmed());
      calendar.addEvent(event);
    }
    return Biweekly.write(calendar).go();
  }

  private TokenCodec.Claims claims(String token) {
    return tokens
        .verify(token, PURPOSE)
        .orElseThrow(() -> ProblemException.notFound("No calendar at this address."));
  }
}
