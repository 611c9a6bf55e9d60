package org.pathlight.staff;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238 over RFC 4226's HOTP, HMAC-SHA1, 6 digits, 30-second steps),
 * as every authenticator app makes them, and the base32 (RFC 4648) their secrets are written in.
 */
final class Totp {

  static final int STEP_SECONDS = 30;

  /** Steps either side of now a code is still accepted for: a phone's clock may be off a little. */
  static final int WINDOW = 1;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  static long step(long epochSeconds) {
    return Math.floorDiv(epochSeconds, STEP_SECONDS);
  }

  /** The 6-digit code of a step, zero-padded. */
  static String code(byte[] key, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int o = h[h.length - 1] & 0x0f;
      int binary =
          ((h[o] & 0x7f) << 24)
              | ((h[o + 1] & 0xff) << 16)
              | ((h[o + 2] & 0xff) << 8)
              | (h[o + 3] & 0xff);
      return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
    }
  }

  /**
   * The step within {@link #WINDOW} of {@code nowStep} whose code is {@code code} and which is
   * newer than {@code lastStep} (so a code is used once), or -1.
   */
  static long match(byte[] key, String code, long nowStep, long lastStep) {
    String digits = code == null ? "" : code.replaceAll("\\s", "");
    if (!digits.matches("[0-9]{6}")) {
      return -1;
    }
    for (long s = nowStep - WINDOW; s <= nowStep + WINDOW; s++) {
      if (s > lastStep
          && java.security.MessageDigest.isEqual(
              code(key, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        return s;
      }
    }
    return -1;
  }

  static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  static byte[] fromBase32(String text) {
    String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
    ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
    int buffer = 0;
    int bits = 0;
    for (char c : clean.toCharArray()) {
      int v = ALPHABET.indexOf(c);
      if (v < 0) {
        throw new IllegalArgumentException("not base32: " + c);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >> (bits - 8)));
        bits -= 8;
      }
    }
    return java.util.Arrays.copyOf(out.array(), out.position());
  }
}
