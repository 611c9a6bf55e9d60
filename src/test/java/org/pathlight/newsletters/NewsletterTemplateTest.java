package org.pathlight.newsletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

class NewsletterTemplateTest {

  @Test
  void thePlainTextKeepsABlankLineBetweenParagraphs() {
    NewsletterTemplate t =
        NewsletterTemplate.parse("Dear {{firstName}},\n\nThank you.\n\n- one\n- two", "body");
    assertThat(t.text(Map.of("firstName", "Ana")))
        .isEqualTo("Dear Ana,\n\nThank you.\n\n- one\n- two");
  }

  @Test
  void fieldsAreMergedEscapedInTheHtmlAndOnlyThoseUsedAreWorkedOut() {
    NewsletterTemplate t = NewsletterTemplate.parse("Hi **{{firstName}}**", "body");
    assertThat(t.used()).containsExactly("firstName");
    assertThat(t.html(Map.of("firstName", "<b>Ana</b>")))
        .isEqualTo("<p>Hi <strong>&lt;b&gt;Ana&lt;/b&gt;</strong></p>\n");
  }

  @Test
  void anUnknownFieldOrABraceLeftOpenIsAProblemOnTheField() {
    assertThat(error("Hi {{nickname}}")).contains("no merge field {{nickname}}");
    assertThat(error("Hi {{firstName}")).contains("not closed");
  }

  private static String error(String body) {
    try {
      NewsletterTemplate.parse(body, "body");
    } catch (ProblemException e) {
      Problem.FieldError error = e.problem().errors().get(0);
      assertThat(error.field()).isEqualTo("body");
      return error.message();
    }
    throw new AssertionError("no problem for " + body);
  }
}
