package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;

/** Staff accounts: create, find, list. */
@ApplicationScoped
public class StaffAccounts {

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject Outbox outbox;
  @Inject PublicUrls urls;

  /** What staff see of an account (never the hash). */
  public record View(
      long id,
      String email,
      String displayName,
      List<String> roles,
      boolean active,
      boolean twoFactor) {
    static View of(StaffAccount a) {
      return new View(
          a.id(),
          a.email(),
          a.displayName(),
          a.roles().stream().map(StaffRole::code).sorted().toList(),
          a.isActive(),
          a.twoFactorOn());
    }
  }

  @Transactional
  public View create(
      String email,
      String displayName,
      String password,
      Set<StaffRole> roles,
      String actor,
      String clientIp) {
    PasswordPolicy.refusal(email, password)
        .ifPresent(
            why -> {
              throw ProblemException.invalid("password", why);
            });
    if (findByEmail(email).isPresent()) {
      throw ProblemException.conflict(
          "staff-exists", "A staff account with that email already exists.");
    }
    StaffAccount account =
        new StaffAccount(
            email.trim(), displayName.trim(), hasher.hash(password), roles, clock.instant());
    em.persist(account);
    em.flush();
    View view = View.of(account);
    audit.record(actor, "staff.created", "staff_account", account.id(), null, view, clientIp);
    outbox.enqueue(
        Outbox.Envelope.to(account.email(), account.displayName(), "staff-welcome")
            .dedupedBy("staff-welcome:" + account.id()),
        "staff-welcome",
        Map.of(
            "displayName", account.displayName(),
            "email", account.email(),
            "roles", String.join(", ", view.roles()),
            "createdBy", actor.replaceFirst("^staff:", ""),
            "signInUrl", urls.to("/staff/")));
    return view;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<StaffAccount> findByEmail(String email) {
    return em.createNamedQuery("StaffAccount.byEmail", StaffAccount.class)
        .setParameter("emailKey", Emails.normalize(email))
        .getResultStream()
        .findFirst();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<View> list() {
    return em.createNamedQuery("StaffAccount.all", StaffAccount.class)
        .getResultStream()
        .map(View::of)
        .collect(Collectors.toList());
  }

  /** Active accounts, for emails to staff. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<StaffAccount> active() {
    return em.createNamedQuery("StaffAccount.all", StaffAccount.class)
        .getResultStream()
        .filter(StaffAccount::isActive)
        .toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public long count() {
    return em.createNamedQuery("StaffAccount.count", Long.class).getSingleResult();
  }
}
