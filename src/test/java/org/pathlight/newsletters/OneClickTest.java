package org.pathlight.newsletters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 8058's one field, in the two encodings it allows, and nothing else. */
class OneClickTest {

  private static final String FORM = "application/x-www-form-urlencoded";

  @Test
  void theFormEncodedFieldIsOneClick() {
    assertThat(ConsentResource.oneClick(FORM, "List-Unsubscribe=One-Click")).isTrue();
    assertThat(
            ConsentResource.oneClick(
                FORM + "; charset=utf-8", "a=b&List-Unsubscribe=One-Click\r\n"))
        .isTrue();
    assertThat(ConsentResource.oneClick(FORM, "List-Unsubscribe=One%2DClick")).isTrue();
  }

  @Test
  void anyOtherBodyIsNot() {
    assertThat(ConsentResource.oneClick(FORM, "")).isFalse();
    assertThat(ConsentResource.oneClick(FORM, null)).isFalse();
    assertThat(ConsentResource.oneClick(FORM, "List-Unsubscribe=Maybe")).isFalse();
    assertThat(ConsentResource.oneClick(FORM, "list-unsubscribe=one-click")).isFalse();
    assertThat(ConsentResource.oneClick(FORM, "List-Unsubscribe=One-Click".repeat(200))).isFalse();
  }

  @Test
  void theMultipartFieldIsOneClickWithItsBoundary() {
    String type = "multipart/form-data; boundary=xyz";
    String body =
        "--xyz\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--xyz--\r\n";
    assertThat(ConsentResource.oneClick(type, body)).isTrue();
    assertThat(ConsentResource.oneClick("multipart/form-data; boundary=\"xyz\"", body)).isTrue();
    assertThat(ConsentResource.oneClick(type, body.replace("One-Click", "Two-Click"))).isFalse();
    assertThat(ConsentResource.oneClick(type, body.replace("List-Unsubscribe", "Other"))).isFalse();
    assertThat(ConsentResource.oneClick("multipart/form-data", body)).isFalse();
  }
}
