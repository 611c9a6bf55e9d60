package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The IRS wording on a receipt, for each kind of gift, without a server. */
class ReceiptWordingTest {

  private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

  private Gift gift(String source, long amount, long benefit, String inKind) {
    return Gift.offline(
        new Gift.Terms(1, "safe-housing", "usd", amount, 0, benefit, false, null),
        GiftSource.of(source),
        LocalDate.of(2026, 11, 30),
        now,
        inKind,
        null,
        "staff",
        now);
  }

  @Test
  void aPlainGiftSaysNothingWasGivenInReturn() {
    assertThat(Receipts.deductionStatement(gift("check", 5000, 0, null)))
        .isEqualTo("No goods or services were provided in exchange for this contribution.");
  }

  @Test
  void aGiftWithABenefitStatesItsValueAndTheDeductiblePart() {
    assertThat(Receipts.deductionStatement(gift("check", 15000, 4000, null)))
        .isEqualTo(
            "In exchange for your payment of $150.00 you received goods or services with an"
                + " estimated fair market value of $40.00. The tax-deductible part of your"
                + " contribution is $110.00.");
  }

  @Test
  void aDonorAdvisedFundGrantIsAcknowledgedButNotDeductibleByTheDonor() {
    assertThat(Receipts.deductionStatement(gift("daf", 100000, 0, null)))
        .isEqualTo(Receipts.DAF_STATEMENT)
        .contains("legal donor", "You may not deduct this grant");
  }

  @Test
  void aGiftInKindIsDescribedNeverValued() {
    String text = Receipts.deductionStatement(gift("in_kind", 0, 0, "40 winter coats"));
    assertThat(text).startsWith("We received: 40 winter coats.").contains("donor determines it");
    assertThat(text).doesNotContain("$");
  }
}
