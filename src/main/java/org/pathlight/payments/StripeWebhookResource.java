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
    Optional<StripeObject> object = StripeEvents.object(event);
    if (object.isPresent()) {
      useNewCard(event, object.get());
      StripeEvents.translate(event, object.get()).ifPresent(facts::fire);
      StripePlanEvents.translate(event, object.get()).ifPresent(planFacts::fire);
    }
    return Response.ok("{\"received\":true}").build();
  }

  /**
   * A completed setup-mode checkout from the manage page: the new card becomes the subscription's
   * payment method (the one that failed), so Stripe's next retry uses it. If Stripe cannot be
   * reached, the 503 makes Stripe deliver the event again; the call is idempotent.
   */
  private void useNewCard(com.stripe.model.Event event, StripeObject object) {
    if ("checkout.session.completed".equals(event.getType())
        && object instanceof Session session
        && "setup".equals(session.getMode())
        && session.getMetadata() != null
        && session.getMetadata().get("subscription_id") != null
        && session.getSetupIntent() != null) {
      subscriptions.useCard(session.getMetadata().get("subscription_id"), session.getSetupIntent());
    }
  }
}
