package org.pathlight.staff;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Jakarta Security's PBKDF2 hash, configured well past its default of 2,048 iterations: 600,000
 * rounds of HMAC-SHA256 (OWASP's figure), 32-byte salt and key. Stored hashes carry their own
 * parameters, so raising the count later keeps old hashes verifiable.
 */
@ApplicationScoped
public class PasswordHasher {

  static final int MIN_ITERATIONS = 600_000;

  /**
   * A real hash, made at start-up with the same parameters as every new hash, of a random password
   * nobody knows: verifying against it costs what a real check costs, so an unknown email answers
   * no faster than a known one, whatever the iteration count is set to.
   */
  private String decoy;

  @Inject Pbkdf2PasswordHash pbkdf2;

  @Inject
  @ConfigProperty(name = "pathlight.password.iterations", defaultValue = "600000")
  int iterations;

  @PostConstruct
  void configure() {
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Iterations", Integer.toString(Math.max(MIN_ITERATIONS, iterations)),
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    byte[] unknowable = new byte[32];
    new SecureRandom().nextBytes(unknowable);
    decoy = hash(Base64.getEncoder().encodeToString(unknowable));
  }

  public String hash(String password) {
    return pbkdf2.generate(password.toCharArray());
  }

  public boolean verify(String password, String storedHash) {
    return pbkdf2.verify(password.toCharArray(), storedHash);
  }

  /** Same work as {@link #verify}, always false: for accounts that do not exist. */
  public boolean verifyDecoy(String password) {
    pbkdf2.verify(password.toCharArray(), decoy);
    return false;
  }
}
