package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;

/**
 * A staff member's own password: changed by re-entering the current one (every other sign-in ends),
 * or reset through an emailed link that works once within {@link #RESET_LIFETIME}. A reset request
 * never says whether the email is known: it answers the same either way, and only an active account
 * gets the link. A reset ends every session and lifts lock-outs. Audited; the owner is emailed when
 * the password changes.
 */
@ApplicationScoped
class StaffPasswords {

  static final Duration RESET_LIFETIME = Duration.ofHours(1);

  @PersistenceContext EntityManager em;
  @Inject StaffAccounts accounts;
  @Inject PasswordHasher hasher;
  @Inject LoginThrottle throttle;
  @Inject AuditTrail audit;
  @Inject Outbox outbox;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject Clock clock;

  @Transactional
  public void change(StaffPrincipal who, String current, String password, String clientIp) {
    StaffAccount account = em.find(StaffAccount.class, who.id());
    if (account == null || !hasher.verify(current, account.passwordHash())) {
      throw ProblemException.invalid("current", "is not your current password");
    }
    refuseWeak(account.email(), password);
    if (hasher.verify(password, account.passwordHash())) {
      throw ProblemException.invalid("password", "choose a password other than your current one");
    }
    account.changePasswordHash(hasher.hash(password));
    // every other sign-in ends; this one stays
    int ended =
        em.createNativeQuery(
                "delete from staff_session where staff_id = ?1 and csrf_token is distinct from ?2")
            .setParameter(1, account.id())
            .setParameter(2, who.csrfToken())
            .executeUpdate();
    changed(account, "staff.password-changed", "staff:" + account.email(), ended, clientIp);
  }

  /** Emails a reset link to an active account with this email; nothing at all otherwise. */
  @Transactional
  public void requestReset(String email, String clientIp) {
    Optional<StaffAccount> found =
        accounts.findByEmail(email.trim()).filter(StaffAccount::isActive);
    if (found.isEmpty()) {
      return;
    }
    StaffAccount account = found.get();
    Instant now = clock.instant();
    em.createNativeQuery(
            "update staff_password_reset set replaced_at = ?2 where staff_id = ?1"
                + " and used_at is null and replaced_at is null")
        .setParameter(1, account.id())
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    String token = Secrets.random(32);
    long id =
        ((Number)
                em.createNativeQuery(
                        "insert into staff_password_reset (staff_id, token_hash, created_at,"
                            + " expires_at) values (?1, ?2, ?3, ?4) returning id")
                    .setParameter(1, account.id())
                    .setParameter(2, Secrets.sha256(token))
                    .setParameter(3, Timestamp.from(now))
                    .setParameter(4, Timestamp.from(now.plus(RESET_LIFETIME)))
                    .getSingleResult())
            .longValue();
    outbox.enqueue(
        Outbox.Envelope.to(account.email(), account.displayName(), "staff-password-reset")
            .dedupedBy("staff-password-reset:" + id),
        "staff-password-reset",
        Map.of(
            "displayName", account.displayName(),
            "link", urls.to("/staff/reset#token=" + token)));
    audit.record(
        "staff:" + account.email(),
        "staff.password-reset-requested",
        "staff_account",
        account.id(),
        null,
        null,
        clientIp);
  }

  /** Sets the password from a reset link: once, within the hour; every session ends. */
  @Transactional
  public StaffAccounts.View confirmReset(String token, String password, String clientIp) {
    Object[] link =
        StaffInvitations.openLink(
            em,
            "select r.id, r.staff_id from staff_password_reset r"
                + " join staff_account a on a.id = r.staff_id where r.token_hash = ?1"
                + " and r.used_at is null and r.replaced_at is null and r.expires_at > ?2"
                + " and a.active for update of r",
            token,
            clock.instant(),
            "reset-invalid",
            "This password link has expired or was already used. Ask for a new one from the"
                + " sign-in page.");
    long resetId = ((Number) link[0]).longValue();
    StaffAccount account = em.find(StaffAccount.class, ((Number) link[1]).longValue());
    refuseWeak(account.email(), password);
    account.changePasswordHash(hasher.hash(password));
    em.createNativeQuery("update staff_password_reset set used_at = ?2 where id = ?1")
        .setParameter(1, resetId)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
    int ended =
        em.createNamedQuery("StaffSession.deleteForStaff")
            .setParameter("staffId", account.id())
            .executeUpdate();
    throttle.clear(account.email());
    changed(account, "staff.password-reset", "staff:" + account.email(), ended, clientIp);
    return StaffAccounts.View.of(account);
  }

  private static void refuseWeak(String email, String password) {
    PasswordPolicy.refusal(email, password)
        .ifPresent(
            why -> {
              throw ProblemException.invalid("password", why);
            });
  }

  private void changed(
      StaffAccount account, String action, String actor, int sessionsEnded, String clientIp) {
    Instant now = clock.instant();
    outbox.enqueue(
        Outbox.Envelope.to(account.email(), account.displayName(), "staff-password-changed")
            .dedupedBy("staff-password-changed:" + account.id() + ":" + now.toEpochMilli()),
        "staff-password-changed",
        Map.of(
            "displayName", account.displayName(),
            "email", account.email(),
            "when", StaffInvitations.when(org, now)));
    audit.record(
        actor,
        action,
        "staff_account",
        account.id(),
        null,
        Map.of("otherSessionsEnded", sessionsEnded),
        clientIp);
  }
}
