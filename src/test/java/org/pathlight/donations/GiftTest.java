package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class GiftTest {

  private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

  private Gift pending(long amount) {
    return Gift.online(
        new Gift.Terms(1, "safe-housing", "usd", amount, 0, 0, false, null),
        "stripe",
        false,
        null,
        null,
        "127.0.0.1",
        now);
  }

  @Test
  void theStatusFollowsTheFacts() {
    assertThat(Gift.derive(false, false, false, 1000, 0, null).word()).isEqualTo("pending");
    assertThat(Gift.derive(false, true, false, 1000, 0, null).word()).isEqualTo("failed");
    assertThat(Gift.derive(false, false, true, 1000, 0, null).word()).isEqualTo("expired");
    assertThat(Gift.derive(true, true, true, 1000, 0, null).word()).isEqualTo("succeeded");
    assertThat(Gift.derive(true, false, false, 1000, 400, null).word())
        .isEqualTo("partially_refunded");
    assertThat(Gift.derive(true, false, false, 1000, 1000, null).word()).isEqualTo("refunded");
    assertThat(Gift.derive(true, false, false, 1000, 0, "open").word()).isEqualTo("disputed");
    assertThat(Gift.derive(true, false, false, 1000, 0, "lost").word()).isEqualTo("dispute_lost");
    assertThat(Gift.derive(true, false, false, 1000, 0, "won").word()).isEqualTo("succeeded");
  }

  @Test
  void anyOrderOfTheSameFactsEndsInTheSameState() {
    List<Consumer<Gift>> facts =
        List.of(
            g -> g.markPaid(now, now),
            g -> g.markFailed("declined", now),
            g -> g.recordRefunds(300, refunds.values(), now),
            g -> g.recordRefunds(700, refunds.values(), now),
            g -> report(g, dispute("du_1", "open", false, 0)),
            g -> report(g, dispute("du_1", "won", false, 0)),
            g -> g.markExpired(now));
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Consumer<Gift>> order = new ArrayList<>(facts);
      order.addAll(facts);
      Collections.shuffle(order, random);
      Gift gift = pending(1000);
      cases.clear();
      order.forEach(f -> f.accept(gift));
      assertThat(gift.status().word()).isEqualTo("partially_refunded");
      assertThat(gift.refundedAmount()).isEqualTo(700);
      assertThat(gift.disputeStatus()).isEqualTo("won");
    }
  }

  private final java.util.Map<String, Gift.DisputeCase> cases = new java.util.TreeMap<>();
  private final java.util.Map<String, Gift.RefundCase> refunds = new java.util.TreeMap<>();

  /** A refund report as the ledger applies it: merged into its refund, then all refunds told. */
  private boolean refund(Gift gift, String id, long amount, String status) {
    refunds.merge(id, new Gift.RefundCase(id, amount, status), Gift.RefundCase::merge);
    return gift.recordRefunds(0, refunds.values(), now);
  }

  @Test
  void whatIsLeftToRefundIsPaidLessRefundsChargebacksAndUnansweredRequests() {
    Gift gift = pending(1000);
    assertThat(gift.whyNotRefundable()).contains("never paid");
    assertThat(gift.refundable(0)).isZero();
    gift.markPaid(now, now);
    assertThat(gift.whyNotRefundable()).isNull();
    assertThat(gift.refundable(0)).isEqualTo(1000);
    gift.recordRefunds(300, List.of(), now);
    assertThat(gift.refundable(200)).as("less what is still with the processor").isEqualTo(500);
    assertThat(gift.refundable(900)).isZero();
  }

  @Test
  void aRefundThatFailsIsNoLongerRefundedWhateverTheOrder() {
    // re_1 ($3) is reported by the charge, succeeds, then fails; re_2 ($2) succeeds; the charge
    // reports $5 refunded, then (after the failure) $2
    List<Consumer<Gift>> facts =
        List.of(
            g -> g.markPaid(now, now),
            g -> g.recordRefunds(300, refunds.values(), now),
            g -> g.recordRefunds(500, refunds.values(), now),
            g -> g.recordRefunds(200, refunds.values(), now),
            g -> refund(g, "re_1", 300, "pending"),
            g -> refund(g, "re_1", 300, "succeeded"),
            g -> refund(g, "re_1", 300, "failed"),
            g -> refund(g, "re_2", 200, "succeeded"));
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      List<Consumer<Gift>> order = new ArrayList<>(facts);
      order.addAll(facts);
      Collections.shuffle(order, random);
      Gift gift = pending(1000);
      refunds.clear();
      order.forEach(f -> f.accept(gift));
      assertThat(gift.refundedAmount()).as("round " + round).isEqualTo(200);
      assertThat(gift.status().word()).isEqualTo("partially_refunded");
      assertThat(gift.deductibleNow()).isEqualTo(800);
    }
  }

  @Test
  void aFailedRefundReportedOnlyByTheChargeAndTheRefundGivesTheMoneyBack() {
    Gift gift = pending(1000);
    gift.markPaid(now, now);
    assertThat(gift.recordRefunds(1000, refunds.values(), now)).isTrue();
    assertThat(gift.status().word()).isEqualTo("refunded");
    assertThat(refund(gift, "re_1", 1000, "succeeded")).isFalse();
    assertThat(refund(gift, "re_1", 1000, "failed")).isTrue();
    assertThat(gift.refundedAmount()).isZero();
    assertThat(gift.status().word()).isEqualTo("succeeded");
    // a late report of the earlier state changes nothing
    assertThat(refund(gift, "re_1", 1000, "succeeded")).isFalse();
    assertThat(gift.recordRefunds(1000, refunds.values(), now)).isFalse();
    assertThat(gift.refundedAmount()).isZero();
  }

  /** A dispute report as the ledger applies it: merged into its case, then all cases told. */
  private void report(Gift gift, Gift.DisputeCase report) {
    cases.merge(report.key(), report, Gift.DisputeCase::merge);
    gift.recordDisputes(cases.values(), now);
  }

  private static Gift.DisputeCase dispute(String key, String stage, boolean inquiry, long amount) {
    return new Gift.DisputeCase(key, stage, inquiry, amount, false, false);
  }

  /** Reports about disputes, merged case by case (as the ledger does) in the order given. */
  private static java.util.Collection<Gift.DisputeCase> merged(List<Gift.DisputeCase> reports) {
    java.util.Map<String, Gift.DisputeCase> cases = new java.util.TreeMap<>();
    reports.forEach(r -> cases.merge(r.key(), r, Gift.DisputeCase::merge));
    return cases.values();
  }

  @Test
  void aLostChargebackIsItsOwnStateAndIsNotDeductible() {
    Gift gift = pending(1000);
    gift.markPaid(now, now);
    assertThat(gift.recordDisputes(List.of(dispute("du_1", "open", false, 1000)), now)).isFalse();
    assertThat(gift.status().word()).isEqualTo("disputed");
    assertThat(gift.deductibleNow()).isEqualTo(1000);
    assertThat(gift.recordDisputes(List.of(dispute("du_1", "lost", false, 1000)), now)).isTrue();
    assertThat(gift.status().word()).isEqualTo("dispute_lost");
    assertThat(gift.disputeStatus()).isEqualTo("lost");
    assertThat(gift.chargedBackAmount()).isEqualTo(1000);
    assertThat(gift.deductibleNow()).isZero();
    Gift won = pending(1000);
    won.markPaid(now, now);
    won.recordDisputes(List.of(dispute("du_2", "won", false, 1000)), now);
    assertThat(won.status().word()).isEqualTo("succeeded");
    assertThat(won.deductibleNow()).isEqualTo(1000);
  }

  @Test
  void aChargebackAfterAClosedInquiryCountsInAnyOrder() {
    List<Gift.DisputeCase> reports =
        List.of(
            dispute("du_1:inquiry", "open", true, 1000),
            dispute("du_1:inquiry", "won", true, 1000), // warning_closed
            dispute("du_1:chargeback", "open", false, 1000),
            new Gift.DisputeCase("du_1:chargeback", "open", false, 1000, true, false),
            dispute("du_1:chargeback", "lost", false, 1000));
    Random random = new Random(11);
    for (int round = 0; round < 100; round++) {
      List<Gift.DisputeCase> order = new ArrayList<>(reports);
      order.addAll(reports);
      Collections.shuffle(order, random);
      Gift gift = pending(1000);
      gift.markPaid(now, now);
      gift.recordDisputes(merged(order), now);
      assertThat(gift.status().word()).isEqualTo("dispute_lost");
      assertThat(gift.deductibleNow()).isZero();
    }
    Gift inquiryOnly = pending(1000);
    inquiryOnly.markPaid(now, now);
    inquiryOnly.recordDisputes(merged(reports.subList(0, 2)), now);
    assertThat(inquiryOnly.status().word()).isEqualTo("succeeded");
    assertThat(inquiryOnly.deductibleNow()).isEqualTo(1000);
  }

  @Test
  void aPartialChargebackAndARefundTogetherNeverMakeTheDeductibleNegative() {
    Gift gift = pending(1000);
    gift.markPaid(now, now);
    gift.recordRefunds(400, List.of(), now);
    gift.recordDisputes(List.of(dispute("du_1", "lost", false, 600)), now);
    assertThat(gift.deductibleNow()).isZero();
    Gift huge = pending(1000);
    huge.markPaid(now, now);
    huge.recordDisputes(
        List.of(dispute("a", "lost", false, Long.MAX_VALUE / 2), dispute("b", "lost", false, 5)),
        now);
    assertThat(huge.chargedBackAmount()).isEqualTo(1000);
  }

  @Test
  void aDafGrantAcknowledgementSaysTheDonorMayNotDeductIt() {
    assertThat(Receipts.DAF_STATEMENT)
        .contains("sponsoring organisation", "You may not deduct this grant")
        .contains("contributed to the fund")
        .doesNotContain("already received any tax deduction");
  }

  @Test
  void moneyIsFormattedInTheCurrencysOwnMinorUnit() {
    assertThat(Money.format(4500, "usd")).isEqualTo("$45.00");
    assertThat(Money.format(4500, "jpy")).isEqualTo("¥4,500");
    assertThat(org.pathlight.common.MoneyText.decimal(4500, "jpy")).isEqualTo("4500");
    assertThat(org.pathlight.common.MoneyText.decimal(4500, "usd")).isEqualTo("45.00");
    assertThat(org.pathlight.common.MoneyText.decimal(4500, "kwd")).isEqualTo("4.500");
    assertThat(Money.format(4500, "xyz")).isEqualTo("45.00 XYZ");
  }

  @Test
  void onlyTheFirstPaymentCountsAndRefundsNeverExceedTheCharge() {
    Gift gift = pending(1000);
    assertThat(gift.markPaid(now, now)).isTrue();
    assertThat(gift.markPaid(now.plusSeconds(5), now)).isFalse();
    assertThat(gift.paidAt()).isEqualTo(now);
    assertThat(gift.recordRefunds(5000, List.of(), now)).isTrue();
    assertThat(gift.refundedAmount()).isEqualTo(1000);
    assertThat(gift.recordRefunds(1000, List.of(), now)).isFalse();
    assertThat(gift.status().word()).isEqualTo("refunded");
  }

  @Test
  void theCoveredFeeLeavesTheWholeGiftAfterTheProcessorsCut() {
    long fee = Money.coveringFee(4500, 220, 30);
    assertThat(fee).isEqualTo(132);
    long total = 4500 + fee;
    assertThat(total - Math.round(total * 0.022) - 30).isGreaterThanOrEqualTo(4500);
    assertThat(Money.format(4632, "usd")).isEqualTo("$46.32");
  }

  @Test
  void csvCellsNeverStartAFormula() {
    assertThat(org.pathlight.documents.Csv.escape("=HYPERLINK(\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(org.pathlight.documents.Csv.escape("@sum")).isEqualTo("'@sum");
    assertThat(org.pathlight.documents.Csv.escape("-12.50")).isEqualTo("-12.50");
    assertThat(org.pathlight.documents.Csv.escape("O'Brien, Pat")).isEqualTo("\"O'Brien, Pat\"");
  }

  private Gift check(long amount) {
    return Gift.offline(
        new Gift.Terms(1, "safe-housing", "usd", amount, 0, 0, false, null),
        GiftSource.CHECK,
        java.time.LocalDate.of(2026, 11, 20),
        now,
        null,
        "1001",
        "staff:fran",
        now);
  }

  @Test
  void aVoidedOrBouncedGiftCountsForNothingAndCannotBeCorrectedAgain() {
    Gift gift = check(5000);
    gift.assignReceipt(2026, 7);
    assertThat(gift.whyNotCorrectable()).isNull();
    assertThat(gift.deductibleNow()).isEqualTo(5000);
    gift.markVoid(GiftStatus.BOUNCED, "insufficient funds", now);
    assertThat(gift.status().word()).isEqualTo("bounced");
    assertThat(gift.deductible()).isZero();
    assertThat(gift.deductibleNow()).isZero();
    assertThat(gift.receiptLabel()).isEqualTo("2026-000007");
    assertThat(gift.whyNotCorrectable()).contains("already recorded as returned unpaid");
    Gift voided = check(2000);
    voided.markVoid(GiftStatus.VOIDED, "entered twice", now);
    assertThat(voided.status().word()).isEqualTo("voided");
    assertThat(voided.whyNotCorrectable()).isEqualTo("This gift was already voided.");
    assertThat(pending(1000).whyNotCorrectable()).contains("refund it instead");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> check(100).markVoid(GiftStatus.REFUNDED, "x", now))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCorrectionChangesOnlyWhatDiffersAndCountsItself() {
    Gift gift = check(50000);
    var same = new Gift.Correction(50000L, 0L, "safe-housing", null, null, null, "1001");
    assertThat(gift.correct(same, now)).isFalse();
    assertThat(gift.corrections()).isZero();
    var lower =
        new Gift.Correction(
            5000L,
            null,
            "legal-aid",
            java.time.LocalDate.of(2026, 11, 19),
            now.minusSeconds(86400),
            null,
            "");
    assertThat(gift.correct(lower, now)).isTrue();
    assertThat(gift.amount()).isEqualTo(5000);
    assertThat(gift.amountCharged()).isEqualTo(5000);
    assertThat(gift.fundCode()).isEqualTo("legal-aid");
    assertThat(gift.receivedOn()).isEqualTo(java.time.LocalDate.of(2026, 11, 19));
    assertThat(gift.paidAt()).isEqualTo(now.minusSeconds(86400));
    assertThat(gift.reference()).isNull();
    assertThat(gift.corrections()).isEqualTo(1);
    assertThat(gift.status().word()).isEqualTo("succeeded");
  }

  @Test
  void aDepositBatchClosesOnlyWhenItsGiftsMatchTheSlip() {
    var batch =
        new DepositBatch(java.time.LocalDate.of(2026, 11, 30), "D-1", "usd", 2, 15000L, "s", now);
    assertThat(batch.whyNotClosable(0, 0)).contains("no gifts yet");
    assertThat(batch.whyNotClosable(1, 15000))
        .isEqualTo("The deposit slip lists 2 items, and 1 are entered.");
    assertThat(batch.whyNotClosable(2, 14000))
        .isEqualTo("The deposit slip totals $150.00, and the entered gifts total $140.00.");
    assertThat(batch.whyNotClosable(2, 15000)).isNull();
    batch.close("s", now);
    assertThat(batch.whyNotClosable(2, 15000)).isEqualTo("This batch is already closed.");
    var open =
        new DepositBatch(java.time.LocalDate.of(2026, 11, 30), null, "usd", null, null, "s", now);
    assertThat(open.whyNotClosable(3, 999)).isNull();
  }
}
