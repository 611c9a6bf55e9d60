package org.pathlight.testsupport;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.pathlight.common.RateLimiter;
import org.pathlight.common.SignedTokens;
import org.pathlight.mail.MailTemplates;
import org.pathlight.mail.MailTransport;
import org.pathlight.mail.Outbox;
import org.pathlight.mail.OutboxClaims;
import org.pathlight.mail.OutboxMessage;
import org.pathlight.mail.OutboxSender;

/**
 * Test-only endpoints, added to the WAR by the integration tests (never part of the built WAR).
 * They call the application's own beans step by step, so a test can stop a sender between its steps
 * exactly where a crash would: the database then holds what a crash would leave.
 */
@Path("test-support")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TestSupportResource {

  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  /** Marks a logged warning that carried a stack trace. */
  private static final String TRACE = "[with stack trace] ";

  static {
    Logger.getLogger("org.pathlight")
        .addHandler(
            new Handler() {
              @Override
              public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                  WARNINGS.add((record.getThrown() == null ? "" : TRACE) + record.getMessage());
                }
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            });
  }

  @Inject Outbox outbox;
  @Inject OutboxClaims claims;
  @Inject OutboxSender sender;
  @Inject MailTransport transport;
  @Inject RateLimiter rateLimiter;
  @Inject SignedTokens signedTokens;
  @PersistenceContext EntityManager em;

  @POST
  @Path("outbox/messages")
  @Transactional
  public String enqueue(
      @QueryParam("to") String to,
      @QueryParam("count") @DefaultValue("1") int count,
      @QueryParam("subject") @DefaultValue("Test message") String subject) {
    JsonArrayBuilder ids = Json.createArrayBuilder();
    for (int i = 0; i < count; i++) {
      outbox
          .enqueue(
              Outbox.Envelope.to(to, "Test Recipient", "test"),
              new MailTemplates.Rendered(subject + " " + i, "Body " + i, null))
          .ifPresent(ids::add);
    }
    return Json.createObjectBuilder().add("ids", ids).build().toString();
  }

  @POST
  @Path("outbox/claim")
  public Response claim() {
    return claims
        .claimNext("test-crashed-sender")
        .map(c -> Response.ok(Json.createObjectBuilder().add("id", c.id()).build().toString()))
        .orElse(Response.noContent())
        .build();
  }

  @POST
  @Path("outbox/claim-and-deliver")
  public Response claimAndDeliver() throws Exception {
    var claimed = claims.claimNext("test-crashed-sender");
    if (claimed.isEmpty()) {
      return Response.noContent().build();
    }
    transport.deliver(claimed.get().message());
    return Response.ok(
            Json.createObjectBuilder()
                .add("id", claimed.get().id())
                .add("messageId", claimed.get().message().messageId())
                .build()
                .toString())
        .build();
  }

  @POST
  @Path("outbox/send-due")
  public String sendDue(@QueryParam("max") @DefaultValue("1000") int max) {
    return Json.createObjectBuilder().add("attempted", sender.sendDue(max)).build().toString();
  }

  @GET
  @Path("outbox/messages/{id}")
  public Response message(@PathParam("id") long id) {
    OutboxMessage m = em.find(OutboxMessage.class, id);
    if (m == null) {
      return Response.status(404).build();
    }
    return Response.ok(
            Json.createObjectBuilder()
                .add("status", m.status().word())
                .add("attempts", m.attempts())
                .add("messageId", m.messageId())
                .add("nextAttemptAt", m.nextAttemptAt().toString())
                .add("lastError", m.lastError() == null ? "" : m.lastError())
                .build()
                .toString())
        .build();
  }

  @POST
  @Path("rate-limit")
  public Response rateLimit(@QueryParam("bucket") String bucket, @QueryParam("hits") int hits) {
    rateLimiter.hit(bucket, new RateLimiter.Limit(hits, Duration.ofMinutes(1)), "Slow down.");
    return Response.noContent().build();
  }

  @POST
  @Path("tokens")
  public String issue(
      @QueryParam("purpose") String purpose,
      @QueryParam("subject") String subject,
      @QueryParam("seconds") Long seconds) {
    Duration valid = seconds == null ? Duration.ofDays(1) : Duration.ofSeconds(seconds);
    return Json.createObjectBuilder()
        .add("token", signedTokens.issue(purpose, subject, valid))
        .build()
        .toString();
  }

  @GET
  @Path("tokens/verify")
  public String verify(@QueryParam("token") String token, @QueryParam("purpose") String purpose) {
    return Json.createObjectBuilder()
        .add("valid", signedTokens.verify(token, purpose).isPresent())
        .build()
        .toString();
  }

  @POST
  @Path("tokens/revoke")
  public Response revoke(@QueryParam("token") String token, @QueryParam("purpose") String purpose) {
    signedTokens.verify(token, purpose).ifPresent(signedTokens::revoke);
    return Response.noContent().build();
  }

  @POST
  @Path("volunteer-token")
  public String volunteerToken(@QueryParam("id") long id) {
    return Json.createObjectBuilder()
        .add("token", signedTokens.issue("volunteer", "volunteer:" + id, Duration.ofHours(1)))
        .build()
        .toString();
  }

  @Inject org.pathlight.shifts.ShiftReminders reminders;

  @POST
  @Path("reminders")
  public String reminders() {
    return Json.createObjectBuilder().add("handled", reminders.remindDue(1000)).build().toString();
  }

  @Inject org.pathlight.shifts.VolunteerDigest digest;

  /** Runs today's volunteer digest; {@code fresh} forgets that today's has run. */
  @POST
  @Path("volunteer-digest")
  @Transactional
  public String volunteerDigest(@QueryParam("fresh") @DefaultValue("true") boolean fresh) {
    if (fresh) {
      em.createNativeQuery("delete from job_run where job = 'volunteer-digest'").executeUpdate();
    }
    var r = digest.runToday();
    return Json.createObjectBuilder()
        .add("ran", r.ran())
        .add("lapsed", r.lapsed())
        .add("expiring", r.expiring())
        .add("understaffed", r.understaffed())
        .add("emailed", r.emailed())
        .build()
        .toString();
  }

  @Inject org.pathlight.donations.YearEndStatements yearEndStatements;

  /** Runs the year-end statement emails for a year; {@code fresh} forgets an earlier run. */
  @POST
  @Path("statements")
  @Transactional
  public String statements(
      @QueryParam("year") int year, @QueryParam("fresh") @DefaultValue("true") boolean fresh) {
    if (fresh) {
      em.createNativeQuery("delete from job_run where job = 'giving-statements' and period = ?1")
          .setParameter(1, Integer.toString(year))
          .executeUpdate();
    }
    var r = yearEndStatements.send(year);
    return Json.createObjectBuilder()
        .add("ran", r.ran())
        .add("emailed", r.emailed())
        .build()
        .toString();
  }

  @Inject org.pathlight.donations.PlanReconciliation reconciliation;

  /** One reconciliation round for plans not compared with Stripe for {@code hours}. */
  @POST
  @Path("reconcile")
  public String reconcile(@QueryParam("hours") @DefaultValue("1") int hours) {
    return round(reconciliation.run(java.time.Duration.ofHours(hours), 500));
  }

  private static String round(org.pathlight.donations.ReconcileRound.Result r) {
    return Json.createObjectBuilder()
        .add("checked", r.checked())
        .add("repaired", r.repaired())
        .add("failed", r.failed())
        .build()
        .toString();
  }

  @Inject org.pathlight.donations.GiftReconciliation giftReconciliation;

  /** One reconciliation round for pending gifts not compared with Stripe for {@code minutes}. */
  @POST
  @Path("reconcile-gifts")
  public String reconcileGifts(@QueryParam("minutes") @DefaultValue("50") int minutes) {
    return round(giftReconciliation.run(java.time.Duration.ofMinutes(minutes), 500));
  }

  /** Makes a gift look created {@code hours} ago (older than reconciliation's wait). */
  @POST
  @Path("gifts/{id}/backdate")
  @Transactional
  public void backdateGift(@PathParam("id") String id, @QueryParam("hours") int hours) {
    em.createNativeQuery(
            "update gift set created_at = created_at - make_interval(hours => ?2)"
                + " where public_id = cast(?1 as uuid)")
        .setParameter(1, id)
        .setParameter(2, hours)
        .executeUpdate();
  }

  /** Makes a plan look created {@code hours} ago (a checkout older than reconciliation's wait). */
  @POST
  @Path("plans/{id}/backdate")
  @Transactional
  public void backdatePlan(@PathParam("id") String id, @QueryParam("hours") int hours) {
    em.createNativeQuery(
            "update recurring_plan set created_at = created_at - make_interval(hours => ?2)"
                + " where public_id = cast(?1 as uuid)")
        .setParameter(1, id)
        .setParameter(2, hours)
        .executeUpdate();
  }

  /** Makes a staff API token look as if its expiry has passed. */
  @POST
  @Path("staff-tokens/{id}/expire")
  @Transactional
  public void expireStaffToken(@PathParam("id") long id) {
    em.createNativeQuery(
            "update staff_api_token set created_at = now() - interval '2 days',"
                + " expires_at = now() - interval '1 second' where id = ?1")
        .setParameter(1, id)
        .executeUpdate();
  }

  @GET
  @Path("boom")
  public String boom() {
    throw new IllegalStateException("internal detail that must not leak: db password hunter2");
  }

  @GET
  @Path("log")
  public String log(@QueryParam("contains") String text) {
    List<String> lines = WARNINGS.stream().filter(line -> line.contains(text)).toList();
    return Json.createObjectBuilder()
        .add("found", !lines.isEmpty())
        .add("count", lines.size())
        .add("withTrace", lines.stream().anyMatch(line -> line.startsWith(TRACE)))
        .build()
        .toString();
  }
}
