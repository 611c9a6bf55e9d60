package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenCodecTest {

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final TokenCodec codec = new TokenCodec(KEY);
  private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void aGenuineTokenDecodesToItsClaims() {
    String token = codec.encode("manage-gift", "supporter:42", now.plus(Duration.ofDays(30)));
    var claims = codec.decode(token, "manage-gift", now).orElseThrow();
    assertThat(claims.subject()).isEqualTo("supporter:42");
    assertThat(claims.expiresAt()).isEqualTo(now.plus(Duration.ofDays(30)));
    assertThat(claims.tokenId()).hasSize(24);
  }

  @Test
  void aTokenIsBoundToItsPurpose() {
    String token = codec.encode("calendar", "volunteer:7", now.plusSeconds(60));
    assertThat(codec.decode(token, "manage-gift", now)).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefusedFromTheSecondItExpires() {
    String token = codec.encode("calendar", "volunteer:7", now.plusSeconds(60));
    assertThat(codec.decode(token, "calendar", now.plusSeconds(59))).isPresent();
    assertThat(codec.decode(token, "calendar", now.plusSeconds(60))).isEmpty();
  }

  @Test
  void aTamperedOrForeignTokenIsRefused() {
    String token = codec.encode("calendar", "volunteer:7", now.plusSeconds(60));
    String payload =
        new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
    String forged =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("volunteer:7", "volunteer:8").getBytes())
            + token.substring(token.indexOf('.'));
    assertThat(codec.decode(forged, "calendar", now)).isEmpty();
    TokenCodec other =
        new TokenCodec("another-key-another-key-another-k".getBytes(StandardCharsets.UTF_8));
    assertThat(other.decode(token, "calendar", now)).isEmpty();
    assertThat(codec.decode("garbage", "calendar", now)).isEmpty();
    assertThat(codec.decode("a.b.c", "calendar", now)).isEmpty();
    assertThat(codec.decode("x".repeat(5000), "calendar", now)).isEmpty();
    assertThat(codec.decode(null, "calendar", now)).isEmpty();
  }

  @Test
  void twoTokensForTheSameSubjectAreDistinct() {
    String a = codec.encode("calendar", "volunteer:7", now.plusSeconds(60));
    String b = codec.encode("calendar", "volunteer:7", now.plusSeconds(60));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void shortKeysAndSeparatorsInClaimsAreRefused() {
    assertThatThrownBy(() -> new TokenCodec(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encode("a|b", "s", now))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encode("p", "", now))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
