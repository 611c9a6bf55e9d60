package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailsTest {

  @Test
  void mixedCaseAndSurroundingSpaceFoldToOneKey() {
    assertThat(Emails.normalize("  Jane.Doe@Example.ORG \t")).isEqualTo("jane.doe@example.org");
  }

  @Test
  void aDottedCapitalIIsTheSameLetterAsI() {
    String key = Emails.normalize("admin@pathlight.test");
    assertThat(Emails.normalize("admİn@pathlight.test")).isEqualTo(key);
    assertThat(Emails.normalize("ADMİN@PATHLİGHT.TEST")).isEqualTo(key);
    assertThat(Emails.normalize("ADMIN@PATHLIGHT.TEST")).isEqualTo(key);
    // the combining dot that String.toLowerCase would leave behind is not there
    assertThat(Emails.normalize("İ")).isEqualTo("i").doesNotContain("\u0307");
    assertThat(Emails.normalize("ı")).isEqualTo("i");
  }

  @Test
  void fullwidthAndCompatibilityLettersArePlainLetters() {
    assertThat(Emails.normalize("ＡＤＭＩＮ＠ｐａｔｈｌｉｇｈｔ．ｔｅｓｔ")).isEqualTo("admin@pathlight.test");
    assertThat(Emails.normalize("\u212Aate@example.org")).isEqualTo("kate@example.org"); // Kelvin
    assertThat(Emails.normalize("\u3000bob@example.org\u3000")).isEqualTo("bob@example.org");
  }

  @Test
  void sharpSIsKeptButItsCapitalFoldsToIt() {
    assertThat(Emails.normalize("straße@example.de")).isEqualTo("straße@example.de");
    assertThat(Emails.normalize("STRAẞE@example.de")).isEqualTo("straße@example.de");
    assertThat(Emails.normalize("strasse@example.de")).isNotEqualTo("straße@example.de");
  }

  @Test
  void aFinalSigmaKeysLikeAnyOtherSigma() {
    assertThat(Emails.normalize("ΑΣ@example.gr"))
        .isEqualTo(Emails.normalize("ας@example.gr"))
        .isEqualTo(Emails.normalize("ασ@example.gr"));
  }

  @Test
  void composedAndDecomposedAccentsAreOneKey() {
    assertThat(Emails.normalize("Jose\u0301@example.org"))
        .isEqualTo(Emails.normalize("JOSÉ@example.org"))
        .isEqualTo("josé@example.org");
  }

  @Test
  void normalizingTwiceChangesNothing() {
    for (String s : new String[] {"İ", "ＡＢ", "ẞ", "ΑΣ", "Å", "ǅ"}) {
      assertThat(Emails.normalize(Emails.normalize(s))).isEqualTo(Emails.normalize(s));
    }
  }
}
