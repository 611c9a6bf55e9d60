package org.pathlight.volunteers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.pathlight.common.ProblemException;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.TokenCodec;

/**
 * Volunteers sign in by emailed link: the link carries a signed token (purpose "volunteer", 12
 * hours) that then works as {@code Authorization: Bearer} for volunteer calls. No passwords. The
 * token names the volunteer and their sign-in epoch ({@code volunteer:{id}:{epoch}}); it stops
 * working when the volunteer signs out everywhere or is rejected (both raise the epoch), and a
 * rejected volunteer is not signed in at all.
 */
@ApplicationScoped
public class VolunteerTokens {

  static final String PURPOSE = "volunteer";
  static final Duration VALID_FOR = Duration.ofHours(12);
  private static final String SUBJECT = "volunteer:";

  @Inject SignedTokens tokens;
  @PersistenceContext EntityManager em;

  String issue(Volunteer v) {
    return tokens.issue(PURPOSE, SUBJECT + v.id() + ":" + v.signinEpoch(), VALID_FOR);
  }

  /** The volunteer behind an Authorization header, or 401. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public long require(String authorization) {
    return signedIn(authorization).id();
  }

  /** The volunteer behind an Authorization header, as read for this check, or 401. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Volunteer signedIn(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ProblemException.unauthorized(
          "Sign in with the link we email you (POST /api/volunteers/login-link).");
    }
    return tokens
        .verify(authorization.substring(7).trim(), PURPOSE)
        .flatMap(this::signedIn)
        .orElseThrow(
            () ->
                ProblemException.unauthorized(
                    "This sign-in link has expired or is not valid; ask for a new one."));
  }

  private Optional<Volunteer> signedIn(TokenCodec.Claims claims) {
    String[] parts = claims.subject().split(":", -1);
    if (parts.length < 2 || parts.length > 3 || !parts[0].equals("volunteer")) {
      return Optional.empty();
    }
    try {
      long id = Long.parseLong(parts[1]);
      int epoch = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
      return Optional.ofNullable(em.find(Volunteer.class, id)).filter(v -> v.acceptsSignIn(epoch));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The volunteer behind the header when there is one; anonymous otherwise (also for a staff API
   * token, {@code Bearer plt_…}, which the staff filter handles).
   */
  public OptionalLong optional(String authorization) {
    return optionalVolunteer(authorization)
        .map(v -> OptionalLong.of(v.id()))
        .orElse(OptionalLong.empty());
  }

  /** {@link #optional}, with the volunteer as read for the check (one read, not two). */
  public Optional<Volunteer> optionalVolunteer(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.regionMatches(true, 0, "Bearer plt_", 0, 11)) {
      return Optional.empty();
    }
    return Optional.of(signedIn(authorization));
  }
}
