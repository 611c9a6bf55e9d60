package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Emails;

/**
 * Single sign-on (OpenID Connect), once the identity provider has vouched for someone: finds their
 * staff account by the email claim and opens a Pathlight session, or refuses and says why. With a
 * role mapping ({@code pathlight.sso.roles.map}), the provider's groups decide the account's roles
 * at every sign-in; an unknown person is refused unless their email's domain is one that may get an
 * account on first sign-in ({@code pathlight.sso.create.domains}). Every refusal is audited.
 */
@ApplicationScoped
class SingleSignOn {

  private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());

  @PersistenceContext EntityManager em;
  @Inject StaffAccounts accounts;
  @Inject StaffSessions sessions;
  @Inject PasswordHasher hasher;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject SsoConfig config;
  @Inject StaffPolicy policy;
  @Inject StaffAccess access;

  /** Who the provider says signed in (the ID token's and user info's claims). */
  record Identity(
      String issuer,
      String subject,
      String email,
      Boolean emailVerified,
      List<String> groups,
      List<String> methods) {}

  /** A session, or why there is none (a code for the sign-in page, and words for the log). */
  record Outcome(StaffSessions.Opened opened, String refusal, String detail) {
    static Outcome refused(String refusal, String detail) {
      return new Outcome(null, refusal, detail);
    }
  }

  @Transactional
  public Outcome signIn(Identity who, String clientIp) {
    Outcome outcome = decide(who, clientIp);
    if (outcome.refusal() != null) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("reason", outcome.refusal());
      detail.put("provider", who.issuer());
      detail.put("subject", who.subject());
      if (who.email() != null) {
        detail.put("email", who.email());
      }
      audit.record(
          "sso:" + who.issuer(),
          "staff.sso-refused",
          "staff_account",
          null,
          null,
          detail,
          clientIp);
      LOG.info(() -> "single sign-on refused (" + outcome.refusal() + "): " + outcome.detail());
    }
    return outcome;
  }

  /**
   * The mechanism refused the provider's answer before anyone was known (a token for another
   * client, expired, badly signed, a lost session, or the provider unreachable): audited and
   * logged.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void failed(String why, String clientIp) {
    audit.record(
        "sso:" + config.getProviderUri(),
        "staff.sso-refused",
        "staff_account",
        null,
        null,
        Map.of("reason", "failed", "detail", why),
        clientIp);
    LOG.warning(() -> "single sign-on failed: " + why);
  }

  private Outcome decide(Identity who, String clientIp) {
    SsoSettings settings = config.settings();
    String email = who.email() == null ? "" : who.email().trim();
    if (email.isEmpty()
        || email.indexOf('@') <= 0
        || email.indexOf('@') != email.lastIndexOf('@')) {
      return Outcome.refused(
          "no-email",
          "the identity provider sent no usable email (claim '" + settings.emailClaim() + "')");
    }
    // an email the provider has not verified may be anyone's (a tenant admin can set any address)
    if (!Boolean.TRUE.equals(who.emailVerified()) && !settings.trustUnverifiedEmail()) {
      return Outcome.refused("email-unverified", email + " is not verified at the provider");
    }
    Optional<Set<StaffRole>> mapped;
    try {
      mapped = settings.mapRoles(who.groups());
    } catch (IllegalArgumentException e) {
      LOG.log(Level.SEVERE, "pathlight.sso.roles.map is wrong: " + e.getMessage());
      return Outcome.refused("misconfigured", e.getMessage());
    }
    Map<String, Object> how = Map.of("via", "sso", "provider", who.issuer());
    // the exact address, in any ASCII case: no look-alike folds onto a colleague's account
    StaffAccount account =
        accounts
            .findByEmail(email)
            .filter(a -> a.email().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT)))
            .orElse(null);
    if (account == null && (mapped.isEmpty() || !settings.mayCreate(email))) {
      return Outcome.refused("unknown-user", "no staff account for " + email);
    }
    if (mapped.isPresent() && mapped.get().isEmpty()) {
      return Outcome.refused(
          "no-role", email + "'s groups " + who.groups() + " give no Pathlight role");
    }
    if (account != null && !account.isActive()) {
      return Outcome.refused("deactivated", email + "'s staff account is deactivated");
    }
    if (account != null) {
      Object[] link =
          (Object[])
              em.createNativeQuery(
                      "select sso_issuer, sso_subject from staff_account where id = ?1 for update")
                  .setParameter(1, account.id())
                  .getSingleResult();
      if (link[1] != null && !(who.issuer().equals(link[0]) && who.subject().equals(link[1]))) {
        return Outcome.refused(
            "another-identity",
            email + " is linked to another identity at the provider than " + who.subject());
      }
      // a second step is needed (the account's own, or the organisation's rule): the provider must
      // say it used one, or be trusted to enforce it
      boolean secondStep = account.twoFactorOn() || policy.twoFactorRequired();
      if (secondStep && !settings.trustProviderMfa() && !usedSecondFactor(who)) {
        return Outcome.refused(
            "second-factor-needed",
            email
                + " needs a second step and the provider's sign-in (amr "
                + who.methods()
                + ")"
                + " shows none");
      }
    }
    if (account == null) {
      if (policy.twoFactorRequired() && !settings.trustProviderMfa() && !usedSecondFactor(who)) {
        return Outcome.refused(
            "second-factor-needed", email + ": the provider's sign-in shows no second step");
      }
      account =
          new StaffAccount(
              email,
              displayName(email),
              // nobody knows it: the account signs in through the provider (or resets it)
              hasher.hash(Secrets.random(32)),
              mapped.get(),
              clock.instant());
      em.persist(account);
      em.flush();
      audit.record(
          "sso:" + who.issuer(),
          "staff.created",
          "staff_account",
          account.id(),
          null,
          Map.of("account", StaffAccounts.View.of(account), "how", how),
          clientIp);
    } else if (mapped.isPresent()) {
      Set<StaffRole> roles = access.keepLastAdmin(account, mapped.get());
      if (!roles.equals(account.roles())) {
        StaffAccounts.View before = StaffAccounts.View.of(account);
        account.changeRoles(roles);
        em.flush();
        audit.record(
            "sso:" + who.issuer(),
            "staff.roles-changed",
            "staff_account",
            account.id(),
            before,
            StaffAccounts.View.of(account),
            clientIp);
      }
    }
    em.createNativeQuery(
            "update staff_account set sso_issuer = ?2, sso_subject = ?3 where id = ?1"
                + " and sso_subject is null")
        .setParameter(1, account.id())
        .setParameter(2, who.issuer())
        .setParameter(3, who.subject())
        .executeUpdate();
    return new Outcome(sessions.open(account, "sso", how, clientIp), null, null);
  }

  private static boolean usedSecondFactor(Identity who) {
    return who.methods().stream().anyMatch(SsoSettings.MFA_METHODS::contains);
  }

  private static String displayName(String email) {
    String local = email.substring(0, email.indexOf('@')).replaceAll("[._-]+", " ").trim();
    List<String> words = new ArrayList<>();
    for (String w : local.split(" ")) {
      if (!w.isEmpty()) {
        words.add(w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1));
      }
    }
    return words.isEmpty() ? Emails.normalize(email) : String.join(" ", words);
  }
}
