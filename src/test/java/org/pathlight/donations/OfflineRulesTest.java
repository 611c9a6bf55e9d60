package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlight.common.Problem;

class OfflineRulesTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  private static final OfflineRules.Limits LIMITS =
      new OfflineRules.Limits(List.of("usd"), 100_000_000L, 7);

  private static List<String> fields(
      String source, long amount, String currency, LocalDate received, long benefit) {
    return OfflineRules.check(
            GiftSource.of(source),
            amount,
            currency,
            received,
            benefit,
            "in_kind".equals(source) ? "40 winter coats" : null,
            TODAY,
            LIMITS)
        .stream()
        .map(Problem.FieldError::field)
        .toList();
  }

  @Test
  void aGoodCheckPasses() {
    assertThat(fields("check", 20000, "usd", TODAY, 0)).isEmpty();
    assertThat(fields("cash", 100_000_000L, "usd", LocalDate.of(2019, 1, 1), 0)).isEmpty();
    assertThat(fields("in_kind", 0, "usd", TODAY.minusDays(3), 0)).isEmpty();
  }

  @Test
  void anUnknownOrUnacceptedCurrencyIsRefused() {
    assertThat(fields("check", 20000, "xyz", TODAY, 0)).containsExactly("currency");
    assertThat(fields("check", 20000, "jpy", TODAY, 0)).containsExactly("currency");
    assertThat(fields("check", 20000, "eur", TODAY, 0)).containsExactly("currency");
  }

  @Test
  void theReceivedDateIsNeitherInTheFutureNorTooOld() {
    assertThat(fields("check", 20000, "usd", TODAY.plusDays(1), 0)).containsExactly("receivedOn");
    assertThat(fields("check", 20000, "usd", LocalDate.of(1999, 12, 31), 0))
        .containsExactly("receivedOn");
    assertThat(fields("check", 20000, "usd", LocalDate.of(2018, 12, 31), 0))
        .containsExactly("receivedOn");
    assertThat(OfflineRules.floor(TODAY, 7)).isEqualTo(LocalDate.of(2019, 1, 1));
  }

  @Test
  void theAmountIsBetweenOneAndTheMaximum() {
    assertThat(fields("check", 0, "usd", TODAY, 0)).containsExactly("amount");
    assertThat(fields("cash", 100_000_001L, "usd", TODAY, 0)).containsExactly("amount");
    assertThat(fields("cash", Long.MAX_VALUE, "usd", TODAY, 0)).containsExactly("amount");
    assertThat(fields("in_kind", 500, "usd", TODAY, 0)).containsExactly("amount");
  }

  @Test
  void aDafGrantCarriesNoBenefitAndNoBenefitExceedsTheGift() {
    assertThat(fields("daf", 100000, "usd", TODAY, 1)).containsExactly("benefitValue");
    assertThat(fields("cash", 15000, "usd", TODAY, 6000)).isEmpty();
    assertThat(fields("cash", 15000, "usd", TODAY, 15001)).containsExactly("benefitValue");
    assertThat(fields("in_kind", 0, "usd", TODAY, 10)).containsExactly("benefitValue");
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    assertThat(fields("daf", 0, "xyz", LocalDate.of(1999, 1, 1), 5))
        .containsExactlyInAnyOrder("currency", "amount", "benefitValue", "receivedOn");
  }

  @Test
  void onlyTwoDecimalIsoCurrenciesCanBeAccepted() {
    assertThat(GivingSettings.usable("usd")).isTrue();
    assertThat(GivingSettings.usable("eur")).isTrue();
    assertThat(GivingSettings.usable("jpy")).isFalse();
    assertThat(GivingSettings.usable("kwd")).isFalse();
    assertThat(GivingSettings.usable("xyz")).isFalse();
  }
}
