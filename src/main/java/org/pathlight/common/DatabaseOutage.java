package org.pathlight.common;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * A page that fails because the database cannot be reached answers 503 with Retry-After (through
 * the error page ({@code web.ErrorServlet})) and logs one line, instead of the container logging
 * the servlet's whole stack and answering 500. The API does the same in {@link ProblemMappers}.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DatabaseOutage extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class.getName());

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      if (response.isCommitted() || !DatabaseFailures.unavailable(e)) {
        throw e;
      }
      LOG.warning(
          "Database unavailable, answered 503 at "
              + request.getRequestURI()
              + ": "
              + DatabaseFailures.summary(e));
      request.setAttribute(Problem.REQUEST_ATTRIBUTE, ProblemMappers.SERVICE_UNAVAILABLE);
      response.sendError(503);
    }
  }
}
