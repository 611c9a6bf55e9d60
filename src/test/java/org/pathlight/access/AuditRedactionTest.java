package org.pathlight.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** An erased person's details leave the audit trail; everything else in an entry stays. */
class AuditRedactionTest {

  private static final Set<String> ROSA = Set.of("rosa@example.org", "rosa", "lopez", "rosa lopez");

  @Test
  void aValueEqualToADetailOrContainingTheEmailIsErasedWhereverItSits() {
    String before =
        "{\"email\":\"Rosa@Example.org\",\"firstName\":\"Rosa\",\"amount\":4200,"
            + "\"to\":[\"Rosa Lopez <rosa@example.org>\",\"someone else\"],"
            + "\"address\":{\"line1\":\"1 Rosa St\",\"city\":\"Albany\"},\"ok\":true,\"n\":null}";
    assertThat(Redaction.redacted(before, ROSA))
        .isEqualTo(
            "{\"email\":\"(erased)\",\"firstName\":\"(erased)\",\"amount\":4200,"
                + "\"to\":[\"(erased)\",\"someone else\"],"
                + "\"address\":{\"line1\":\"1 Rosa St\",\"city\":\"Albany\"},\"ok\":true,\"n\":null}");
  }

  @Test
  void aNameIsOnlyErasedWhenItIsTheWholeValue() {
    assertThat(Redaction.redacted("[\"Rosalind\",\"  LOPEZ \",\"Lopezville\"]", ROSA))
        .isEqualTo("[\"Rosalind\",\"(erased)\",\"Lopezville\"]");
    assertThat(Redaction.redacted(null, ROSA)).isNull();
  }
}
