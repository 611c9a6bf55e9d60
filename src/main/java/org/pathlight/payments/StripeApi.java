package org.pathlight.payments;

import com.stripe.StripeClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one stripe-java client (with the configured key and, in tests, the local API base). */
@ApplicationScoped
public class StripeApi {

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

  StripeClient client() {
    return client;
  }
}
