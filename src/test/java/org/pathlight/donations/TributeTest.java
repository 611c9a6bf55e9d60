package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TributeTest {

  @Test
  void noKindIsNoTributeAndAKindAlwaysComesWithItsName() {
    assertThat(Tribute.of(null, null)).isNull();
    assertThat(Tribute.of("memory", "Grace Hopper").phrase())
        .isEqualTo("in memory of Grace Hopper");
    assertThat(Tribute.of("honor", "Ada").phrase()).isEqualTo("in honor of Ada");
    assertThat(Tribute.of("honor", "Ada")).isEqualTo(Tribute.of("honor", "Ada"));
    assertThatThrownBy(() -> Tribute.of("honor", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Tribute.of("birthday", "Ada"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKindsAreStoredAsTheirWords() {
    assertThat(new Tribute.Kind.Column().convertToDatabaseColumn(Tribute.Kind.MEMORY))
        .isEqualTo("memory");
    assertThat(new Tribute.Kind.Column().convertToEntityAttribute("honor"))
        .isEqualTo(Tribute.Kind.HONOR);
  }
}
