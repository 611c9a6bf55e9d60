package org.pathlight.common;

import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Errors the servlet container answers itself (unknown page, wrong method on a static file, a
 * failure outside JAX-RS): a problem document for programs, a plain page with the hotline for
 * people. Never a stack trace. Wired in web.xml as the error page.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

  @Inject Pages pages;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    Problem problem =
        switch (status) {
          case 404 ->
              Problem.of(404, "not-found", "Not found", "There is nothing at " + path + ".");
          case 405 ->
              Problem.of(
                  405,
                  "method-not-allowed",
                  "Method not allowed",
                  "This address only answers GET.");
          case 413 ->
              Problem.of(
                  413, "body-too-large", "Request body too large", "Send a smaller request body.");
          default -> internal(request, status);
        };
    problem = problem.withInstance(path);
    response.setStatus(problem.status());
    response.setHeader("Cache-Control", "no-store");
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains("text/html")) {
      response.setContentType("text/html;charset=UTF-8");
      response
          .getWriter()
          .write(
              pages.render(
                  "error",
                  problem.title(),
                  Map.of("status", problem.status(), "detail", problem.detail())));
    } else {
      response.setContentType(Problem.MEDIA_TYPE);
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(problem.toJson());
    }
  }

  private static Problem internal(HttpServletRequest request, int status) {
    String id = UUID.randomUUID().toString();
    Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    LOG.log(
        Level.SEVERE,
        "Failure answered with " + status + ", error id " + id,
        thrown instanceof Throwable t ? t : null);
    int answered = status >= 400 && status < 600 ? status : 500;
    return Problem.of(
            answered,
            answered >= 500 ? "internal" : "http-" + answered,
            answered >= 500 ? "Internal error" : "Request failed",
            answered >= 500
                ? "Something went wrong on our side. Quote error id " + id + " if you report it."
                : "The request could not be completed.")
        .with("errorId", id);
  }
}
