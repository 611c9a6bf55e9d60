package org.pathlight.staff;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.pathlight.common.ClientAddress;

/**
 * When the OpenID Connect mechanism refuses the provider's answer at {@code /staff/sso} or its
 * callback it throws, and the container would answer a blank 500 (other addresses are left alone).
 * This decorator (Soteria lets decorators wrap its built-in mechanisms) sends the browser back to
 * the sign-in page instead, which says that single sign-on did not work, and audits and logs why
 * ({@code staff.sso-refused}, reason {@code failed}).
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
abstract class SsoFailures implements HttpAuthenticationMechanism {

  @Inject @Delegate @Any HttpAuthenticationMechanism mechanism;
  @Inject SingleSignOn singleSignOn;
  @Inject ClientAddress clientAddress;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (!request.getRequestURI().startsWith("/staff/sso")) {
      return mechanism.validateRequest(request, response, context);
    }
    try {
      return mechanism.validateRequest(request, response, context);
    } catch (AuthenticationException | RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      Throwable cause = e.getCause();
      if (cause != null && cause.getMessage() != null && !why.contains(cause.getMessage())) {
        why = why + ": " + cause.getMessage();
      }
      singleSignOn.failed(
          why.length() > 300 ? why.substring(0, 300) : why, clientAddress.of(request));
      return context.redirect("/staff/?sso=failed");
    }
  }
}
