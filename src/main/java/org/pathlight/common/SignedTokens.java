package org.pathlight.common;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed links for every component (manage my gift, calendar feed, unsubscribe, volunteer sign-in).
 * The key is {@code PATHLIGHT_TOKENS_SECRET}, or one generated once into the data directory;
 * several instances must share it (configure it, or share the data directory).
 */
@ApplicationScoped
public class SignedTokens {

  @Inject
  @ConfigProperty(name = "pathlight.tokens.secret")
  Optional<String> configuredSecret;

  @Inject DataDirectory dataDirectory;
  @Inject Clock clock;

  @PersistenceContext EntityManager em;

  private TokenCodec codec;

  @PostConstruct
  void init() {
    byte[] secret =
        configuredSecret
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .orElseGet(() -> generatedSecret(dataDirectory.root().resolve("tokens.secret")));
    codec = new TokenCodec(secret);
  }

  public String issue(String purpose, String subject, Duration validFor) {
    return codec.encode(purpose, subject, clock.instant().plus(validFor));
  }

  /** A genuine, unexpired, unrevoked token of this purpose. */
  public Optional<TokenCodec.Claims> verify(String token, String purpose) {
    return codec
        .decode(token, purpose, clock.instant())
        .filter(claims -> em.find(RevokedToken.class, claims.tokenId()) == null);
  }

  @Transactional
  public void revoke(TokenCodec.Claims claims) {
    if (em.find(RevokedToken.class, claims.tokenId()) == null) {
      em.persist(new RevokedToken(claims.tokenId(), clock.instant(), claims.expiresAt()));
    }
  }

  /** Revocations of tokens that have expired anyway are no longer needed. */
  @Transactional
  public int purgeExpiredRevocations() {
    return em.createNamedQuery("RevokedToken.purgeExpired")
        .setParameter("now", clock.instant())
        .executeUpdate();
  }

  static byte[] generatedSecret(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[48];
        new SecureRandom().nextBytes(fresh);
        try {
          Files.createDirectories(file.getParent());
          Files.writeString(
              file,
              Base64.getEncoder().encodeToString(fresh),
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions protect it
          }
        } catch (FileAlreadyExistsException anotherInstanceWon) {
          // fall through and read the one that was written first
        }
      }
      return Files.readString(file).trim().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the token secret " + file, e);
    }
  }
}
