package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestAddressTest {

  private static String refused(String path, String query) {
    Problem problem = RequestAddress.check(path, query);
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
    assertThat(RequestAddress.check("/api/supporters", "q=ada%20lovelace&limit=10&x")).isNull();
    assertThat(RequestAddress.check("/api/campaigns/stop-trafficking", null)).isNull();
    assertThat(RequestAddress.check("/", "q=%C3%A9t%C3%A9+%2B")).isNull();
  }

  @Test
  void aHostHeaderMustBeAHostWithAnOptionalPort() {
    for (String good :
        new String[] {
          "localhost",
          "localhost:8080",
          "give.example.org",
          "pathlight_app_1:8080",
          "10.0.0.7",
          "[::1]:8080",
          "example.org."
        }) {
      assertThat(RequestAddress.checkHost(good)).as(good).isNull();
    }
    assertThat(RequestAddress.checkHost(null)).isNull();
    for (String bad :
        new String[] {
          "bad host", "evil.org/path", "a:b:c", "[", "x:abc", "a@b", "", "x:123456", "a\u0000b"
        }) {
      Problem problem = RequestAddress.checkHost(bad);
      assertThat(problem).as(bad).isNotNull();
      assertThat(problem.errors().get(0).field()).isEqualTo("Host");
    }
  }
}
