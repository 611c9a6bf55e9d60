package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    static View of(ApiToken t) {
      return new View(t.id(), t.name(), t.createdAt(), t.lastUsedAt(), t.revokedAt());
    }
  }

  /** The secret is shown once, here. */
  public record Created(long id, String name, String token) {}

  @Transactional
  public Created create(StaffPrincipal owner, String name, String clientIp) {
    String token = PREFIX + Secrets.random(32);
    ApiToken row = new ApiToken(owner.id(), name.trim(), Secrets.sha256(token), clock.instant());
    em.persist(row);
    em.flush();
    audit.record(
        owner.actor(),
        "staff.token-created",
        "staff_api_token",
        row.id(),
        null,
        Map.of("name", row.name()),
        clientIp);
    return new Created(row.id(), row.name(), token);
  }

  @Transactional
  public Optional<StaffPrincipal> resolve(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() > 128) {
      return Optional.empty();
    }
    Optional<ApiToken> found =
        em.createNamedQuery("ApiToken.byHash", ApiToken.class)
            .setParameter("hash", Secrets.sha256(token))
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
