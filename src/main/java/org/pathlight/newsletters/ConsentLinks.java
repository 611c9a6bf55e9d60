package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.TokenCodec;

/**
 * The signed links every bulk email carries: the preferences page (purpose "preferences", the
 * person) and one-click unsubscribe (purpose "unsubscribe", the person and the topic). Both work
 * for a year, well past the 30 days CAN-SPAM asks, and need no login, cookie or session.
 */
@ApplicationScoped
class ConsentLinks {

  static final String PREFERENCES = "preferences";
  static final String UNSUBSCRIBE = "unsubscribe";
  static final Duration VALID_FOR = Duration.ofDays(365);

  @Inject SignedTokens tokens;
  @Inject PublicUrls urls;

  /** Who a one-click unsubscribe link is for, and from which topic. */
  record Unsubscribe(long supporterId, String topic) {}

  /** The preferences page for this person: {@code /preferences#token=…}. */
  String preferencesUrl(long supporterId) {
    return urls.to(
        "/preferences#token=" + tokens.issue(PREFERENCES, subject(supporterId), VALID_FOR));
  }

  /** The RFC 8058 one-click address ({@code POST}) for this person and topic. */
  String unsubscribeApiUrl(long supporterId, String topic) {
    return urls.to("/api/unsubscribe/" + unsubscribeToken(supporterId, topic));
  }

  /** The page a person clicks to, which asks before it unsubscribes. */
  String unsubscribePageUrl(long supporterId, String topic) {
    return urls.to("/unsubscribe/" + unsubscribeToken(supporterId, topic));
  }

  /** A page of this site, absolute. */
  String page(String path) {
    return urls.to(path);
  }

  String unsubscribeToken(long supporterId, String topic) {
    return tokens.issue(UNSUBSCRIBE, subject(supporterId) + ":topic:" + topic, VALID_FOR);
  }

  /** The person a preferences token names, or a 401 problem. */
  long preferencesOwner(String token) {
    String subject = claims(token, PREFERENCES).subject();
    return owner(subject).orElseThrow(ConsentLinks::badLink);
  }

  /** What a one-click token unsubscribes, or a 401 problem. */
  Unsubscribe unsubscribe(String token) {
    String subject = claims(token, UNSUBSCRIBE).subject();
    int at = subject.indexOf(":topic:");
    if (at < 0) {
      throw badLink();
    }
    long id = owner(subject.substring(0, at)).orElseThrow(ConsentLinks::badLink);
    return new Unsubscribe(id, subject.substring(at + ":topic:".length()));
  }

  private TokenCodec.Claims claims(String token, String purpose) {
    Optional<TokenCodec.Claims> claims =
        token == null || token.length() > 1000 ? Optional.empty() : tokens.verify(token, purpose);
    return claims.orElseThrow(ConsentLinks::badLink);
  }

  private static String subject(long supporterId) {
    return "supporter:" + supporterId;
  }

  private static Optional<Long> owner(String subject) {
    if (!subject.startsWith("supporter:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(subject.substring("supporter:".length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static ProblemException badLink() {
    return ProblemException.unauthorized(
        "This link has expired or is not valid. Ask for a new one on the preferences page.");
  }
}
