package org.pathlight.access;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Set;
import org.pathlight.common.ProblemException;

/** Guards every {@link StaffOnly} resource method: 401, 403, and CSRF for cookie sessions. */
@Provider
public class StaffAuthorization implements DynamicFeature {

  public static final String BAD_CREDENTIALS = "pathlight.staff.badCredentials";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    StaffOnly onMethod = resource.getResourceMethod().getAnnotation(StaffOnly.class);
    StaffOnly guard =
        onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(StaffOnly.class);
    if (guard != null) {
      context.register(new Guard(guard.value()));
    }
  }

  /**
   * The checks of a {@link StaffOnly} method, for a resource that serves staff and others on one
   * path and so cannot be annotated: one of {@code roles} (admins always), and on a cookie
   * session's unsafe call the CSRF token.
   */
  public static void permit(
      StaffPrincipal who, String method, String csrfHeader, StaffRole... roles) {
    if (roles.length > 0) {
      requireTwoFactorDone(who);
    }
    if (roles.length > 0 && Arrays.stream(roles).noneMatch(who::has)) {
      throw ProblemException.forbidden(
          "role-required",
          "This needs one of the roles "
              + Arrays.stream(roles).map(StaffRole::code).toList()
              + "; your roles are "
              + who.roles().stream().map(StaffRole::code).sorted().toList()
              + ".");
    }
    if (who.viaCookie()
        && !SAFE_METHODS.contains(method)
        && !Secrets.constantTimeEquals(who.csrfToken(), csrfHeader)) {
      throw ProblemException.forbidden(
          "csrf", "Send the csrfToken from the sign-in answer in the " + CSRF_HEADER + " header.");
    }
  }

  /**
   * 403 two-factor-required while the organisation requires two-step sign-in and {@code who} has
   * not turned it on: for anything beyond turning it on, a password change and signing out.
   */
  public static void requireTwoFactorDone(StaffPrincipal who) {
    if (who.twoFactorDue()) {
      throw ProblemException.forbidden(
          "two-factor-required",
          "Your organisation requires two-step sign-in: turn it on for your account at"
              + " /staff/two-factor, then try again.");
    }
  }

  @Priority(Priorities.AUTHORIZATION)
  static final class Guard implements ContainerRequestFilter {
    private final StaffRole[] roles;

    Guard(StaffRole[] roles) {
      this.roles = roles.clone();
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (!(request.getSecurityContext().getUserPrincipal() instanceof StaffPrincipal who)) {
        throw ProblemException.unauthorized(
            request.getProperty(BAD_CREDENTIALS) != null
                ? "The bearer token is not valid (revoked, expired, or never issued)."
                : "Sign in as staff, or send an API token as Authorization: Bearer.");
      }
      permit(who, request.getMethod(), request.getHeaderString(CSRF_HEADER), roles);
    }
  }
}
