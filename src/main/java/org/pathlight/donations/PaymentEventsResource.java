package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ProblemException;

/**
 * {@code GET /api/payment-events?outcome=unprocessable}: the processor events that were not applied
 * and why (an event in another Stripe API version, an unexpected shape; or {@code ignored}: a
 * deliberate no-op such as a new card for an ended plan), newest first, for fundraising staff.
 */
@Path("payment-events")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentEventsResource {

  static final Set<String> OUTCOMES = Set.of("unprocessable", "ignored", "unmatched");

  @Inject PaymentEvents events;

  /** One stored event as staff see it. */
  public record EventRow(
      String eventId,
      String processor,
      String type,
      Instant receivedAt,
      String outcome,
      String reason) {}

  @GET
  @StaffOnly(StaffRole.FUNDRAISING)
  public List<EventRow> list(@QueryParam("outcome") String outcome) {
    String wanted = outcome == null || outcome.isBlank() ? "unprocessable" : outcome;
    if (!OUTCOMES.contains(wanted)) {
      throw ProblemException.invalid(
          "outcome", "use one of " + OUTCOMES.stream().sorted().toList());
    }
    return events.list(wanted);
  }
}
