package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ProblemException;

/** Bearer tokens for integrations ({@code Authorization: Bearer plt_…}). */
@ApplicationScoped
public class ApiTokens {

  /** Staff tokens start with this, so other bearer tokens (volunteers) can be told apart. */
  public static final String PREFIX = "plt_";

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** A token as listed to its owner: never the secret itself. */
  public record View(
      long id,
      String name,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {
    static View of(ApiToken t) {
      return new View(
          t.id(), t.name(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt());
    }
  }

  /** The secret is shown once, here. */
  public record Created(long id, String name, String token, Instant expiresAt) {}

  /** Days a token lives when its creator does not say. */
  public static final int DEFAULT_DAYS = 90;

  /** The longest a token may live. */
  public static final int MAX_DAYS = 365;

  /**
   * A new token for {@code owner}, living {@code days} (1 to {@link #MAX_DAYS}). Only a person
   * signed in with a browser session may make one: a token cannot mint further tokens, so a leaked
   * token dies with its expiry or revocation.
   */
  @Transactional
  public Created create(StaffPrincipal owner, String name, int days, String clientIp) {
    if (!owner.viaCookie()) {
      throw ProblemException.forbidden(
          "session-required",
          "API tokens are made by a person signed in at /staff/, not with another API token.");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw ProblemException.invalid("expiresInDays", "must be 1 to " + MAX_DAYS + " days");
    }
    String token = PREFIX + Secrets.random(32);
    Instant now = clock.instant();
    ApiToken row =
        new ApiToken(
            owner.id(), name.trim(), Secrets.sha256(token), now, now.plus(Duration.ofDays(days)));
    em.persist(row);
    em.flush();
    audit.record(
        owner.actor(),
        "staff.token-created",
        "staff_api_token",
        row.id(),
        null,
        Map.of("name", row.name(), "expiresAt", row.expiresAt().toString()),
        clientIp);
    return new Created(row.id(), row.name(), token, row.expiresAt());
  }

  @Transactional
  public Optional<StaffPrincipal> resolve(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
      return Optional.empty();
    }
    Optional<ApiToken> found =
        em.createNamedQuery("ApiToken.byHash", ApiToken.class)
            .setParameter("hash", Secrets.sha256(token))
            .setParameter("now", clock.instant())
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    StaffAccount account = em.find(StaffAccount.class, found.get().staffId());
    if (account == null || !account.isActive()) {
      return Optional.empty();
    }
    found.get().used(clock.instant());
    return Optional.of(StaffSessions.principal(account, null));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> list(StaffPrincipal owner) {
    return em.createNamedQuery("ApiToken.forStaff", ApiToken.class)
        .setParameter("staffId", owner.id())
        .getResultStream()
        .map(View::of)
        .toList();
  }

  /** Revokes every live token of an account, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int revokeAll(long staffId) {
    return em.createNamedQuery("ApiToken.revokeForStaff")
        .setParameter("staffId", staffId)
        .setParameter("now", clock.instant())
        .executeUpdate();
  }

  @Transactional
  public void revoke(long id, StaffPrincipal who, String clientIp) {
    ApiToken token = em.find(ApiToken.class, id);
    if (token == null || (token.staffId() != who.id() && !who.has(StaffRole.ADMIN))) {
      throw ProblemException.notFound("No API token with id " + id + ".");
    }
    if (token.revokedAt() == null) {
      token.revoke(clock.instant());
      audit.record(who.actor(), "staff.token-revoked", "staff_api_token", id, null, null, clientIp);
    }
  }
}
