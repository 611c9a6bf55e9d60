package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6238's own test vectors (SHA-1, the last six of its eight digits), and the window rules. */
class TotpTest {

  private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theCodesAreRfc6238s() {
    assertThat(Totp.code(KEY, Totp.step(59))).isEqualTo("287082");
    assertThat(Totp.code(KEY, Totp.step(1111111109))).isEqualTo("081804");
    assertThat(Totp.code(KEY, Totp.step(1111111111))).isEqualTo("050471");
    assertThat(Totp.code(KEY, Totp.step(1234567890))).isEqualTo("005924");
    assertThat(Totp.code(KEY, Totp.step(2000000000))).isEqualTo("279037");
    assertThat(Totp.code(KEY, Totp.step(20000000000L))).isEqualTo("353130");
  }

  @Test
  void aCodeCountsOnceAndOnlyNearNow() {
    long now = Totp.step(1234567890);
    String code = Totp.code(KEY, now);
    assertThat(Totp.match(KEY, code, now, 0)).isEqualTo(now);
    assertThat(Totp.match(KEY, "005 924", now, 0)).isEqualTo(now);
    // used already: the step is not newer than the last one accepted
    assertThat(Totp.match(KEY, code, now, now)).isEqualTo(-1);
    // a step late or early is still fine; two is not
    assertThat(Totp.match(KEY, Totp.code(KEY, now - 1), now, 0)).isEqualTo(now - 1);
    assertThat(Totp.match(KEY, Totp.code(KEY, now + 1), now, 0)).isEqualTo(now + 1);
    assertThat(Totp.match(KEY, Totp.code(KEY, now - 2), now, 0)).isEqualTo(-1);
    assertThat(Totp.match(KEY, "12345", now, 0)).isEqualTo(-1);
    assertThat(Totp.match(KEY, null, now, 0)).isEqualTo(-1);
  }

  @Test
  void base32RoundTripsAsAuthenticatorsWriteIt() {
    assertThat(Totp.base32(KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertThat(Totp.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).isEqualTo(KEY);
  }
}
