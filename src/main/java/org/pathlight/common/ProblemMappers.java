package org.pathlight.common;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Every failure of a JAX-RS call becomes one RFC 9457 problem document. One mapper for all
 * throwables, so the precedence is explicit here rather than spread over provider priorities.
 */
@Provider
public class ProblemMappers implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());
  private static final Pattern CLASS_NAMES =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*");
  private static final int MAX_DETAIL = 300;
  private static final Pattern UNKNOWN_PROPERTY =
      Pattern.compile("Json property (\\S+) can not be mapped");

  /** The answer while the database cannot be reached. */
  public static final Problem SERVICE_UNAVAILABLE =
      Problem.of(
          503,
          "service-unavailable",
          "Service unavailable",
          "The service cannot reach its database just now; nothing was changed. Try again in a"
              + " moment.");

  public static final int RETRY_AFTER_SECONDS = 10;

  @Context UriInfo uriInfo;

  /**
   * Bean Validation failures: registered separately because the JAX-RS runtime ships its own mapper
   * for {@code ValidationException}, which would otherwise win over the throwable mapper.
   */
  @Provider
  public static class ConstraintViolations
      implements ExceptionMapper<ConstraintViolationException> {
    @Context UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException thrown) {
      ProblemMappers mappers = new ProblemMappers();
      mappers.uriInfo = uriInfo;
      return mappers.toResponse(thrown);
    }
  }

  @Override
  public Response toResponse(Throwable thrown) {
    ProblemException problem = find(thrown, ProblemException.class);
    if (problem != null) {
      Response.ResponseBuilder answer = respond(problem.problem());
      if (problem.retryAfter() != null) {
        answer.header(HttpHeaders.RETRY_AFTER, Math.max(1, problem.retryAfter().toSeconds()));
      }
      return answer.build();
    }
    ConstraintViolationException invalid = find(thrown, ConstraintViolationException.class);
    if (invalid != null) {
      return respond(validation(invalid)).build();
    }
    BodyLimit.TooLarge tooLarge = find(thrown, BodyLimit.TooLarge.class);
    if (tooLarge != null) {
      return respond(
              Problem.of(
                  413,
                  "body-too-large",
                  "Request body too large",
                  "The request body is larger than "
                      + tooLarge.limit()
                      + " bytes; send less data."))
          .build();
    }
    if (find(thrown, NoContentException.class) != null) {
      return respond(
              Problem.of(
                  400, "missing-body", "Missing request body", "This call needs a JSON body."))
          .build();
    }
    JsonbException jsonb = find(thrown, JsonbException.class);
    java.util.regex.Matcher unknown =
        UNKNOWN_PROPERTY.matcher(jsonb == null ? "" : String.valueOf(jsonb.getMessage()));
    if (unknown.find()) {
      return respond(
              Problem.of(
                      400,
                      "unknown-field",
                      "Unknown field",
                      "The request has a field this call does not take; check its spelling.")
                  .withErrors(
                      List.of(new Problem.FieldError(unknown.group(1), "is not a known field"))))
          .build();
    }
    if (jsonb != null || find(thrown, JsonParsingException.class) != null) {
      return respond(
              Problem.of(
                  400,
                  "malformed-json",
                  "Malformed request body",
                  "The request body is not valid JSON of the expected shape: " + describe(thrown)))
          .build();
    }
    if (thrown instanceof WebApplicationException web) {
      return webApplication(web);
    }
    if (thrown instanceof ProcessingException) {
      return respond(
              Problem.of(
                  400,
                  "malformed-request",
                  "Malformed request",
                  "The request could not be read: " + describe(thrown)))
          .build();
    }
    if (DatabaseFailures.unstorableText(thrown)) {
      // a last line of defence: request checks refuse control characters before this
      LOG.warning("Refused text the database cannot store at " + path());
      return respond(
              Problem.of(
                  400,
                  "malformed-request",
                  "Malformed request",
                  "The request has characters that cannot be stored, such as U+0000; remove"
                      + " them."))
          .build();
    }
    if (DatabaseFailures.unavailable(thrown)) {
      // one line, no stack trace: an outage fails every request the same way
      LOG.warning(
          "Database unavailable, answered 503 at "
              + path()
              + ": "
              + DatabaseFailures.summary(thrown));
      return respond(SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .build();
    }
    String id = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected failure, error id " + id, thrown);
    return respond(
            Problem.of(
                    500,
                    "internal",
                    "Internal error",
                    "Something went wrong on our side. Quote error id " + id + " if you report it.")
                .with("errorId", id))
        .build();
  }

  private Response webApplication(WebApplicationException web) {
    int status = web.getResponse().getStatus();
    Problem problem =
        switch (status) {
          case 404 ->
              Problem.of(404, "not-found", "Not found", "There is nothing at " + path() + ".");
          case 405 ->
              Problem.of(
                  405,
                  "method-not-allowed",
                  "Method not allowed",
                  "This resource does not accept that method; allowed: "
                      + String.join(", ", web.getResponse().getAllowedMethods())
                      + ".");
          case 415 ->
              Problem.of(
                  415,
                  "unsupported-media-type",
                  "Unsupported media type",
                  "Send the body as application/json (Content-Type header).");
          case 406 ->
              Problem.of(
                  406,
                  "not-acceptable",
                  "Not acceptable",
                  "This resource cannot answer in the media type the Accept header asks for.");
          default ->
              Problem.of(
                  status,
                  "http-" + status,
                  Response.Status.fromStatusCode(status) == null
                      ? "HTTP " + status
                      : Response.Status.fromStatusCode(status).getReasonPhrase(),
                  status >= 500 ? "The server could not complete the request." : describe(web));
        };
    if (status >= 500) {
      String id = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "Failure answered with " + status + ", error id " + id, web);
      problem = problem.with("errorId", id);
    }
    Response.ResponseBuilder answer = respond(problem);
    if (web instanceof NotAllowedException) {
      answer.allow(web.getResponse().getAllowedMethods());
    }
    if (web instanceof NotSupportedException) {
      answer.header("Accept-Post", "application/json");
    }
    return answer.build();
  }

  private Problem validation(ConstraintViolationException invalid) {
    List<Problem.FieldError> errors =
        invalid.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .distinct()
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
        .withErrors(errors);
  }

  /**
   * {@code create.command.email} → {@code email}; {@code askAmounts[0].units} for a field of a
   * list's element (Hibernate Validator puts the index on the element's node); a missing body →
   * {@code body}.
   */
  static String field(ConstraintViolation<?> violation) {
    StringBuilder name = new StringBuilder();
    int index = 0;
    for (Path.Node node : violation.getPropertyPath()) {
      index++;
      if (index <= 2 && node.getKind() != jakarta.validation.ElementKind.PROPERTY) {
        continue;
      }
      if (node.isInIterable() && !name.isEmpty()) {
        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
        if (at != null) {
          name.append('[').append(at).append(']');
        }
      }
      String part = node.getName();
      if (part == null || part.startsWith("<")) {
        continue;
      }
      if (!name.isEmpty()) {
        name.append('.');
      }
      name.append(part);
    }
    return name.isEmpty() ? "body" : name.toString();
  }

  private Response.ResponseBuilder respond(Problem problem) {
    Problem located = problem.instance() == null ? problem.withInstance(path()) : problem;
    return Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located.toJson());
  }

  private String path() {
    return uriInfo == null ? null : "/api/" + uriInfo.getPath(false).replaceFirst("^/", "");
  }

  /** The innermost message, without class names, short: safe to show a client. */
  static String describe(Throwable thrown) {
    Throwable deepest = thrown;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = deepest.getMessage() == null ? thrown.getMessage() : deepest.getMessage();
    if (message == null || message.isBlank()) {
      return "check the syntax and the value types.";
    }
    String clean = CLASS_NAMES.matcher(message).replaceAll("value").replaceAll("\\s+", " ").trim();
    return clean.length() > MAX_DETAIL ? clean.substring(0, MAX_DETAIL) + "…" : clean;
  }

  static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
