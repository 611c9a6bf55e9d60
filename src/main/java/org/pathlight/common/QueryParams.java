package org.pathlight.common;

import java.util.Set;

/**
 * Checks for query parameters. (Bean Validation annotations on query parameters break Payara's
 * OpenAPI generator, so query parameters are checked here, with the same problem answers.)
 */
public final class QueryParams {

  private QueryParams() {}

  public static int range(String field, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw ProblemException.invalid(field, "must be between " + min + " and " + max);
    }
    return v;
  }

  public static String maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw ProblemException.invalid(field, "must be at most " + max + " characters");
    }
    return value;
  }

  public static String oneOf(String field, String value, String fallback, Set<String> allowed) {
    String v = value == null || value.isBlank() ? fallback : value;
    if (!allowed.contains(v)) {
      throw ProblemException.invalid(field, "use one of " + allowed.stream().sorted().toList());
    }
    return v;
  }

  /** An amount in minor units (cents): a whole number from 0 to 10^12; null or blank: none. */
  public static Long cents(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!value.strip().matches("[0-9]{1,13}")) {
      throw ProblemException.invalid(field, "give a whole number of cents, such as 2500 for $25");
    }
    long v = Long.parseLong(value.strip());
    if (v > 1_000_000_000_000L) {
      throw ProblemException.invalid(field, "is too large");
    }
    return v;
  }
}
