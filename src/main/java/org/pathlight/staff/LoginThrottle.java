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
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Emails;

/**
 * Lock-out after repeated failed sign-ins, for an email known or not (so it reveals nothing about
 * which accounts exist). Failures are counted per email and client address, so somebody guessing
 * from one network cannot lock the owner out from another; a much higher ceiling per email across
 * all addresses stops guessing spread over many networks. Counted atomically in PostgreSQL, in its
 * own transaction; an admin can clear an account's counts ({@link StaffAccounts#unlock}).
 */
@ApplicationScoped
public class LoginThrottle {

  /** The address of the row that counts an email's failures from everywhere. */
  static final String ANY_ADDRESS = "*";

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.staff.lockout.failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "pathlight.staff.lockout.account.failures", defaultValue = "50")
  int maxAccountFailures;

  @Inject
  @ConfigProperty(name = "pathlight.staff.lockout.minutes", defaultValue = "15")
  int lockMinutes;

  /** When the email is locked out for this address (or for all), until when. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Instant> lockedUntil(String email, String clientAddress) {
    Object until =
        em.createNativeQuery(
                "select max(locked_until) from staff_login_throttle"
                    + " where email_key = ?1 and client_address in (?2, ?3) and locked_until > ?4")
            .setParameter(1, Emails.normalize(email))
            .setParameter(2, address(clientAddress))
            .setParameter(3, ANY_ADDRESS)
            .setParameter(4, Timestamp.from(clock.instant()))
            .getSingleResult();
    return Optional.ofNullable((Timestamp) until).map(Timestamp::toInstant);
  }

  /** Counts a failure; returns the lock-out end when this failure starts one. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Instant> failed(String email, String clientAddress) {
    String key = Emails.normalize(email);
    Instant now = clock.instant();
    Optional<Instant> here = count(key, address(clientAddress), maxFailures, now);
    Optional<Instant> everywhere = count(key, ANY_ADDRESS, maxAccountFailures, now);
    return Stream.of(here, everywhere).flatMap(Optional::stream).max(Instant::compareTo);
  }

  /** The right password from this address: its count starts again (the ceiling's does not). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void succeeded(String email, String clientAddress) {
    em.createNativeQuery(
            "delete from staff_login_throttle where email_key = ?1 and client_address = ?2")
        .setParameter(1, Emails.normalize(email))
        .setParameter(2, address(clientAddress))
        .executeUpdate();
  }

  /** Forgets every failure and lock-out of the email, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int clear(String email) {
    return em.createNativeQuery("delete from staff_login_throttle where email_key = ?1")
        .setParameter(1, Emails.normalize(email))
        .executeUpdate();
  }

  private Optional<Instant> count(String key, String address, int limit, Instant now) {
    Duration window = Duration.ofMinutes(lockMinutes);
    Object lockedUntil =
        em.createNativeQuery(
                "insert into staff_login_throttle"
                    + " (email_key, client_address, failures, window_start)"
                    + " values (?1, ?6, 1, ?2)"
                    + " on conflict (email_key, client_address) do update set"
                    + "  failures = case when staff_login_throttle.window_start < ?3"
                    + "    then 1 else staff_login_throttle.failures + 1 end,"
                    + "  window_start = case when staff_login_throttle.window_start < ?3"
                    + "    then ?2 else staff_login_throttle.window_start end,"
                    + "  locked_until = case"
                    + "    when staff_login_throttle.window_start >= ?3"
                    + "     and staff_login_throttle.failures + 1 >= ?4 then ?5"
                    + "    else staff_login_throttle.locked_until end"
                    + " returning locked_until")
            .setParameter(1, key)
            .setParameter(2, Timestamp.from(now))
            .setParameter(3, Timestamp.from(now.minus(window)))
            .setParameter(4, limit)
            .setParameter(5, Timestamp.from(now.plus(window)))
            .setParameter(6, address)
            .getSingleResult();
    return Optional.ofNullable((Timestamp) lockedUntil)
        .map(Timestamp::toInstant)
        .filter(now::isBefore);
  }

  private static String address(String clientAddress) {
    return clientAddress == null || clientAddress.isBlank() ? "unknown" : clientAddress;
  }
}
