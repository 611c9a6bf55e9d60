package org.pathlight.staff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pathlight.common.Emails;

/**
 * What a staff password may not be (OWASP ASVS 2.1): shorter than 12 characters, the account's
 * email or the part before its @, or one of the most common passwords ({@code common-passwords.txt}
 * beside this class). Length alone let {@code password1234} through.
 */
final class PasswordPolicy {

  static final int MIN_LENGTH = 12;
  private static final String LIST = "common-passwords.txt";
  private static final Set<String> COMMON = load();

  private PasswordPolicy() {}

  /** Why the password is refused for this email, in words for the person choosing it. */
  static Optional<String> refusal(String email, String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return Optional.of("must be at least " + MIN_LENGTH + " characters");
    }
    String folded = fold(password);
    String emailKey = Emails.normalize(email);
    String local = emailKey.contains("@") ? emailKey.substring(0, emailKey.lastIndexOf('@')) : "";
    if (folded.equals(emailKey) || folded.equals(local) || folded.contains(emailKey)) {
      return Optional.of("must not be your email address or the part of it before the @");
    }
    if (COMMON.contains(folded)) {
      return Optional.of(
          "is one of the most common passwords, which are guessed first; choose a longer one,"
              + " such as a few unrelated words");
    }
    return Optional.empty();
  }

  static int commonCount() {
    return COMMON.size();
  }

  private static String fold(String password) {
    return Emails.normalize(password).toLowerCase(Locale.ROOT);
  }

  private static Set<String> load() {
    try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " is missing beside " + PasswordPolicy.class);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(PasswordPolicy::fold)
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
