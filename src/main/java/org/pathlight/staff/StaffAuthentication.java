package org.pathlight.staff;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.pathlight.access.StaffAuthorization;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;

/**
 * Finds the staff member behind a request: a bearer token ({@code plt_…}) or, when the request
 * carries no Authorization header at all, the session cookie. Finding nobody is not an error here;
 * {@link StaffAuthorization} decides what needs whom.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class StaffAuthentication implements ContainerRequestFilter {

  public static final String COOKIE = "pathlight_staff";

  @Inject StaffSessions sessions;
  @Inject ApiTokens tokens;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<StaffPrincipal> who = Optional.empty();
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && authorization.substring(7).trim().startsWith(ApiTokens.PREFIX)) {
      who = tokens.resolve(authorization.substring(7).trim());
      if (who.isEmpty()) {
        request.setProperty(StaffAuthorization.BAD_CREDENTIALS, Boolean.TRUE);
      }
    } else if (authorization == null) {
      // a request that presents another credential (a volunteer's link token) speaks as that
      // person, even from a browser that also holds a staff session
      Cookie cookie = request.getCookies().get(COOKIE);
      if (cookie != null) {
        who = sessions.resolve(cookie.getValue());
      }
    }
    who.ifPresent(principal -> request.setSecurityContext(context(principal, request)));
  }

  private static SecurityContext context(
      StaffPrincipal principal, ContainerRequestContext request) {
    boolean secure = request.getSecurityContext().isSecure();
    return new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }

      @Override
      public boolean isUserInRole(String role) {
        return StaffRole.fromCode(role).map(principal::has).orElse(false);
      }

      @Override
      public boolean isSecure() {
        return secure;
      }

      @Override
      public String getAuthenticationScheme() {
        return principal.viaCookie() ? "COOKIE" : "BEARER";
      }
    };
  }
}
