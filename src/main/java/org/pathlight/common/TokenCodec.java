package org.pathlight.common;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed-link format: {@code base64url(v1|purpose|subject|expiresEpochSecond|tokenId)}{@code
 * .}{@code base64url(HMAC-SHA256)}. Purpose-bound (a calendar token never opens a manage page),
 * expiring, and carrying an id so one link can be revoked without touching the others.
 */
public final class TokenCodec {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_TOKEN_LENGTH = 1024;

  private final SecretKeySpec key;

  public record Claims(String purpose, String subject, Instant expiresAt, String tokenId) {}

  public TokenCodec(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the token secret must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  public String encode(String purpose, String subject, Instant expiresAt) {
    requireClean("purpose", purpose);
    requireClean("subject", subject);
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    String payload =
        String.join(
            "|",
            "v1",
            purpose,
            subject,
            Long.toString(expiresAt.getEpochSecond()),
            HexFormat.of().formatHex(id));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(bytes) + "." + B64.encodeToString(mac(bytes));
  }

  /** The claims of a genuine, unexpired token for this purpose; empty for anything else. */
  public Optional<Claims> decode(String token, String purpose, Instant now) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = B64D.decode(token.substring(0, dot));
      signature = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      return Optional.empty();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
    if (parts.length != 5 || !"v1".equals(parts[0]) || !parts[1].equals(purpose)) {
      return Optional.empty();
    }
    Instant expiresAt;
    try {
      expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!now.isBefore(expiresAt)) {
      return Optional.empty();
    }
    return Optional.of(new Claims(parts[1], parts[2], expiresAt, parts[4]));
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static void requireClean(String what, String value) {
    if (value == null || value.isEmpty() || value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(what + " must be non-empty and free of '|'");
    }
  }
}
