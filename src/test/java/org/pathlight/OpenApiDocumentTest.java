package org.pathlight;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The hand-kept OpenAPI document names every resource method, and nothing that is gone. */
class OpenApiDocumentTest {

  @Test
  void everyResourceMethodIsDocumentedAndNothingElse() throws Exception {
    assertThat(implemented()).contains("POST /api/staff/session", "PATCH /api/supporters/{id}");
    assertThat(documented()).isEqualTo(implemented());
  }

  private static Set<String> documented() throws IOException {
    String yaml;
    try (InputStream in =
        OpenApiDocumentTest.class.getClassLoader().getResourceAsStream("META-INF/openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> operations = new TreeSet<>();
    String path = null;
    Matcher lines =
        Pattern.compile("(?m)^(  (/\\S+):|    (get|post|put|patch|delete):)").matcher(yaml);
    while (lines.find()) {
      if (lines.group(2) != null) {
        path = lines.group(2);
      } else {
        operations.add(lines.group(3).toUpperCase() + " " + path);
      }
    }
    return operations;
  }

  private static Set<String> implemented() throws IOException, URISyntaxException {
    var classes =
        Paths.get(
            PathlightApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> operations = new TreeSet<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (var file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (name.startsWith("org.pathlight.launcher")) {
          continue;
        }
        Class<?> type;
        try {
          type = Class.forName(name, false, OpenApiDocumentTest.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
          continue;
        }
        Path root = type.getAnnotation(Path.class);
        if (root == null) {
          continue;
        }
        for (Method m : type.getDeclaredMethods()) {
          String verb = verb(m);
          if (verb == null) {
            continue;
          }
          Path sub = m.getAnnotation(Path.class);
          String full = "/api/" + root.value() + (sub == null ? "" : "/" + sub.value());
          operations.add(verb + " " + full.replaceAll("/+", "/"));
        }
      }
    }
    return operations;
  }

  private static String verb(Method m) {
    if (m.isAnnotationPresent(GET.class)) return "GET";
    if (m.isAnnotationPresent(POST.class)) return "POST";
    if (m.isAnnotationPresent(PUT.class)) return "PUT";
    if (m.isAnnotationPresent(PATCH.class)) return "PATCH";
    if (m.isAnnotationPresent(DELETE.class)) return "DELETE";
    return null;
  }
}
