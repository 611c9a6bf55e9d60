package org.pathlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static Set<String> implemented() {
    return org.pathlight.testing.Operations.implemented();
  }
}
