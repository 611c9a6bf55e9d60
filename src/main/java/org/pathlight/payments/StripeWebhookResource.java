package org.pathlight.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * {@code POST /api/stripe/webhook}: Stripe's events, verified on the raw body with the configured
 * signing secret (default tolerance), read once, and translated into a {@link PaymentFact} or a
 * {@link PlanFact}, which its ledger applies in a transaction of its own. No transaction is open
 * here, so the one outbound call (attaching a new card) holds no database connection. A duplicate
 * event id is a 200 no-op; an event about a gift we do not know is recorded and acknowledged.
 */
@Path("stripe/webhook")
public class StripeWebhookResource {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(StripeWebhookResource.class.getName());

  @Inject PaymentSettings settings;
  @Inject jakarta.enterprise.event.Event<PaymentFact> facts;
  @Inject jakarta.enterprise.event.Event<PlanFact> planFacts;
  @Inject Subscriptions subscriptions;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(byte[] body, @HeaderParam("Stripe-Signature") String signature) {
    String secret =
        settings
            .webhookSecret()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                            404,
                            "not-found",
                            "Not found",
                            "Stripe webhooks are not configured on this server.")));
    com.stripe.model.Event event;
    try {
      event =
          Webhook.constructEvent(
              new String(body, StandardCharsets.UTF_8), signature == null ? "" : signature, secret);
    } catch (SignatureVerificationException e) {
      throw ProblemException.badRequest(
          "bad-signature", "The Stripe-Signature header does not match this body.");
    } catch (RuntimeException e) {
      throw ProblemException.badRequest("malformed-event", "The body is not a Stripe event.");
    }
    String unreadable = null;
    Optional<StripeObject> object = StripeEvents.object(event);
    if (object.isEmpty()) {
      unreadable = StripeEvents.unreadable(event);
    } else {
      Optional<PaymentFact> fact = Optional.empty();
      Optional<PlanFact> planFact = Optional.empty();
      try {
        fact = StripeEvents.translate(event, object.get());
        planFact = StripePlanEvents.translate(event, object.get());
      } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
        LOG.log(java.util.logging.Level.WARNING, "Stripe event " + event.getId() + " misread", e);
        unreadable = "its object is not what a " + event.getType() + " event carries";
      }
      if (unreadable == null) {
        useNewCard(event, object.get());
        fact.ifPresent(facts::fire);
        planFact.ifPresent(planFacts::fire);
      }
    }
    if (unreadable != null && StripeEvents.NEEDED.contains(event.getType())) {
      return refuse(event, unreadable);
    }
    return Response.ok("{\"received\":true}").build();
  }

  /**
   * A validly signed event we need but cannot read: logged at WARNING, kept (outcome {@code
   * unprocessable}, with the reason, listed for staff at {@code GET /api/payment-events}) and
   * answered 400 with a problem. Stripe then shows the delivery as failed in its dashboard and
   * retries it (for up to three days), which is what should happen: the endpoint is configured with
   * the wrong API version, and a retry after it is fixed can succeed; a 200 would hide the loss.
   */
  private Response refuse(com.stripe.model.Event event, String reason) {
    String detail =
        "Event "
            + event.getId()
            + " ("
            + event.getType()
            + ", API version "
            + event.getApiVersion()
            + ") cannot be read: "
            + reason
            + ". Configure this webhook endpoint with Stripe API version "
            + com.stripe.Stripe.API_VERSION
            + ".";
    LOG.warning(detail);
    facts.fire(
        new PaymentFact.Unprocessable(
            event.getId(),
            StripeEvents.PROCESSOR,
            event.getType(),
            new PaymentFact.GiftRef(null, null, null, null),
            detail));
    throw new ProblemException(
        Problem.of(400, "unprocessable-event", "Event not understood", detail));
  }

  /**
   * A completed setup-mode checkout from the manage page: the new card becomes the subscription's
   * payment method (the one that failed), so Stripe's next retry uses it. If Stripe cannot be
   * reached, the 503 makes Stripe deliver the event again; the call is idempotent. A card for a
   * subscription that has ended changes nothing and is recorded as an ignored event (a 200: never a
   * 503 that Stripe would retry for days).
   */
  private void useNewCard(com.stripe.model.Event event, StripeObject object) {
    if ("checkout.session.completed".equals(event.getType())
        && object instanceof Session session
        && "setup".equals(session.getMode())
        && session.getMetadata() != null
        && session.getMetadata().get("subscription_id") != null
        && session.getSetupIntent() != null) {
      String subscription = session.getMetadata().get("subscription_id");
      boolean used = subscriptions.useCard(subscription, session.getSetupIntent());
      planFacts.fire(
          new PlanFact.CardSetup(
              event.getId(),
              StripeEvents.PROCESSOR,
              event.getType(),
              new PlanFact.PlanRef(session.getMetadata().get("plan_id"), subscription),
              session.getSetupIntent(),
              used,
              used ? null : "the subscription has ended: the new card was not attached"));
    }
  }
}
