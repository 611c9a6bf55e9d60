package org.pathlight.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrequencyTest {

  @Test
  void eachFrequencyHasItsWordItsAdjectiveAndItsMonthlyValue() {
    assertThat(Frequency.of("annually")).contains(Frequency.ANNUALLY);
    assertThat(Frequency.of("weekly")).isEmpty();
    assertThat(Frequency.of("once")).isEmpty();
    assertThat(Frequency.ANNUALLY.adjective()).isEqualTo("annual");
    assertThat(Frequency.QUARTERLY.adjective()).isEqualTo("quarterly");
    assertThat(Frequency.MONTHLY.perMonth(2500)).isEqualTo(2500);
    assertThat(Frequency.QUARTERLY.perMonth(3000)).isEqualTo(1000);
    assertThat(Frequency.ANNUALLY.perMonth(12_000)).isEqualTo(1000);
    assertThat(Frequency.ANNUALLY.perMonth(100)).isEqualTo(8); // rounded down
    assertThat(new Frequency.Column().convertToDatabaseColumn(Frequency.QUARTERLY))
        .isEqualTo("quarterly");
  }
}
