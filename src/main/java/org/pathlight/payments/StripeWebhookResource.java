package org.pathlight.payments;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * {@code POST /api/stripe/webhook}: Stripe's events, verified on the raw body with the configured
 * signing secret (default tolerance), translated into {@link PaymentFact}s and applied by the
 * ledger in the same transaction. A duplicate event id is a 200 no-op; an event about a gift we do
 * not know is recorded and acknowledged.
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
  @Transactional
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
    useNewCard(event);
    StripeEvents.translate(event).ifPresent(facts::fire);
    StripePlanEvents.translate(event).ifPresent(planFacts::fire);
    return Response.ok("{\"received\":true}").build();
  }

  /**
   * A completed setup-mode checkout from the manage page: the new card becomes the subscription's
   * payment method (the one that failed), so Stripe's next retry uses it. If Stripe cannot be
   * reached, the 503 makes Stripe deliver the event again; the call is idempotent.
   */
  private void useNewCard(com.stripe.model.Event event) {
    if (!"checkout.session.completed".equals(event.getType())) {
      return;
    }
    try {
      var session =
          (com.stripe.model.checkout.Session) event.getDataObjectDeserializer().deserializeUnsafe();
      String subscription =
          session.getMetadata() == null ? null : session.getMetadata().get("subscription_id");
      if ("setup".equals(session.getMode())
          && subscription != null
          && session.getSetupIntent() != null) {
        subscriptions.useCard(subscription, session.getSetupIntent());
      }
    } catch (com.stripe.exception.EventDataObjectDeserializationException e) {
      // not a session we can read: nothing to do
    } catch (PaymentUnavailable e) {
      throw new ProblemException(
          Problem.of(503, "payment-unavailable", "Try again", "Stripe could not be reached."));
    }
  }
}
