package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.common.ProblemException;

/**
 * The organisation's sign-in policy (one row, {@code staff_policy}): whether every password sign-in
 * needs two-step sign-in. While it is required, a member without it keeps a session that holds no
 * roles until they turn it on (see {@link StaffSessions}); single sign-on lets people in only when
 * the identity provider used a second factor ({@link SingleSignOn}), and API tokens are for
 * scripts.
 */
@ApplicationScoped
class StaffPolicy {

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** Whether every sign-in needs a second step. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean twoFactorRequired() {
    return (Boolean)
        em.createNativeQuery("select require_two_factor from staff_policy where id = 1")
            .getSingleResult();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public StaffPolicyResource.View view() {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select p.require_two_factor, p.changed_at, p.changed_by,"
                        + " (select count(*) from staff_account a where a.active"
                        + " and a.totp_secret is null)"
                        + " from staff_policy p where p.id = 1")
                .getSingleResult();
    return new StaffPolicyResource.View(
        (Boolean) row[0],
        ((Number) row[3]).longValue(),
        row[1] == null ? null : ((Timestamp) row[1]).toInstant(),
        row[2] == null ? null : ((String) row[2]).replaceFirst("^staff:", ""));
  }

  /**
   * Requires (or stops requiring) two-step sign-in; audited. An admin turns the requirement on only
   * once it is on for their own account (409 two-factor-first), so they never lock themselves out.
   */
  @Transactional
  public StaffPolicyResource.View change(
      boolean requireTwoFactor, StaffPrincipal who, String clientIp) {
    boolean before =
        (Boolean)
            em.createNativeQuery(
                    "select require_two_factor from staff_policy where id = 1 for update")
                .getSingleResult();
    if (before == requireTwoFactor) {
      return view();
    }
    if (requireTwoFactor && twoFactorOff(who.id())) {
      throw ProblemException.conflict(
          "two-factor-first",
          "Turn on two-step sign-in for your own account first (at /staff/two-factor), then"
              + " require it for everyone.");
    }
    em.createNativeQuery(
            "update staff_policy set require_two_factor = ?1, changed_at = ?2, changed_by = ?3"
                + " where id = 1")
        .setParameter(1, requireTwoFactor)
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, who.actor())
        .executeUpdate();
    audit.record(
        who.actor(),
        "staff.policy-changed",
        "staff_policy",
        1L,
        Map.of("requireTwoFactor", before),
        Map.of("requireTwoFactor", requireTwoFactor),
        clientIp);
    return view();
  }

  private boolean twoFactorOff(long staffId) {
    return em.createNativeQuery("select 1 from staff_account where id = ?1 and totp_secret is null")
        .setParameter(1, staffId)
        .getResultStream()
        .findFirst()
        .isPresent();
  }
}
