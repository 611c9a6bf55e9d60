package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void aProblemHasTheRfc9457MembersAndFieldErrors() {
    String json =
        Problem.of(400, "validation", "Invalid input", "Correct the fields.")
            .withInstance("/api/x")
            .withErrors(List.of(new Problem.FieldError("email", "enter an email")))
            .with("errorId", "abc")
            .toJson();
    assertThat(json)
        .contains(
            "\"type\":\"/problems/validation\"",
            "\"title\":\"Invalid input\"",
            "\"status\":400",
            "\"detail\":\"Correct the fields.\"",
            "\"instance\":\"/api/x\"",
            "\"errors\":[{\"field\":\"email\",\"message\":\"enter an email\"}]",
            "\"errorId\":\"abc\"");
  }

  @Test
  void detailsShownToClientsCarryNoClassNames() {
    var e =
        new RuntimeException(
            "wrapper",
            new IllegalStateException("Unable to deserialize org.pathlight.staff.Foo$Bar"));
    assertThat(ProblemMappers.describe(e)).isEqualTo("Unable to deserialize value");
    assertThat(ProblemMappers.describe(new RuntimeException((String) null)))
        .isEqualTo("check the syntax and the value types.");
    assertThat(ProblemMappers.describe(new RuntimeException("x".repeat(1000))))
        .hasSizeLessThan(310);
  }
}
