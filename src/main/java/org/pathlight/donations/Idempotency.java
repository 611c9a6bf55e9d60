package org.pathlight.donations;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * How an Idempotency-Key on {@code POST /api/donations} is honoured: the key belongs to the request
 * it first came with (the SHA-256 of its normalised body is stored beside it), and a request that
 * finds the gift or plan of its key waits at most {@link #LOCK_WAIT} for that gift's checkout.
 */
final class Idempotency {

  /** How long a retry waits for the first request's checkout before it is told to retry later. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(20);

  private Idempotency() {}

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Refuses a request whose body differs from the one the key came with (null: not recorded). */
  static void requireSame(String stored, String requested) {
    if (stored != null && !stored.equals(requested)) {
      throw reused();
    }
  }

  static ProblemException reused() {
    return new ProblemException(
        Problem.of(
            422,
            "idempotency-key-reused",
            "Idempotency key reused",
            "This Idempotency-Key was sent before with a different gift. Use a new key for a new"
                + " gift."));
  }

  /**
   * A lock wait that ran out (PostgreSQL's lock_not_available, 55P03) as {@link #busy()}; any other
   * database failure as it is.
   */
  static RuntimeException busyOr(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
        return busy();
      }
    }
    return e;
  }

  /** Another request for the same key held the gift longer than we wait: try again shortly. */
  static ProblemException busy() {
    return new ProblemException(
        Problem.of(
            409,
            "idempotency-key-in-use",
            "Request in progress",
            "An earlier request with this Idempotency-Key is still opening the checkout. Try again"
                + " in a few seconds."),
        Duration.ofSeconds(5));
  }

  /** Bounds how long this transaction waits for a row lock. */
  static void boundLockWait(EntityManager em) {
    em.createNativeQuery("select set_config('lock_timeout', ?1, true)")
        .setParameter(1, LOCK_WAIT.toMillis() + "ms")
        .getSingleResult();
  }
}
