package org.pathlight.payments;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one stripe-java client (with the configured key and, in tests, the local API base), and how
 * every call to it is made: a refusal or an outage is logged and becomes {@link
 * PaymentUnavailable}.
 */
@ApplicationScoped
public class StripeApi {

  private static final Logger LOG = Logger.getLogger(StripeApi.class.getName());

  @Inject PaymentSettings settings;
  private volatile StripeClient client;

  @PostConstruct
  void init() {
    if (settings.stripe()) {
      var builder = StripeClient.builder().setApiKey(settings.secretKey()).setMaxNetworkRetries(2);
      settings.apiBase().ifPresent(builder::setApiBase);
      client = builder.build();
    }
  }

  interface Call<T> {
    T run(StripeClient client) throws StripeException;
  }

  <T> T call(String what, Call<T> call) {
    try {
      return call.run(client);
    } catch (StripeException e) {
      LOG.log(Level.WARNING, "Stripe refused " + what + ": " + e.getMessage(), e);
      throw new PaymentUnavailable("Stripe refused " + what + ": " + e.getMessage());
    }
  }

  /**
   * Like {@link #call}, but a request Stripe answered and refused (an invalid request, a reused
   * idempotency key) is {@link PaymentRefused} with Stripe's reason, not an outage.
   */
  <T> T callRefusable(String what, Call<T> call) {
    try {
      return call.run(client);
    } catch (com.stripe.exception.InvalidRequestException
        | com.stripe.exception.IdempotencyException e) {
      LOG.log(Level.WARNING, "Stripe refused " + what + ": " + e.getMessage());
      String message = e.getStripeError() == null ? null : e.getStripeError().getMessage();
      throw new PaymentRefused(
          message == null || message.isBlank() ? "no reason given." : message.strip());
    } catch (StripeException e) {
      LOG.log(Level.WARNING, "Stripe could not do " + what + ": " + e.getMessage(), e);
      throw new PaymentUnavailable("Stripe could not do " + what + ": " + e.getMessage());
    }
  }

  static RequestOptions key(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }
}
