package org.pathlight.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class VolunteerSignInTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private static Volunteer applicant() {
    return new Volunteer(7, LocalDate.of(1990, 1, 1), "", "", LocalDate.of(2026, 3, 1), NOW);
  }

  @Test
  void aLinkOfTheCurrentEpochSignsInAndSigningOutEverywhereEndsIt() {
    Volunteer v = applicant();
    int epoch = v.signinEpoch();
    assertThat(v.acceptsSignIn(epoch)).isTrue();
    v.signOutEverywhere();
    assertThat(v.acceptsSignIn(epoch)).isFalse();
    assertThat(v.acceptsSignIn(v.signinEpoch())).isTrue();
  }

  @Test
  void aRejectionEndsEveryLinkAndNoNewOneSignsIn() {
    Volunteer v = applicant();
    int before = v.signinEpoch();
    v.decide(false, "not a fit", "staff:a@b.org", NOW);
    assertThat(v.acceptsSignIn(before)).isFalse();
    assertThat(v.acceptsSignIn(v.signinEpoch())).isFalse();
  }

  @Test
  void anApprovalKeepsTheLinksItFinds() {
    Volunteer v = applicant();
    int before = v.signinEpoch();
    v.decide(true, null, "staff:a@b.org", NOW);
    assertThat(v.acceptsSignIn(before)).isTrue();
  }
}
