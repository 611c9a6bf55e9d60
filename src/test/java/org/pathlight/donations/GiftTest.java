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
        new Gift.Terms(1, "safe-housing", "usd", amount, 0, 0, false, null, null),
        "stripe",
        false,
        null,
        "127.0.0.1",
        now);
  }

  @Test
  void theStatusFollowsTheFacts() {
    assertThat(Gift.derive(false, false, false, 1000, 0, null)).isEqualTo("pending");
    assertThat(Gift.derive(false, true, false, 1000, 0, null)).isEqualTo("failed");
    assertThat(Gift.derive(false, false, true, 1000, 0, null)).isEqualTo("expired");
    assertThat(Gift.derive(true, true, true, 1000, 0, null)).isEqualTo("succeeded");
    assertThat(Gift.derive(true, false, false, 1000, 400, null)).isEqualTo("partially_refunded");
    assertThat(Gift.derive(true, false, false, 1000, 1000, null)).isEqualTo("refunded");
    assertThat(Gift.derive(true, false, false, 1000, 0, "open")).isEqualTo("disputed");
    assertThat(Gift.derive(true, false, false, 1000, 0, "lost")).isEqualTo("disputed");
    assertThat(Gift.derive(true, false, false, 1000, 0, "won")).isEqualTo("succeeded");
  }

  @Test
  void anyOrderOfTheSameFactsEndsInTheSameState() {
    List<Consumer<Gift>> facts =
        List.of(
            g -> g.markPaid(now, now),
            g -> g.markFailed("declined", now),
            g -> g.recordRefund(300, now),
            g -> g.recordRefund(700, now),
            g -> g.recordDispute("open", now),
            g -> g.recordDispute("won", now),
            g -> g.markExpired(now));
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Consumer<Gift>> order = new ArrayList<>(facts);
      order.addAll(facts);
      Collections.shuffle(order, random);
      Gift gift = pending(1000);
      order.forEach(f -> f.accept(gift));
      assertThat(gift.status()).isEqualTo("partially_refunded");
      assertThat(gift.refundedAmount()).isEqualTo(700);
      assertThat(gift.disputeStatus()).isEqualTo("won");
    }
  }

  @Test
  void onlyTheFirstPaymentCountsAndRefundsNeverExceedTheCharge() {
    Gift gift = pending(1000);
    assertThat(gift.markPaid(now, now)).isTrue();
    assertThat(gift.markPaid(now.plusSeconds(5), now)).isFalse();
    assertThat(gift.paidAt()).isEqualTo(now);
    assertThat(gift.recordRefund(5000, now)).isTrue();
    assertThat(gift.refundedAmount()).isEqualTo(1000);
    assertThat(gift.recordRefund(1000, now)).isFalse();
    assertThat(gift.status()).isEqualTo("refunded");
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
    assertThat(org.pathlight.common.Csv.escape("=HYPERLINK(\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(org.pathlight.common.Csv.escape("@sum")).isEqualTo("'@sum");
    assertThat(org.pathlight.common.Csv.escape("-12.50")).isEqualTo("-12.50");
    assertThat(org.pathlight.common.Csv.escape("O'Brien, Pat")).isEqualTo("\"O'Brien, Pat\"");
  }
}
