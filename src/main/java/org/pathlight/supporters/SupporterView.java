package org.pathlight.supporters;

import java.time.Instant;

/** A supporter as staff see it; topic consent is read apart ({@link Consents#of}). */
public record SupporterView(
    long id,
    String email,
    String firstName,
    String lastName,
    String phone,
    Supporter.PostalAddress address,
    Supporter.Consent consent,
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
        s.safeContact(),
        s.createdAt(),
        s.erasedAt());
  }
}
