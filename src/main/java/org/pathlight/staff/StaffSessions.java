package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;

/** Cookie sessions of signed-in staff, stored in PostgreSQL. */
@ApplicationScoped
public class StaffSessions {

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject StaffPolicy policy;

  @Inject
  @ConfigProperty(name = "pathlight.staff.session.hours", defaultValue = "12")
  int lifetimeHours;

  @Inject
  @ConfigProperty(name = "pathlight.staff.session.idle.minutes", defaultValue = "120")
  int idleMinutes;

  /** A session just opened: the cookie value and who it belongs to. */
  public record Opened(String token, StaffPrincipal principal, Instant expiresAt) {}

  /** A session opened by a password (and a code, when the account has two-step sign-in on). */
  @Transactional
  public Opened open(StaffAccount account, String clientIp) {
    return open(account, "password", Map.of(), clientIp);
  }

  /**
   * A session opened {@code via} a password or {@code sso}; {@code detail} goes into the audit
   * entry (the identity provider, for single sign-on).
   */
  @Transactional
  public Opened open(StaffAccount account, String via, Map<String, ?> detail, String clientIp) {
    String token = Secrets.random(32);
    String csrf = Secrets.random(24);
    StaffSession session =
        new StaffSession(
            Secrets.sha256(token),
            account.id(),
            csrf,
            via,
            clock.instant(),
            Duration.ofHours(lifetimeHours));
    em.persist(session);
    audit.record(
        "staff:" + account.email(),
        "staff.signed-in",
        "staff_account",
        account.id(),
        null,
        detail.isEmpty() ? null : detail,
        clientIp);
    return new Opened(token, principal(account, csrf, due(session, account)), session.expiresAt());
  }

  @Transactional
  public Optional<StaffPrincipal> resolve(String token) {
    if (token == null || token.isEmpty() || token.length() > 128) {
      return Optional.empty();
    }
    StaffSession session = em.find(StaffSession.class, Secrets.sha256(token));
    Instant now = clock.instant();
    if (session == null || !session.isAlive(now, Duration.ofMinutes(idleMinutes))) {
      return Optional.empty();
    }
    StaffAccount account = em.find(StaffAccount.class, session.staffId());
    if (account == null || !account.isActive()) {
      return Optional.empty();
    }
    session.touch(now);
    return Optional.of(principal(account, session.csrfToken(), due(session, account)));
  }

  /**
   * Whether the policy asks this password session's account to turn on two-step sign-in: the
   * account just read says whether it is on, so the policy is read only for accounts without it.
   */
  private boolean due(StaffSession session, StaffAccount account) {
    return session.viaPassword() && !account.twoFactorOn() && policy.twoFactorRequired();
  }

  @Transactional
  public void close(String token, StaffPrincipal who, String clientIp) {
    StaffSession session = em.find(StaffSession.class, Secrets.sha256(token));
    if (session != null) {
      em.remove(session);
      audit.record(
          who.actor(), "staff.signed-out", "staff_account", who.id(), null, null, clientIp);
    }
  }

  /** Hourly: expired sessions are deleted (through the proxy, so in a transaction). */
  void start(@Observes Startup.SchemaReady ready, StaffSessions self, Jobs jobs) {
    jobs.hourly("staff-session-purge", self::purgeExpired);
  }

  @Transactional
  public int purgeExpired() {
    return em.createNamedQuery("StaffSession.purgeExpired")
        .setParameter("now", clock.instant().minus(Duration.ofMinutes(1)))
        .executeUpdate();
  }

  static StaffPrincipal principal(StaffAccount account, String csrf) {
    return principal(account, csrf, false);
  }

  /** The request's principal; one whose two-step sign-in is due holds no roles until it is on. */
  static StaffPrincipal principal(StaffAccount account, String csrf, boolean twoFactorDue) {
    return new StaffPrincipal(
        account.id(),
        account.email(),
        account.displayName(),
        twoFactorDue ? EnumSet.noneOf(StaffRole.class) : account.roles(),
        csrf,
        twoFactorDue);
  }
}
