package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.TokenCodec;

/**
 * "Manage your gift" links: signed (purpose "manage", subject the donor), valid 90 days, revocable
 * one by one. A newer link does not end older ones; each runs until it expires or is revoked.
 */
@ApplicationScoped
public class ManageLinks {

  static final String PURPOSE = "manage";
  static final Duration VALID_FOR = Duration.ofDays(90);

  @Inject SignedTokens tokens;
  @Inject PublicUrls urls;

  public String url(long supporterId) {
    return urls.to(
        "/give/manage#token=" + tokens.issue(PURPOSE, "supporter:" + supporterId, VALID_FOR));
  }

  /** The donor a token names, or a 401 problem for a forged, expired or revoked one. */
  long require(String token) {
    return Long.parseLong(valid(token).subject().substring("supporter:".length()));
  }

  /** Ends this link (401 if it is not a valid one). */
  void revoke(String token) {
    tokens.revoke(valid(token));
  }

  private TokenCodec.Claims valid(String token) {
    return claims(token)
        .orElseThrow(
            () ->
                ProblemException.unauthorized(
                    "This link has expired or is not valid. Ask for a new one with your email."));
  }

  private Optional<TokenCodec.Claims> claims(String token) {
    if (token == null || token.length() > 1000) {
      return Optional.empty();
    }
    return tokens.verify(token, PURPOSE);
  }
}
