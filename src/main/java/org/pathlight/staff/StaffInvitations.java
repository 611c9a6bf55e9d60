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
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Emails;
import org.pathlight.common.Organization;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;

/**
 * Inviting a colleague: an admin names them and their roles; they get a single-use link that
 * expires after {@link #LIFETIME}, choose their own password on {@code /staff/accept}, and only
 * then does the account exist. No admin ever knows the password. Only the link token's SHA-256 is
 * stored; inviting the same email again withdraws the open invitation (its link dies). Accepting
 * takes the invitation's row lock, so a link used twice at once makes one account. Audited.
 */
@ApplicationScoped
class StaffInvitations {

  static final Duration LIFETIME = Duration.ofHours(72);

  @PersistenceContext EntityManager em;
  @Inject StaffAccounts accounts;
  @Inject PasswordHasher hasher;
  @Inject AuditTrail audit;
  @Inject Outbox outbox;
  @Inject PublicUrls urls;
  @Inject Organization org;
  @Inject Clock clock;

  @Transactional
  public StaffInvitationsResource.Invitation invite(
      String email, String displayName, Set<StaffRole> roles, String actor, String clientIp) {
    String address = email.trim();
    String key = Emails.normalize(address);
    // two invitations of one address take turns
    em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, "staff-invitation:" + key)
        .getSingleResult();
    if (accounts.findByEmail(address).isPresent()) {
      throw ProblemException.conflict(
          "staff-exists", "A staff account with that email already exists.");
    }
    Instant now = clock.instant();
    em.createNativeQuery(
            "update staff_invitation set revoked_at = ?2 where email_key = ?1"
                + " and accepted_at is null and revoked_at is null")
        .setParameter(1, key)
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    String token = Secrets.random(32);
    String codes = roles.stream().map(StaffRole::code).sorted().collect(Collectors.joining(","));
    Instant expires = now.plus(LIFETIME);
    long id =
        ((Number)
                em.createNativeQuery(
                        "insert into staff_invitation (email, email_key, display_name, roles,"
                            + " token_hash, invited_by, created_at, expires_at)"
                            + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) returning id")
                    .setParameter(1, address)
                    .setParameter(2, key)
                    .setParameter(3, displayName.trim())
                    .setParameter(4, codes)
                    .setParameter(5, Secrets.sha256(token))
                    .setParameter(6, actor)
                    .setParameter(7, Timestamp.from(now))
                    .setParameter(8, Timestamp.from(expires))
                    .getSingleResult())
            .longValue();
    outbox.enqueue(
        Outbox.Envelope.to(address, displayName.trim(), "staff-invitation")
            .dedupedBy("staff-invitation:" + id),
        "staff-invitation",
        Map.of(
            "displayName", displayName.trim(),
            "email", address,
            "roles", codes.replace(",", ", "),
            "invitedBy", actor.replaceFirst("^staff:", ""),
            "expires", when(org, expires),
            "link", urls.to("/staff/accept#token=" + token)));
    StaffInvitationsResource.Invitation view =
        new StaffInvitationsResource.Invitation(
            id,
            address,
            displayName.trim(),
            List.of(codes.split(",")),
            actor,
            now,
            expires,
            "open");
    audit.record(actor, "staff.invited", "staff_invitation", id, null, view, clientIp);
    return view;
  }

  /** A moment as staff emails say it: "Friday 4 December 2026 at 16:57 CST". */
  static String when(Organization org, Instant at) {
    return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm z", Locale.US)
        .withZone(org.zone())
        .format(at);
  }

  /**
   * The row of a single-use link (an invitation, a password reset) still open, locked FOR UPDATE:
   * {@code select} finds it by {@code ?1}, the token's SHA-256, and {@code ?2}, now. A link used,
   * withdrawn or expired is a 410 with {@code slug} and {@code detail}.
   */
  static Object[] openLink(
      EntityManager em, String select, String token, Instant now, String slug, String detail) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(select)
            .setParameter(1, Secrets.sha256(token))
            .setParameter(2, Timestamp.from(now))
            .getResultList();
    if (rows.isEmpty()) {
      throw new ProblemException(Problem.of(410, slug, "This link no longer works", detail));
    }
    return rows.get(0);
  }

  /** The invitations not used or withdrawn yet, newest first; those past their time say expired. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<StaffInvitationsResource.Invitation> open() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, email, display_name, roles, invited_by, created_at, expires_at"
                    + " from staff_invitation where accepted_at is null and revoked_at is null"
                    + " order by created_at desc, id desc limit 500")
            .getResultList();
    return rows.stream()
        .map(
            r -> {
              Instant expires = ((Timestamp) r[6]).toInstant();
              return new StaffInvitationsResource.Invitation(
                  ((Number) r[0]).longValue(),
                  (String) r[1],
                  (String) r[2],
                  List.of(((String) r[3]).split(",")),
                  (String) r[4],
                  ((Timestamp) r[5]).toInstant(),
                  expires,
                  expires.isAfter(now) ? "open" : "expired");
            })
        .toList();
  }

  @Transactional
  public void revoke(long id, String actor, String clientIp) {
    int changed =
        em.createNativeQuery(
                "update staff_invitation set revoked_at = ?2 where id = ?1"
                    + " and accepted_at is null and revoked_at is null")
            .setParameter(1, id)
            .setParameter(2, Timestamp.from(clock.instant()))
            .executeUpdate();
    if (changed == 0) {
      long known =
          ((Number)
                  em.createNativeQuery("select count(*) from staff_invitation where id = ?1")
                      .setParameter(1, id)
                      .getSingleResult())
              .longValue();
      if (known == 0) {
        throw ProblemException.notFound("No invitation " + id + ".");
      }
      throw ProblemException.conflict(
          "invitation-closed", "This invitation was already used or withdrawn.");
    }
    audit.record(actor, "staff.invitation-revoked", "staff_invitation", id, null, null, clientIp);
  }

  /** The invited colleague chooses their password: the account is made, the link is spent. */
  @Transactional
  public StaffAccounts.View accept(String token, String password, String clientIp) {
    Object[] r =
        openLink(
            em,
            "select id, email, display_name, roles from staff_invitation where token_hash = ?1"
                + " and accepted_at is null and revoked_at is null and expires_at > ?2"
                + " for update",
            token,
            clock.instant(),
            "invitation-invalid",
            "This invitation link has expired, was already used or was withdrawn. Ask an admin"
                + " to invite you again.");
    long id = ((Number) r[0]).longValue();
    String email = (String) r[1];
    PasswordPolicy.refusal(email, password)
        .ifPresent(
            why -> {
              throw ProblemException.invalid("password", why);
            });
    if (accounts.findByEmail(email).isPresent()) {
      throw ProblemException.conflict(
          "staff-exists", "A staff account with that email already exists: sign in instead.");
    }
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    Arrays.stream(((String) r[3]).split(","))
        .forEach(code -> StaffRole.fromCode(code).ifPresent(roles::add));
    Instant now = clock.instant();
    StaffAccount account =
        new StaffAccount(email, (String) r[2], hasher.hash(password), roles, now);
    em.persist(account);
    em.flush();
    em.createNativeQuery(
            "update staff_invitation set accepted_at = ?2, account_id = ?3 where id = ?1")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(now))
        .setParameter(3, account.id())
        .executeUpdate();
    StaffAccounts.View view = StaffAccounts.View.of(account);
    audit.record(
        "staff:" + email,
        "staff.invitation-accepted",
        "staff_account",
        account.id(),
        null,
        Map.of("account", view, "invitationId", id),
        clientIp);
    return view;
  }
}
