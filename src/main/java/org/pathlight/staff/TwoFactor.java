package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;

/**
 * Two-step sign-in: a staff member enrols an authenticator app (a secret shown once, as text and as
 * an {@code otpauth://} link), proves it with a code, and gets ten one-time recovery codes (only
 * their SHA-256 is kept). From then on a sign-in needs a code as well as the password: a code of
 * the current 30-second step or one either side, never one already used (the account row is locked
 * while a code is checked, and the newest step accepted is kept), or an unused recovery code.
 */
@ApplicationScoped
class TwoFactor {

  private static final SecureRandom RANDOM = new SecureRandom();
  static final int RECOVERY_CODES = 10;

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Organization org;
  @Inject Clock clock;
  @Inject Outbox outbox;
  @Inject ApiTokens tokens;
  @Inject PublicUrls urls;

  /** What an enrolment shows: the secret to type in, and the link an authenticator opens. */
  record Enrolment(String secret, String otpauthUri) {}

  @Transactional
  public Enrolment enrol(StaffPrincipal who) {
    if (enabled(who.id())) {
      throw ProblemException.conflict(
          "two-factor-on", "Two-step sign-in is on already for your account.");
    }
    byte[] key = new byte[20];
    RANDOM.nextBytes(key);
    String secret = Totp.base32(key);
    em.createNativeQuery("update staff_account set totp_pending = ?2 where id = ?1")
        .setParameter(1, who.id())
        .setParameter(2, secret)
        .executeUpdate();
    String label = URLEncoder.encode(org.name() + ":" + who.email(), StandardCharsets.UTF_8);
    String uri =
        "otpauth://totp/"
            + label.replace("+", "%20")
            + "?secret="
            + secret
            + "&issuer="
            + URLEncoder.encode(org.name(), StandardCharsets.UTF_8).replace("+", "%20")
            + "&algorithm=SHA1&digits=6&period="
            + Totp.STEP_SECONDS;
    return new Enrolment(secret, uri);
  }

  /** Turns two-step sign-in on with a code from the new secret; answers the recovery codes. */
  @Transactional
  public List<String> confirm(StaffPrincipal who, String code, String clientIp) {
    Object[] row = lockRow(who.id());
    String pending = (String) row[0];
    if (row[1] != null) {
      throw ProblemException.conflict(
          "two-factor-on", "Two-step sign-in is on already for your account.");
    }
    if (pending == null) {
      throw ProblemException.conflict(
          "two-factor-not-started", "Start again: ask for a new secret first.");
    }
    long step = Totp.match(Totp.fromBase32(pending), code, nowStep(), Long.MIN_VALUE);
    if (step < 0) {
      throw ProblemException.invalid(
          "code", "is not the code your app shows now: check the app's clock and try the newest");
    }
    em.createNativeQuery(
            "update staff_account set totp_secret = totp_pending, totp_pending = null,"
                + " totp_last_step = ?2 where id = ?1")
        .setParameter(1, who.id())
        .setParameter(2, step)
        .executeUpdate();
    em.createNativeQuery("delete from staff_recovery_code where staff_id = ?1")
        .setParameter(1, who.id())
        .executeUpdate();
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      byte[] b = new byte[5];
      RANDOM.nextBytes(b);
      String c = Totp.base32(b).toLowerCase(Locale.ROOT);
      String shown = c.substring(0, 4) + "-" + c.substring(4);
      codes.add(shown);
      em.createNativeQuery(
              "insert into staff_recovery_code (staff_id, code_hash, created_at)"
                  + " values (?1, ?2, ?3)")
          .setParameter(1, who.id())
          .setParameter(2, Secrets.sha256(c))
          .setParameter(3, Timestamp.from(clock.instant()))
          .executeUpdate();
    }
    audit.record(
        who.actor(), "staff.two-factor-on", "staff_account", who.id(), null, null, clientIp);
    // the owner hears of it: someone holding only the password cannot enrol their own phone unseen
    Instant now = clock.instant();
    outbox.enqueue(
        Outbox.Envelope.to(who.email(), who.displayName(), "staff-two-factor-on")
            .dedupedBy("staff-two-factor-on:" + who.id() + ":" + now.toEpochMilli()),
        "staff-two-factor-on",
        Map.of(
            "displayName", who.displayName(),
            "email", who.email(),
            "when", StaffInvitations.when(org, now)));
    return codes;
  }

  /** Whether the account signs in with a code. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean enabled(long staffId) {
    Object secret =
        em.createNativeQuery("select totp_secret from staff_account where id = ?1")
            .setParameter(1, staffId)
            .getSingleResult();
    return secret != null;
  }

  /**
   * Accepts a sign-in code once: the account's current code (or one a step either side) newer than
   * the last accepted, or an unused recovery code, which is spent.
   */
  @Transactional
  public boolean accept(long staffId, String code) {
    Object[] row = lockRow(staffId);
    String secret = (String) row[1];
    if (secret == null || code == null) {
      return false;
    }
    long last = row[2] == null ? Long.MIN_VALUE : ((Number) row[2]).longValue();
    long step = Totp.match(Totp.fromBase32(secret), code, nowStep(), last);
    if (step >= 0) {
      em.createNativeQuery("update staff_account set totp_last_step = ?2 where id = ?1")
          .setParameter(1, staffId)
          .setParameter(2, step)
          .executeUpdate();
      return true;
    }
    String recovery = code.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
    int spent =
        em.createNativeQuery(
                "update staff_recovery_code set used_at = ?3 where id = (select id from"
                    + " staff_recovery_code where staff_id = ?1 and code_hash = ?2"
                    + " and used_at is null limit 1)")
            .setParameter(1, staffId)
            .setParameter(2, Secrets.sha256(recovery))
            .setParameter(3, Timestamp.from(clock.instant()))
            .executeUpdate();
    if (spent == 1) {
      audit.record(
          "staff:" + staffId,
          "staff.recovery-code-used",
          "staff_account",
          staffId,
          null,
          Map.of("left", unusedCodes(staffId)),
          null);
    }
    return spent == 1;
  }

  /**
   * An admin turns a colleague's two-step sign-in off (a lost phone and no recovery codes left):
   * the secret and recovery codes are deleted, the account's sessions end and its API tokens are
   * revoked; it signs in with its password again and is told by email. 409 two-factor-off when it
   * is not on (a secret started but never confirmed counts as off), 409 cannot-reset-self for the
   * admin's own account.
   */
  @Transactional
  public StaffAccounts.View reset(long staffId, StaffPrincipal who, String clientIp) {
    if (staffId == who.id()) {
      throw ProblemException.conflict(
          "cannot-reset-self",
          "You cannot turn off your own two-step sign-in here. Use a recovery code to sign in, or"
              + " ask another admin.");
    }
    StaffAccount account = em.find(StaffAccount.class, staffId);
    if (account == null) {
      throw ProblemException.notFound("No staff account with id " + staffId + ".");
    }
    Object[] row = lockRow(staffId);
    if (row[1] == null) {
      throw ProblemException.conflict(
          "two-factor-off", "Two-step sign-in is not on for " + account.email() + ".");
    }
    em.createNativeQuery(
            "update staff_account set totp_secret = null, totp_pending = null,"
                + " totp_last_step = null where id = ?1")
        .setParameter(1, staffId)
        .executeUpdate();
    em.createNativeQuery("delete from staff_recovery_code where staff_id = ?1")
        .setParameter(1, staffId)
        .executeUpdate();
    int sessions =
        em.createNamedQuery("StaffSession.deleteForStaff")
            .setParameter("staffId", staffId)
            .executeUpdate();
    // a lost phone may be a stolen one: nothing the account held keeps working
    int revoked = tokens.revokeAll(staffId);
    Instant now = clock.instant();
    audit.record(
        who.actor(),
        "staff.two-factor-reset",
        "staff_account",
        staffId,
        Map.of("twoFactor", true),
        Map.of("twoFactor", false, "sessionsEnded", sessions, "tokensRevoked", revoked),
        clientIp);
    outbox.enqueue(
        Outbox.Envelope.to(account.email(), account.displayName(), "staff-two-factor-reset")
            .dedupedBy("staff-two-factor-reset:" + staffId + ":" + now.toEpochMilli()),
        "staff-two-factor-reset",
        Map.of(
            "displayName", account.displayName(),
            "email", account.email(),
            "resetBy", who.email(),
            "when", StaffInvitations.when(org, now),
            "twoFactorUrl", urls.to("/staff/two-factor")));
    em.refresh(account);
    return StaffAccounts.View.of(account);
  }

  private long unusedCodes(long staffId) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from staff_recovery_code where staff_id = ?1"
                        + " and used_at is null")
                .setParameter(1, staffId)
                .getSingleResult())
        .longValue();
  }

  private Object[] lockRow(long staffId) {
    return (Object[])
        em.createNativeQuery(
                "select totp_pending, totp_secret, totp_last_step from staff_account"
                    + " where id = ?1 for update")
            .setParameter(1, staffId)
            .getSingleResult();
  }

  private long nowStep() {
    return Totp.step(clock.instant().getEpochSecond());
  }
}
