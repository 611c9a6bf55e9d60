package org.pathlight.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Stripe settings; without a secret key the built-in test processor is used. */
@ApplicationScoped
public class PaymentSettings {

  @Inject
  @ConfigProperty(name = "pathlight.stripe.secret.key")
  Optional<String> secretKey;

  @Inject
  @ConfigProperty(name = "pathlight.stripe.webhook.secret")
  Optional<String> webhookSecret;

  @Inject
  @ConfigProperty(name = "pathlight.stripe.api.base")
  Optional<String> apiBase;

  public boolean stripe() {
    return secretKey.filter(k -> !k.isBlank()).isPresent();
  }

  /** Which processor new gifts and plans go to: "stripe", or the built-in "test". */
  public String processor() {
    return stripe() ? StripeEvents.PROCESSOR : TestCheckout.PROCESSOR;
  }

  /** True when payments are simulated: gifts, receipts and staff views are marked TEST. */
  public boolean testMode() {
    return !stripe() || secretKey.get().startsWith("sk_test_");
  }

  String secretKey() {
    return secretKey.orElseThrow();
  }

  Optional<String> webhookSecret() {
    return webhookSecret.filter(s -> !s.isBlank());
  }

  Optional<String> apiBase() {
    return apiBase.filter(s -> !s.isBlank());
  }
}
