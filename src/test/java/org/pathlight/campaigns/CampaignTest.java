package org.pathlight.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlight.common.ProblemException;

class CampaignTest {

  private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

  private static Campaigns.Draft draft(String letter) {
    return new Campaigns.Draft(
        "end-trafficking",
        " End trafficking ",
        "",
        "Please act",
        letter,
        List.of("us-senate", "us-house"),
        null,
        null,
        null);
  }

  private static String problem(Runnable r) {
    try {
      r.run();
      return "none";
    } catch (ProblemException e) {
      return e.problem().type();
    }
  }

  @Test
  void aDraftIsPublishedOnceThenClosedAndNeverReopened() {
    Campaign c = new Campaign(draft("Dear {{officialName}}, {{personalNote}}"), "staff", now);
    Campaigns.CampaignView v = c.view();
    assertThat(v.status()).isEqualTo("draft");
    assertThat(v.title()).isEqualTo("End trafficking");
    assertThat(v.intro()).isNull();
    assertThat(v.lobbying()).isEqualTo("grassroots");
    assertThat(v.targets()).containsExactly("us-senate", "us-house");
    assertThat(c.publish(now)).isTrue();
    assertThat(c.publish(now.plusSeconds(1))).isFalse();
    assertThat(c.view().publishedAt()).isEqualTo(now);
    assertThat(c.close(now.plusSeconds(2))).isTrue();
    assertThat(c.close(now.plusSeconds(3))).isFalse();
    assertThat(problem(() -> c.publish(now))).isEqualTo("/problems/campaign-closed");
    assertThat(c.view().status()).isEqualTo("closed");
  }

  @Test
  void oncePublishedTheLetterStaysAsItWasSent() {
    Campaign c = new Campaign(draft("Dear {{officialName}}, {{personalNote}}"), "staff", now);
    c.revise(draft("Hello {{officialName}}, {{personalNote}}"), now); // a draft may change
    c.publish(now);
    assertThat(problem(() -> c.revise(draft("Changed {{personalNote}}"), now)))
        .isEqualTo("/problems/campaign-published");
    // the title may still change
    Campaigns.CampaignView v = c.view();
    c.revise(
        new Campaigns.Draft(
            v.slug(),
            "A new title",
            v.intro(),
            v.subject(),
            v.letterTemplate(),
            v.targets(),
            v.startsOn(),
            v.endsOn(),
            v.lobbying()),
        now);
    assertThat(c.view().title()).isEqualTo("A new title");
    assertThat(c.view().letterTemplate()).isEqualTo("Hello {{officialName}}, {{personalNote}}");
  }

  @Test
  void aLetterTemplateSaysWhatIsWrongWithIt() {
    assertThat(Campaigns.templateErrors(null))
        .get()
        .extracting("message")
        .isEqualTo("write the letter");
    assertThat(Campaigns.templateErrors("Dear {{officialName}}"))
        .get()
        .extracting("message")
        .asString()
        .contains("{{personalNote}}");
    assertThat(Campaigns.templateErrors("{{personalNote}} {{#x}}"))
        .get()
        .extracting("message")
        .asString()
        .startsWith("cannot be read");
    assertThat(Campaigns.templateErrors("{{personalNote}} {{> partial}}"))
        .get()
        .extracting("message")
        .asString()
        .startsWith("cannot include another template");
    assertThat(Campaigns.templateErrors("{{personalNote}} {{shoeSize}}"))
        .get()
        .extracting("message")
        .asString()
        .startsWith("uses a merge field we do not have");
    assertThat(Campaigns.templateErrors("x".repeat(10_001) + "{{personalNote}}")).isPresent();
    assertThat(Campaigns.templateErrors("Dear {{officialName}}, {{personalNote}} {{fullName}}"))
        .isEmpty();
  }

  @Test
  void aLetterRendersItsMergeFields() {
    assertThat(
            Campaigns.render(
                "Dear {{officialName}},\n{{personalNote}}\n{{fullName}} ",
                java.util.Map.of(
                    "officialName", "Sen. Roe", "personalNote", "Please.", "fullName", "Ana Diaz")))
        .isEqualTo("Dear Sen. Roe,\nPlease.\nAna Diaz");
    assertThatThrownBy(() -> Campaigns.render("{{#x}}", java.util.Map.of()))
        .isInstanceOf(RuntimeException.class);
  }
}
