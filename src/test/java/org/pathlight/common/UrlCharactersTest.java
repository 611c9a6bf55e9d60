package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCharactersTest {

  private static String refused(String path, String query) {
    Problem problem = UrlCharacters.check(path, query);
    return problem == null ? null : problem.errors().get(0).field();
  }

  @Test
  void encodedControlCharactersInTheQueryAreRefusedWithTheParameterName() {
    assertThat(refused("/api/supporters", "q=%00")).isEqualTo("q");
    assertThat(refused("/api/supporters", "limit=5&q=a%1Fb")).isEqualTo("q");
    assertThat(refused("/api/supporters", "q=a%7f")).isEqualTo("q");
    assertThat(refused("/api/supporters", "na%00me=x")).isEqualTo("na\uFFFDme");
    assertThat(refused("/api/supporters", "q=%0a")).isEqualTo("q");
  }

  @Test
  void brokenPercentEncodingIsRefused() {
    assertThat(refused("/api/supporters", "q=%zz")).isEqualTo("q");
    assertThat(refused("/api/supporters", "q=%2")).isEqualTo("q");
  }

  @Test
  void encodedControlCharactersInThePathAreRefused() {
    assertThat(refused("/api/campaigns/a%00b", null)).isEqualTo("path");
    assertThat(refused("/act/%1b", "")).isEqualTo("path");
  }

  @Test
  void ordinaryAddressesPass() {
    assertThat(UrlCharacters.check("/api/supporters", "q=ada%20lovelace&limit=10&x")).isNull();
    assertThat(UrlCharacters.check("/api/campaigns/stop-trafficking", null)).isNull();
    assertThat(UrlCharacters.check("/", "q=%C3%A9t%C3%A9+%2B")).isNull();
  }
}
