package org.pathlight.volunteers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.pathlight.common.ProblemException;
import org.pathlight.common.SignedTokens;

/**
 * Volunteers sign in by emailed link: the link carries a signed token (purpose "volunteer", 12
 * hours) that then works as {@code Authorization: Bearer} for volunteer calls. No passwords.
 */
@ApplicationScoped
public class VolunteerTokens {

  static final String PURPOSE = "volunteer";
  static final Duration VALID_FOR = Duration.ofHours(12);

  @Inject SignedTokens tokens;

  String issue(long volunteerId) {
    return tokens.issue(PURPOSE, "volunteer:" + volunteerId, VALID_FOR);
  }

  /** The volunteer behind an Authorization header, or 401. */
  public long require(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ProblemException.unauthorized(
          "Sign in with the link we email you (POST /api/volunteers/login-link).");
    }
    return tokens
        .verify(authorization.substring(7).trim(), PURPOSE)
        .map(c -> Long.parseLong(c.subject().substring("volunteer:".length())))
        .orElseThrow(
            () ->
                ProblemException.unauthorized(
                    "This sign-in link has expired or is not valid; ask for a new one."));
  }

  /**
   * The volunteer behind the header when there is one; anonymous otherwise (also for a staff API
   * token, {@code Bearer plt_…}, which the staff filter handles).
   */
  public java.util.OptionalLong optional(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.regionMatches(true, 0, "Bearer plt_", 0, 11)) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(require(authorization));
  }
}
