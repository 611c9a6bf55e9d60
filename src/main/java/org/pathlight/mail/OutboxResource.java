package org.pathlight.mail;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;

/** {@code /api/outbox}: admins see queued, sent and failed email and requeue failures. */
@Path("outbox")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADMIN)
public class OutboxResource {

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** A message as staff see it: headers and state, not the body. */
  public record View(
      long id,
      String category,
      String to,
      String subject,
      String messageId,
      String status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant sentAt,
      String lastError) {
    static View of(OutboxMessage m) {
      return new View(
          m.id(),
          m.category(),
          m.toAddress(),
          m.subject(),
          m.messageId(),
          m.status().word(),
          m.attempts(),
          m.createdAt(),
          m.nextAttemptAt(),
          m.sentAt(),
          m.lastError());
    }
  }

  @GET
  public List<View> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
    MessageStatus wanted =
        MessageStatus.of(QueryParams.oneOf("status", status, "failed", MessageStatus.words()));
    int max = QueryParams.range("limit", limit, 100, 1, 1000);
    return em.createNamedQuery("OutboxMessage.byStatus", OutboxMessage.class)
        .setParameter("status", wanted)
        .setMaxResults(max)
        .getResultStream()
        .map(View::of)
        .toList();
  }

  @POST
  @Path("{id}/requeue")
  @Transactional
  public View requeue(@PathParam("id") long id) {
    OutboxMessage message = em.find(OutboxMessage.class, id);
    if (message == null) {
      throw ProblemException.notFound("No outbox message with id " + id + ".");
    }
    if (message.status() != MessageStatus.FAILED) {
      throw ProblemException.conflict(
          "not-failed",
          "Only a failed message can be requeued; this one is " + message.status().word() + ".");
    }
    message.requeue(clock.instant());
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    audit.record(
        who.actor(),
        "outbox.requeued",
        "outbox_message",
        id,
        null,
        Map.of("to", message.toAddress()),
        clientAddress.of(http));
    return View.of(message);
  }
}
