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

  @jakarta.persistence.PersistenceContext jakarta.persistence.EntityManager em;
  @Inject SignedTokens tokens;
  @Inject PublicUrls urls;
  @Inject org.pathlight.supporters.Supporters supporters;

  public String url(long supporterId) {
    return urls.to(
        "/give/manage#token=" + tokens.issue(PURPOSE, "supporter:" + supporterId, VALID_FOR));
  }

  /** The donor a token names, or a 401 problem for a forged, expired or revoked one. */
  long require(String token) {
    return Long.parseLong(valid(token).subject().substring("supporter:".length()));
  }

  /**
   * The ids of the gifts of the donor a link names, or a 401 problem: what impact needs to say what
   * a donor's gifts funded, without knowing who the donor is.
   */
  @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.SUPPORTS)
  public java.util.List<Long> giftIds(String token) {
    return giftsOf(require(token));
  }

  /**
   * The ids of the gifts of the donor with this email (none for an unknown one): for staff, to
   * preview what that donor's manage page and statement will say they funded.
   */
  @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.SUPPORTS)
  public java.util.List<Long> giftIdsOf(String email) {
    return supporters.findByEmail(email).map(s -> giftsOf(s.id())).orElse(java.util.List.of());
  }

  private java.util.List<Long> giftsOf(long supporterId) {
    return em.createQuery("select g.id from Gift g where g.supporterId = :id", Long.class)
        .setParameter("id", supporterId)
        .getResultList();
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
