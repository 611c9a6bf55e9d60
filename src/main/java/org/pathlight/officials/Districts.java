package org.pathlight.officials;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Pathlight names districts and offices. A US House district is its number without padding, or
 * {@code AL} for an at-large seat (a whole state, DC or a territory: {@code cd 0} in the
 * crosswalk); people see it as {@code NY-12} or {@code WY-AL}.
 */
final class Districts {

  static final String AT_LARGE = "AL";

  /** DC and the territories send a non-voting member to the House and have no senators. */
  private static final Set<String> TERRITORIES = Set.of("PR", "GU", "VI", "AS", "MP");

  private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
  private static final Pattern LABEL =
      Pattern.compile("([A-Za-z]{2})-(\\d{1,3}|AL|al|At-Large|at-large)");

  private Districts() {}

  static boolean isState(String code) {
    return code != null && STATE.matcher(code).matches();
  }

  /** The crosswalk's / congress-legislators' district number as Pathlight's code. */
  static String house(int number) {
    if (number < 0 || number > 99) {
      throw new IllegalArgumentException("a House district is 0 to 99, not " + number);
    }
    return number == 0 ? AT_LARGE : Integer.toString(number);
  }

  static String label(String state, String district) {
    return state + "-" + district;
  }

  /** A seat parsed from {@code NY-12}, {@code NY-012}, {@code WY-AL} or {@code WY-0}. */
  record Seat(String state, String district) {}

  /** The seat a person typed, or null when it is not of the form {@code XX-N} / {@code XX-AL}. */
  static Seat parse(String label) {
    if (label == null) {
      return null;
    }
    Matcher m = LABEL.matcher(label.strip());
    if (!m.matches()) {
      return null;
    }
    String state = m.group(1).toUpperCase(Locale.ROOT);
    String d = m.group(2);
    if (!Character.isDigit(d.charAt(0))) {
      return new Seat(state, AT_LARGE);
    }
    int number = Integer.parseInt(d);
    return number > 99 ? null : new Seat(state, house(number));
  }

  /** The Open Civic Data division of a House seat. */
  static String houseDivision(String state, String district) {
    String cd = AT_LARGE.equals(district) ? "at-large" : district;
    return statePrefix(state) + "/cd:" + cd;
  }

  /** The Open Civic Data division of a state (or DC, or a territory). */
  static String stateDivision(String state) {
    return statePrefix(state);
  }

  private static String statePrefix(String state) {
    String s = state.toLowerCase(Locale.ROOT);
    if ("DC".equals(state)) {
      return "ocd-division/country:us/district:dc";
    }
    return "ocd-division/country:us/" + (TERRITORIES.contains(state) ? "territory:" : "state:") + s;
  }

  /** The House member's title: DC and territories elect delegates, Puerto Rico a commissioner. */
  static String houseTitle(String state) {
    if ("PR".equals(state)) {
      return "Resident Commissioner";
    }
    return "DC".equals(state) || TERRITORIES.contains(state) ? "Delegate" : "Representative";
  }

  /** A state legislator's title by chamber; the common name for the chamber's members. */
  static String stateTitle(String state, String office) {
    if ("DC".equals(state)) {
      return "Councilmember";
    }
    if ("state-upper".equals(office)) {
      return "State Senator";
    }
    switch (state) {
      case "CA":
      case "NV":
      case "NY":
      case "WI":
      case "NJ":
        return "Assembly Member";
      case "MD":
      case "VA":
      case "WV":
        return "Delegate";
      default:
        return "State Representative";
    }
  }
}
