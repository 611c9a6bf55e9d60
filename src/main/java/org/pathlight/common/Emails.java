package org.pathlight.common;

import java.text.Normalizer;
import java.util.Objects;

/**
 * The one key of an email address: every lookup, dedup, lock-out and rate-limit bucket that is
 * keyed by an email uses {@link #normalize}, so two spellings that reach the same person can never
 * count as two people (a dotted capital I, fullwidth letters, a different case).
 */
public final class Emails {

  private Emails() {}

  /**
   * NFKC (fullwidth and compatibility forms become plain letters), then surrounding whitespace
   * removed, then each code point folded with the simple, locale-free case mappings (lower case of
   * its upper case), then NFKC again for anything the folding decomposed.
   *
   * <p>Per code point, not {@link String#toLowerCase}: that applies the full mappings, which turn
   * {@code İ} into {@code i} plus a combining dot (no NFKC form recombines it) and a final {@code
   * Σ} into {@code ς}, so {@code "İ"} and {@code "I"}, or {@code "ΑΣ"} and {@code "ασ"}, would key
   * differently. Simple folding maps {@code İ}, {@code I} and {@code ı} to {@code i}, {@code ς} to
   * {@code σ}, and {@code ẞ} to {@code ß}; {@code ß} stays {@code ß} (not {@code ss}): a different
   * address for mail servers too.
   */
  public static String normalize(String email) {
    Objects.requireNonNull(email, "email");
    String compatible = Normalizer.normalize(email, Normalizer.Form.NFKC).strip();
    StringBuilder folded = new StringBuilder(compatible.length());
    compatible
        .codePoints()
        .map(cp -> Character.toLowerCase(Character.toUpperCase(cp)))
        .forEach(folded::appendCodePoint);
    return Normalizer.normalize(folded, Normalizer.Form.NFKC);
  }
}
