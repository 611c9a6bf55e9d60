package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ProblemException;

/**
 * Who may still sign in: admins deactivate and reactivate accounts and lift lock-outs. Deactivating
 * ends the account's sessions and revokes its API tokens in the same transaction, so nothing it
 * held works on the next request. The last active admin is never deactivated: an advisory lock
 * makes two admins deactivating each other at once take turns.
 */
@ApplicationScoped
public class StaffAccess {

  private static final long ADMIN_LOCK_KEY = 0x7061_7468_6164_6d6eL; // "pathadmn"

  @PersistenceContext EntityManager em;
  @Inject ApiTokens tokens;
  @Inject LoginThrottle throttle;
  @Inject AuditTrail audit;

  @Transactional
  public StaffAccounts.View deactivate(long id, StaffPrincipal who, String clientIp) {
    if (id == who.id()) {
      throw ProblemException.conflict(
          "cannot-deactivate-self",
          "You cannot deactivate your own account. Ask another admin to do it.");
    }
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, ADMIN_LOCK_KEY)
        .getSingleResult();
    StaffAccount account = require(id);
    if (!account.isActive()) {
      return StaffAccounts.View.of(account);
    }
    if (account.roles().contains(StaffRole.ADMIN) && activeAdmins() <= 1) {
      throw ProblemException.conflict(
          "last-admin",
          "This is the last active admin. Give another account the admin role first.");
    }
    StaffAccounts.View before = StaffAccounts.View.of(account);
    account.deactivate();
    int sessions =
        em.createNamedQuery("StaffSession.deleteForStaff")
            .setParameter("staffId", id)
            .executeUpdate();
    int revoked = tokens.revokeAll(id);
    StaffAccounts.View after = StaffAccounts.View.of(account);
    audit.record(
        who.actor(),
        "staff.deactivated",
        "staff_account",
        id,
        before,
        Map.of("account", after, "sessionsEnded", sessions, "tokensRevoked", revoked),
        clientIp);
    return after;
  }

  @Transactional
  public StaffAccounts.View reactivate(long id, StaffPrincipal who, String clientIp) {
    StaffAccount account = require(id);
    if (account.isActive()) {
      return StaffAccounts.View.of(account);
    }
    StaffAccounts.View before = StaffAccounts.View.of(account);
    account.reactivate();
    StaffAccounts.View after = StaffAccounts.View.of(account);
    audit.record(who.actor(), "staff.reactivated", "staff_account", id, before, after, clientIp);
    return after;
  }

  /**
   * Gives an account these roles (they apply from its next request). The last active admin keeps
   * the admin role: 409 last-admin, as for a deactivation.
   */
  @Transactional
  public StaffAccounts.View changeRoles(
      long id, java.util.Set<StaffRole> roles, StaffPrincipal who, String clientIp) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, ADMIN_LOCK_KEY)
        .getSingleResult();
    StaffAccount account = require(id);
    StaffAccounts.View before = StaffAccounts.View.of(account);
    if (account.isActive()
        && account.roles().contains(StaffRole.ADMIN)
        && !roles.contains(StaffRole.ADMIN)
        && activeAdmins() <= 1) {
      throw ProblemException.conflict(
          "last-admin",
          "This is the last active admin. Give another account the admin role first.");
    }
    if (before.roles().equals(roles.stream().map(StaffRole::code).sorted().toList())) {
      return before;
    }
    account.changeRoles(roles);
    em.flush();
    StaffAccounts.View after = StaffAccounts.View.of(account);
    audit.record(who.actor(), "staff.roles-changed", "staff_account", id, before, after, clientIp);
    return after;
  }

  /**
   * The roles an identity provider gives {@code account}, except that the last active admin keeps
   * admin (under the same lock as a change on the accounts page; logged).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  java.util.Set<StaffRole> keepLastAdmin(StaffAccount account, java.util.Set<StaffRole> roles) {
    if (!account.roles().contains(StaffRole.ADMIN) || roles.contains(StaffRole.ADMIN)) {
      return roles;
    }
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, ADMIN_LOCK_KEY)
        .getSingleResult();
    if (account.isActive() && activeAdmins() <= 1) {
      java.util.logging.Logger.getLogger(StaffAccess.class.getName())
          .warning(
              account.email()
                  + " keeps the admin role the identity provider's groups no longer give:"
                  + " it is the last active admin");
      java.util.Set<StaffRole> kept = java.util.EnumSet.copyOf(roles);
      kept.add(StaffRole.ADMIN);
      return kept;
    }
    return roles;
  }

  /** Lifts the account's lock-outs and forgets its failed sign-ins, from every address. */
  @Transactional
  public StaffAccounts.View unlock(long id, StaffPrincipal who, String clientIp) {
    StaffAccount account = require(id);
    int cleared = throttle.clear(account.email());
    audit.record(
        who.actor(),
        "staff.unlocked",
        "staff_account",
        id,
        null,
        Map.of("throttleRowsCleared", cleared),
        clientIp);
    return StaffAccounts.View.of(account);
  }

  private StaffAccount require(long id) {
    return Optional.ofNullable(em.find(StaffAccount.class, id))
        .orElseThrow(() -> ProblemException.notFound("No staff account with id " + id + "."));
  }

  private long activeAdmins() {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from staff_account a join staff_account_role r"
                        + " on r.staff_id = a.id where a.active and r.role = 'admin'")
                .getSingleResult())
        .longValue();
  }
}
