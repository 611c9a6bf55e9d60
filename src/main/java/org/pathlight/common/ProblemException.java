package org.pathlight.common;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by any component to answer with a problem document. Carries no stack-trace data to the
 * client: only what the {@link Problem} says.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final Duration retryAfter;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  public ProblemException(Problem problem, Duration retryAfter) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  public Problem problem() {
    return problem;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public static ProblemException badRequest(String slug, String detail) {
    return new ProblemException(Problem.of(400, slug, "Bad request", detail));
  }

  public static ProblemException invalid(String field, String message) {
    return new ProblemException(
        Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
            .withErrors(List.of(new Problem.FieldError(field, message))));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.of(404, "not-found", "Not found", what));
  }

  public static ProblemException conflict(String slug, String detail) {
    return new ProblemException(Problem.of(409, slug, "Conflict", detail));
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "unauthorized", "Sign-in required", detail));
  }

  public static ProblemException forbidden(String slug, String detail) {
    return new ProblemException(Problem.of(403, slug, "Forbidden", detail));
  }

  public static ProblemException tooManyRequests(String slug, String detail, Duration retryAfter) {
    return new ProblemException(Problem.of(429, slug, "Too many requests", detail), retryAfter);
  }
}
