package org.pathlight.supporters;

import java.time.Instant;

/** A supporter as staff see it. */
public record SupporterView(
    long id,
    String email,
    String firstName,
    String lastName,
    String phone,
    Supporter.PostalAddress address,
    Supporter.Consent consent,
    Supporter.ConsentRecord emailConsentRecord,
    Supporter.SafeContact safeContact,
    Instant createdAt,
    Instant erasedAt) {

  public static SupporterView of(Supporter s) {
    return new SupporterView(
        s.id(),
        s.email(),
        s.firstName(),
        s.lastName(),
        s.phone(),
        s.address(),
        s.consent(),
        s.emailConsentRecord(),
        s.safeContact(),
        s.createdAt(),
        s.erasedAt());
  }
}
