package org.pathlight.web;

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
import org.pathlight.common.DatabaseFailures;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemMappers;

/**
 * Errors the servlet container answers itself (unknown page, wrong method on a static file, a
 * failure outside JAX-RS): a problem document for programs, a plain page with the hotline for
 * people. Never a stack trace. Wired in web.xml as the error page.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

  /** A request attribute: the problem to answer, set by a filter that refused the request. */
  @Inject Pages pages;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    Problem problem =
        request.getAttribute(Problem.REQUEST_ATTRIBUTE) instanceof Problem given
            ? given
            : forStatus(request, status, path);
    problem = problem.instance() == null ? problem.withInstance(path) : problem;
    response.setStatus(problem.status());
    if (problem.status() == 503) {
      response.setHeader("Retry-After", Integer.toString(ProblemMappers.RETRY_AFTER_SECONDS));
    }
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

  /** The problem for a status the container answers, for every 4xx and 5xx it can produce. */
  static Problem forStatus(HttpServletRequest request, int status, String path) {
    return switch (status) {
      case 400 ->
          Problem.of(
              400,
              "malformed-request",
              "Malformed request",
              "The request could not be read; check the address, the headers and the body.");
      case 401 ->
          Problem.of(401, "unauthorized", "Sign-in required", "Sign in to use this address.");
      case 403 -> Problem.of(403, "forbidden", "Forbidden", "You may not use this address.");
      case 404 -> Problem.of(404, "not-found", "Not found", "There is nothing at " + path + ".");
      case 405 ->
          Problem.of(
              405, "method-not-allowed", "Method not allowed", "This address only answers GET.");
      case 408 ->
          Problem.of(
              408, "request-timeout", "Request timeout", "The request took too long to arrive.");
      case 411 ->
          Problem.of(
              411,
              "length-required",
              "Length required",
              "Send a Content-Length header with the body.");
      case 413 ->
          Problem.of(
              413, "body-too-large", "Request body too large", "Send a smaller request body.");
      case 414 ->
          Problem.of(
              414, "uri-too-long", "Address too long", "The address is too long; send less in it.");
      case 415 ->
          Problem.of(
              415,
              "unsupported-media-type",
              "Unsupported media type",
              "Send the body as application/json (Content-Type header).");
      case 431 ->
          Problem.of(
              431,
              "headers-too-large",
              "Request headers too large",
              "The request headers are too large; send fewer or shorter headers.");
      case 501 ->
          Problem.of(
              501,
              "not-implemented",
              "Unknown HTTP method",
              "This server does not support that HTTP method; use GET, POST, PUT, PATCH or"
                  + " DELETE.");
      case 503 ->
          Problem.of(
              503,
              "service-unavailable",
              "Service unavailable",
              "The service is briefly unavailable; try again in a moment.");
      case 505 ->
          Problem.of(
              505, "http-version-not-supported", "HTTP version not supported", "Use HTTP/1.1.");
      default ->
          status >= 400 && status < 500
              ? Problem.of(
                  status, "http-" + status, "Request failed", "The request could not be completed.")
              : internal(request, status);
    };
  }

  private static Problem internal(HttpServletRequest request, int status) {
    Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (thrown instanceof Throwable t && DatabaseFailures.unavailable(t)) {
      LOG.warning(
          "Database unavailable, answered 503 at "
              + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
              + ": "
              + DatabaseFailures.summary(t));
      return ProblemMappers.SERVICE_UNAVAILABLE;
    }
    String id = UUID.randomUUID().toString();
    LOG.log(
        Level.SEVERE,
        "Failure answered with " + status + ", error id " + id,
        thrown instanceof Throwable t ? t : null);
    int answered = status >= 500 && status < 600 ? status : 500;
    return Problem.of(
            answered,
            "internal",
            "Internal error",
            "Something went wrong on our side. Quote error id " + id + " if you report it.")
        .with("errorId", id);
  }
}
