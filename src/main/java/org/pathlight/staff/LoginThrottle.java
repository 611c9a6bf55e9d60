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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lock-out after repeated failed sign-ins for one email, known or not (so it reveals nothing about
 * which accounts exist). Counted atomically in PostgreSQL, in its own transaction.
 */
@ApplicationScoped
public class LoginThrottle {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.staff.lockout.failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "pathlight.staff.lockout.minutes", defaultValue = "15")
  int lockMinutes;

  /** When the email is locked out, until when. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Instant> lockedUntil(String email) {
    @SuppressWarnings("unchecked")
    List<Timestamp> locked =
        em.createNativeQuery(
                "select locked_until from staff_login_throttle"
                    + " where email_key = ?1 and locked_until > ?2")
            .setParameter(1, key(email))
            .setParameter(2, Timestamp.from(clock.instant()))
            .getResultList();
    return locked.stream().findFirst().map(Timestamp::toInstant);
  }

  /** Counts a failure; returns the lock-out end when this failure starts one. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Instant> failed(String email) {
    Instant now = clock.instant();
    Duration window = Duration.ofMinutes(lockMinutes);
    Timestamp windowOpen = Timestamp.from(now.minus(window));
    Object lockedUntil =
        em.createNativeQuery(
                "insert into staff_login_throttle (email_key, failures, window_start)"
                    + " values (?1, 1, ?2)"
                    + " on conflict (email_key) do update set"
                    + "  failures = case when staff_login_throttle.window_start < ?3"
                    + "    then 1 else staff_login_throttle.failures + 1 end,"
                    + "  window_start = case when staff_login_throttle.window_start < ?3"
                    + "    then ?2 else staff_login_throttle.window_start end,"
                    + "  locked_until = case"
                    + "    when staff_login_throttle.window_start >= ?3"
                    + "     and staff_login_throttle.failures + 1 >= ?4 then ?5"
                    + "    else staff_login_throttle.locked_until end"
                    + " returning locked_until")
            .setParameter(1, key(email))
            .setParameter(2, Timestamp.from(now))
            .setParameter(3, windowOpen)
            .setParameter(4, maxFailures)
            .setParameter(5, Timestamp.from(now.plus(window)))
            .getSingleResult();
    return Optional.ofNullable((Timestamp) lockedUntil)
        .map(Timestamp::toInstant)
        .filter(now::isBefore);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeeded(String email) {
    em.createNativeQuery("delete from staff_login_throttle where email_key = ?1")
        .setParameter(1, key(email))
        .executeUpdate();
  }

  private static String key(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
