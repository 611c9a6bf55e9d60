package org.pathlight.staff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pathlight.access.StaffRole;

/**
 * Single sign-on's settings ({@code pathlight.sso.*}), read once. Off unless {@code
 * pathlight.sso.enabled=true} with a provider, a client id and a client secret.
 *
 * <p>{@code roles.map} is {@code group=role} pairs separated by commas ({@code
 * staff-admins=admin,fundraisers=fundraising}); a group may give several roles. Empty: roles are
 * kept in Pathlight, and only people who already have an account may sign in.
 */
record SsoSettings(
    boolean enabled,
    String providerUri,
    String clientId,
    String clientSecret,
    String name,
    String emailClaim,
    String rolesClaim,
    String rolesMap,
    List<String> createDomains,
    boolean trustUnverifiedEmail,
    boolean trustProviderMfa) {

  /** RFC 8176 methods that are a second factor (or a phishing-resistant first one). */
  static final java.util.Set<String> MFA_METHODS =
      java.util.Set.of(
          "mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "pop", "sc");

  /** The secret never reaches a log through this record. */
  @Override
  public String toString() {
    return "SsoSettings[enabled="
        + enabled
        + ", providerUri="
        + providerUri
        + ", clientId="
        + clientId
        + "]";
  }

  /**
   * The Pathlight roles the provider's groups give, or empty when there is no role mapping (the
   * account keeps its roles). An unknown role in the map is an {@link IllegalArgumentException}.
   */
  Optional<Set<StaffRole>> mapRoles(List<String> groups) {
    if (rolesMap == null || rolesMap.isBlank()) {
      return Optional.empty();
    }
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    parseRolesMap(rolesMap).stream()
        .filter(e -> groups != null && groups.contains(e.getKey()))
        .forEach(e -> roles.add(e.getValue()));
    return Optional.of(roles);
  }

  /**
   * The {@code group=role} pairs of a roles map, in order; an {@link IllegalArgumentException} says
   * what is wrong (checked at deployment by {@link SsoSwitch}).
   */
  static List<Map.Entry<String, StaffRole>> parseRolesMap(String map) {
    List<Map.Entry<String, StaffRole>> pairs = new ArrayList<>();
    for (String pair : map == null ? new String[0] : map.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + pair.trim() + "' is not group=role");
      }
      String code = pair.substring(eq + 1).trim();
      StaffRole role =
          StaffRole.fromCode(code)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown role '"
                              + code
                              + "'; use admin, fundraising, volunteers, advocacy or impact"));
      pairs.add(Map.entry(pair.substring(0, eq).trim(), role));
    }
    return pairs;
  }

  /**
   * Whether someone without an account gets one on first sign-in: their email's domain is listed.
   */
  boolean mayCreate(String email) {
    if (email.indexOf('@') != email.lastIndexOf('@')) {
      return false;
    }
    String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return createDomains != null
        && createDomains.stream()
            .map(d -> d.trim().toLowerCase(Locale.ROOT))
            .anyMatch(d -> !d.isEmpty() && d.equals(domain));
  }

  static List<String> list(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? List.of()
        : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
  }
}
