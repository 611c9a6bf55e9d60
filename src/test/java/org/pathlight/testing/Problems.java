package org.pathlight.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

  private Problems() {}

  /** The answer is a problem document of this status and type, with no server internals. */
  public static JsonObject assertProblem(Api.Reply reply, int status, String type) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    assertThat(reply.body()).doesNotContain("at org.", "Exception", "\tat ");
    return problem;
  }
}
