package org.pathlight.testing;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.pathlight.PathlightApplication;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the API as META-INF/openapi.yaml documents them (OpenApiDocumentTest keeps it
 * equal to the resources), for tests that sweep every endpoint.
 */
public final class Operations {

  /** One operation: method, path template, its documented query parameters. */
  public record Operation(String method, String path, List<String> queryParameters) {
    /** The path with every {parameter} replaced by {@code value}. */
    public String pathWith(String value) {
      return path.replaceAll("\\{[^}]+}", value);
    }

    public boolean hasPathParameters() {
      return path.contains("{");
    }

    public boolean sendsBody() {
      return Set.of("POST", "PUT", "PATCH").contains(method);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private Operations() {}

  @SuppressWarnings("unchecked")
  public static List<Operation> documented() {
    Map<String, Object> document;
    try (InputStream in =
        Operations.class.getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
      document = new Yaml().load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Operation> operations = new ArrayList<>();
    var paths = (Map<String, Map<String, Object>>) document.get("paths");
    paths.forEach(
        (path, item) ->
            item.forEach(
                (method, value) -> {
                  if (!(value instanceof Map<?, ?> operation)) {
                    return;
                  }
                  List<String> query = new ArrayList<>();
                  var parameters = (List<Map<String, Object>>) operation.get("parameters");
                  if (parameters != null) {
                    for (var p : parameters) {
                      if ("query".equals(p.get("in"))) {
                        query.add((String) p.get("name"));
                      }
                    }
                  }
                  operations.add(new Operation(method.toUpperCase(), path, query));
                }));
    return operations;
  }

  /**
   * "METHOD /api/path" of every resource method that reads a JSON record body: the ones the strict
   * JSON reader must guard.
   */
  public static Set<String> takingJsonBodies() {
    return resourceMethods(
        m -> {
          Consumes consumes = m.getAnnotation(Consumes.class);
          return consumes != null
              && Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON)
              && Arrays.stream(m.getParameters()).anyMatch(Operations::isRecordBody);
        });
  }

  /** "METHOD /api/path" of every resource method that reads a request body of any kind. */
  public static Set<String> takingBodies() {
    return resourceMethods(m -> Arrays.stream(m.getParameters()).anyMatch(Operations::isEntity));
  }

  /** "METHOD /api/path" of every resource method the application has. */
  public static Set<String> implemented() {
    return resourceMethods(m -> true);
  }

  private static Set<String> resourceMethods(java.util.function.Predicate<Method> which) {
    Set<String> found = new TreeSet<>();
    try {
      var classes =
          Paths.get(
              PathlightApplication.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI());
      try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
        for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name =
              classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
          if (name.startsWith("org.pathlight.launcher")) {
            continue;
          }
          Class<?> type;
          try {
            type = Class.forName(name, false, Operations.class.getClassLoader());
          } catch (ClassNotFoundException | NoClassDefFoundError e) {
            continue;
          }
          Path root = type.getAnnotation(Path.class);
          if (root == null) {
            continue;
          }
          for (Method m : type.getDeclaredMethods()) {
            if (verb(m).equals("?") || !which.test(m)) {
              continue;
            }
            Path sub = m.getAnnotation(Path.class);
            String full = "/api/" + root.value() + (sub == null ? "" : "/" + sub.value());
            found.add(verb(m) + " " + full.replaceAll("/+", "/"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  /** The request body: a parameter that JAX-RS fills from nothing but the entity. */
  private static boolean isEntity(Parameter p) {
    return Arrays.stream(p.getAnnotations())
        .noneMatch(a -> a.annotationType().getPackageName().startsWith("jakarta.ws.rs"));
  }

  private static boolean isRecordBody(Parameter p) {
    return p.getType().isRecord()
        && Arrays.stream(p.getAnnotations())
            .noneMatch(a -> a.annotationType().getPackageName().equals("jakarta.ws.rs"));
  }

  private static String verb(Method m) {
    if (m.isAnnotationPresent(GET.class)) return "GET";
    if (m.isAnnotationPresent(POST.class)) return "POST";
    if (m.isAnnotationPresent(PUT.class)) return "PUT";
    if (m.isAnnotationPresent(PATCH.class)) return "PATCH";
    if (m.isAnnotationPresent(DELETE.class)) return "DELETE";
    return "?";
  }
}
