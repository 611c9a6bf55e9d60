package org.pathlight.common;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail}, {@code
 * instance}, plus {@code errors: [{field, message}]} for validation and extension members. The one
 * shape every error of Pathlight takes.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors,
    Map<String, Object> extensions) {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * The request attribute a filter sets to the problem it refused the request with, for the error
   * page to answer.
   */
  public static final String REQUEST_ATTRIBUTE = "org.pathlight.problem";

  /** Problem types are relative URIs under this prefix; the README lists them. */
  public static final String TYPE_PREFIX = "/problems/";

  public record FieldError(String field, String message) {}

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of(), Map.of());
  }

  public Problem withInstance(String path) {
    return new Problem(type, title, status, detail, path, errors, extensions);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
  }

  public Problem with(String member, Object value) {
    var copy = new java.util.LinkedHashMap<>(extensions);
    copy.put(member, value);
    return new Problem(type, title, status, detail, instance, errors, copy);
  }

  public String toJson() {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("type", type).add("title", title);
    json.add("status", status);
    if (detail != null) {
      json.add("detail", detail);
    }
    if (instance != null) {
      json.add("instance", instance);
    }
    if (!errors.isEmpty()) {
      JsonArrayBuilder list = JSON.createArrayBuilder();
      for (FieldError e : errors) {
        list.add(JSON.createObjectBuilder().add("field", e.field()).add("message", e.message()));
      }
      json.add("errors", list);
    }
    extensions.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            json.add(k, n.longValue());
          } else if (v instanceof Boolean b) {
            json.add(k, b);
          } else if (v instanceof List<?> l) {
            JsonArrayBuilder arr = JSON.createArrayBuilder();
            l.forEach(item -> arr.add(String.valueOf(item)));
            json.add(k, arr);
          } else {
            json.add(k, String.valueOf(v));
          }
        });
    return json.build().toString();
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
  }
}
