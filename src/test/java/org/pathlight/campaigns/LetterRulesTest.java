package org.pathlight.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.officials.Officials;

/** A supporter's letter input and the channel a letter takes, without a server. */
class LetterRulesTest {

  private static Letters.Action action(
      String first, String email, String zip, String city, String note) {
    return new Letters.Action(first, "Diaz", email, zip, null, city, null, null, null, note, false);
  }

  /** The fields refused, in order; empty when the input is accepted. */
  private static List<String> refused(Letters.Action a) {
    try {
      Letters.validate(a);
      return List.of();
    } catch (ProblemException e) {
      return e.problem().errors().stream().map(Problem.FieldError::field).toList();
    }
  }

  @Test
  void aGoodLetterIsAccepted() {
    assertThat(refused(action("Ana", "ana@example.org", "62704", "Springfield", "Please act.")))
        .isEmpty();
    assertThat(refused(action("Ana", "ana@example.org", "62704-1234", null, "Line one\nline two")))
        .isEmpty();
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    assertThat(refused(action(" ", "not-an-email", "6270", "<b>x</b>", "<script>x</script>")))
        .containsExactly("firstName", "email", "zip", "city", "personalNote");
  }

  @Test
  void controlCharactersAndOversizedFieldsAreRefused() {
    assertThat(refused(action("Ana\u0000", "ana@example.org", "62704", null, null)))
        .containsExactly("firstName");
    assertThat(refused(action("Ana", "ana@example.org", "62704", "Spring\nfield", null)))
        .containsExactly("city");
    assertThat(refused(action("Ana", "ana@example.org", "62704", null, "bell \u0007")))
        .containsExactly("personalNote");
    assertThat(refused(action("A".repeat(101), "ana@example.org", "62704", null, null)))
        .containsExactly("firstName");
    assertThat(refused(action("Ana", "ana@example.org", "62704", null, "x".repeat(2001))))
        .containsExactly("personalNote");
  }

  private static Officials.Official official(Officials.Channel... channels) {
    return new Officials.Official(
        "x", "Sen. Roe", "us-senate", "Senator", null, "IL", null, null, List.of(channels));
  }

  @Test
  void aLetterGoesByEmailElsePrintElseTheWebForm() {
    var email = new Officials.Channel("email", "roe@senate.example");
    var print = new Officials.Channel("print", "1 Capitol Way");
    var form = new Officials.Channel("contact-form", "https://roe.example/contact");
    assertThat(Letters.channel(official(form, print, email))).isEqualTo(Letter.Channel.EMAIL);
    assertThat(Letters.channel(official(form, print))).isEqualTo(Letter.Channel.PRINT);
    assertThat(Letters.channel(official(form))).isEqualTo(Letter.Channel.CONTACT_FORM);
    assertThat(Letters.channel(official(new Officials.Channel("email", " "), form)))
        .isEqualTo(Letter.Channel.CONTACT_FORM);
  }
}
