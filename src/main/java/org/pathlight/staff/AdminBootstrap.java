package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.Secrets;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Startup;

/**
 * The first admin, created when no staff account exists: from {@code PATHLIGHT_ADMIN_EMAIL} and
 * {@code PATHLIGHT_ADMIN_PASSWORD}, or with a generated password printed once on the console (also
 * when the configured one breaks the password policy, which is logged as SEVERE). An advisory lock
 * keeps two instances starting together from both creating one.
 */
@ApplicationScoped
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());
  private static final long LOCK_KEY = 0x7061_7468_6c69_6768L; // "pathligh"

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.admin.email", defaultValue = "admin@pathlight.local")
  String email;

  @Inject
  @ConfigProperty(name = "pathlight.admin.password")
  Optional<String> password;

  void onSchemaReady(@Observes Startup.SchemaReady ready, AdminBootstrap self) {
    self.createFirstAdmin();
  }

  @Transactional
  public void createFirstAdmin() {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, LOCK_KEY)
        .getSingleResult();
    long staff = em.createNamedQuery("StaffAccount.count", Long.class).getSingleResult();
    if (staff > 0) {
      return;
    }
    Chosen chosen = choose(email, password);
    if (chosen.refusal() != null) {
      LOG.severe(
          "The configured first admin password (pathlight.admin.password,"
              + " PATHLIGHT_ADMIN_PASSWORD) is refused: it "
              + chosen.refusal()
              + ". A random password is used instead; it is shown below.");
    }
    StaffAccount admin =
        new StaffAccount(
            email,
            "Administrator",
            hasher.hash(chosen.password()),
            EnumSet.of(StaffRole.ADMIN),
            clock.instant());
    em.persist(admin);
    em.flush();
    audit.record("system", "staff.created", "staff_account", admin.id(), null, email, null);
    if (!chosen.generated()) {
      LOG.info("Created the first staff admin " + email + " with the configured password.");
    } else {
      LOG.warning(
          String.format(
              "%n%n  First staff admin created:  %s  /  %s%n"
                  + "  This password is shown only now. Sign in at /staff/ and keep it safe.%n",
              email, chosen.password()));
    }
  }

  /**
   * The first admin's password, whether it was generated, and why a configured one was not used.
   */
  record Chosen(String password, boolean generated, String refusal) {}

  /**
   * The configured password when the password policy accepts it; a random one when none is
   * configured or the configured one is refused (weak passwords are refused, not just warned about,
   * and a start-up never fails for it).
   */
  static Chosen choose(String email, Optional<String> configured) {
    Optional<String> given = configured.filter(p -> !p.isBlank());
    if (given.isEmpty()) {
      return new Chosen(Secrets.random(15), true, null);
    }
    return PasswordPolicy.refusal(email, given.get())
        .map(why -> new Chosen(Secrets.random(15), true, why))
        .orElseGet(() -> new Chosen(given.get(), false, null));
  }
}
