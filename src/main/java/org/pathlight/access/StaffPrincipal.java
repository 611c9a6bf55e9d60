package org.pathlight.access;

import java.security.Principal;
import java.util.Set;

/**
 * The signed-in staff member of a request. {@code csrfToken} is set for cookie sessions (whose
 * unsafe calls must echo it) and null for bearer tokens. {@code twoFactorDue}: the organisation
 * requires two-step sign-in and this session's account has not turned it on yet, so it holds no
 * roles until it does.
 */
public record StaffPrincipal(
    long id,
    String email,
    String displayName,
    Set<StaffRole> roles,
    String csrfToken,
    boolean twoFactorDue)
    implements Principal {

  public StaffPrincipal(
      long id, String email, String displayName, Set<StaffRole> roles, String csrfToken) {
    this(id, email, displayName, roles, csrfToken, false);
  }

  @Override
  public String getName() {
    return email;
  }

  public boolean viaCookie() {
    return csrfToken != null;
  }

  public boolean has(StaffRole role) {
    return roles.contains(StaffRole.ADMIN) || roles.contains(role);
  }

  /** How the audit trail names this person. */
  public String actor() {
    return "staff:" + email;
  }
}
