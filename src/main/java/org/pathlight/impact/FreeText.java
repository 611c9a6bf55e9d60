package org.pathlight.impact;

import java.util.regex.Pattern;
import org.pathlight.common.ProblemException;

/**
 * The few words staff type about a service type (its name and unit). They describe a service, never
 * a person, so text that looks like contact data (an email, a phone number, an address with a house
 * number, a link) is refused.
 */
final class FreeText {

  private static final Pattern LETTERS = Pattern.compile("[\\p{L}][\\p{L}\\p{M} '’/()&,.-]*");
  private static final Pattern DIGITS = Pattern.compile(".*\\d.*");

  private FreeText() {}

  static String check(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalid(field, "is missing");
    }
    String v = value.strip();
    if (v.length() > max) {
      throw ProblemException.invalid(field, "is longer than " + max + " characters");
    }
    if (v.contains("@") || DIGITS.matcher(v).matches() || v.toLowerCase().contains("www.")) {
      throw ProblemException.invalid(
          field,
          "must be words only: no digits, @ or links, so it can never hold someone's contact"
              + " details");
    }
    if (!LETTERS.matcher(v).matches()) {
      throw ProblemException.invalid(field, "must be words (letters, spaces, dashes)");
    }
    return v;
  }
}
