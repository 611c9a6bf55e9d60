package org.pathlight.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pathlight.common.ProblemException;

class SuppressionTest {

  private final Suppression rule = new Suppression(11);

  @Test
  void countsFromOneToTenAreNeverNumbers() {
    for (long n = 1; n < 11; n++) {
      assertThat(rule.count(n).count()).isNull();
      assertThat(rule.count(n).display()).isEqualTo("fewer than 11");
    }
    assertThat(rule.count(0).display()).isEqualTo("0");
    assertThat(rule.count(11).count()).isEqualTo(11L);
    assertThat(rule.count(1132).display()).isEqualTo("1,132");
  }

  @Test
  void aTotalThatIncludesAHiddenCellIsHiddenToo() {
    assertThat(rule.total(312, List.of(300L, 12L)).count()).isEqualTo(312L);
    assertThat(rule.total(305, List.of(300L, 5L)).count()).isNull();
    assertThat(rule.total(305, List.of(300L, 5L)).display()).contains("fewer than 11");
  }

  @Test
  void aDonorsShareIsWholeUnitsAndNeverSmall() {
    assertThat(rule.share(new BigDecimal("12.9"), List.of(200L)).count()).isEqualTo(12L);
    assertThat(rule.share(new BigDecimal("10.99"), List.of(200L)).count()).isNull();
    assertThat(rule.share(new BigDecimal("0.2"), List.of(200L)).display())
        .isEqualTo("fewer than 11");
    assertThat(rule.share(new BigDecimal("40"), List.of(200L, 3L)).count()).isNull();
  }

  /**
   * Property: whatever the counts, nobody can work a hidden quarter back from what is published
   * about its service type: the four quarter cells, their total (the unit cost's units) and the
   * unit cost with its spending. For each hidden cell, every value from 1 to 10 is tried with every
   * value of the other hidden cells; at least two must fit everything published.
   */
  @Test
  void noHiddenQuarterCanBeRecoveredFromTheTotalsOrTheUnitCost() {
    Random random = new Random(20261201);
    int checked = 0;
    for (int round = 0; round < 3000; round++) {
      long[] quarters = new long[4];
      for (int i = 0; i < 4; i++) {
        quarters[i] = random.nextInt(4) == 0 ? 1 + random.nextInt(10) : random.nextInt(400);
      }
      long units = quarters[0] + quarters[1] + quarters[2] + quarters[3];
      long spent = units * (1000 + random.nextInt(9000)) + random.nextInt(1000);
      List<Long> cells = List.of(quarters[0], quarters[1], quarters[2], quarters[3]);
      // what is published
      List<Suppression.Shown> shown = cells.stream().map(rule::count).toList();
      Suppression.Shown total = rule.total(units, cells);
      Long publishedSpent = total.hidden() ? null : spent;
      long unitCost =
          units == 0
              ? 0
              : BigDecimal.valueOf(spent)
                  .divide(BigDecimal.valueOf(units), 0, RoundingMode.HALF_UP)
                  .longValue();
      List<Integer> hidden = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        if (shown.get(i).hidden()) {
          hidden.add(i);
        }
      }
      for (int target : hidden) {
        int fits = 0;
        for (long guess = 1; guess < 11; guess++) {
          if (consistent(shown, hidden, target, guess, total, publishedSpent, unitCost)) {
            fits++;
          }
        }
        assertThat(fits)
            .as("quarters %s: hidden quarter %d recoverable", cells, target)
            .isGreaterThan(1);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  /**
   * Whether hidden cell {@code target} = {@code guess} fits the published figures for some others.
   */
  private static boolean consistent(
      List<Suppression.Shown> shown,
      List<Integer> hidden,
      int target,
      long guess,
      Suppression.Shown total,
      Long spent,
      long unitCost) {
    List<Integer> others = hidden.stream().filter(i -> i != target).toList();
    int combos = (int) Math.pow(10, others.size());
    for (int c = 0; c < combos; c++) {
      long sum = guess;
      int code = c;
      for (int ignored : others) {
        sum += 1 + code % 10;
        code /= 10;
      }
      for (Suppression.Shown s : shown) {
        if (!s.hidden()) {
          sum += s.count();
        }
      }
      if (!total.hidden() && total.count() != sum) {
        continue;
      }
      if (spent != null && sum > 0) {
        long cost =
            BigDecimal.valueOf(spent)
                .divide(BigDecimal.valueOf(sum), 0, RoundingMode.HALF_UP)
                .longValue();
        if (cost != unitCost) {
          continue;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void monthsAreMonthsNeverDaysNorTheFuture() {
    YearMonth latest = YearMonth.of(2026, 12);
    assertThat(Periods.month("month", "2026-09", latest)).isEqualTo(YearMonth.of(2026, 9));
    assertThat(refusal(() -> Periods.month("month", "2026-09-14", latest)))
        .contains("never counted by day");
    assertThat(refusal(() -> Periods.month("month", "2027-01", latest))).contains("future");
    assertThat(refusal(() -> Periods.month("month", "Sept", latest))).contains("not a month");
    assertThat(Periods.quarter("period", "2026-Q3").months())
        .containsExactly(YearMonth.of(2026, 7), YearMonth.of(2026, 8), YearMonth.of(2026, 9));
    assertThatThrownBy(() -> Periods.quarter("period", "2026-Q5"))
        .isInstanceOf(ProblemException.class);
  }

  private static String refusal(Runnable call) {
    try {
      call.run();
    } catch (ProblemException e) {
      return e.problem().errors().get(0).field() + " " + e.problem().errors().get(0).message();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void serviceWordsRefuseWhatLooksLikeContactData() {
    assertThat(FreeText.check("name", " Respite nights ", 80)).isEqualTo("Respite nights");
    for (String bad :
        List.of(
            "call 555 0100", "ada@example.org", "12 Elm Street", "www.example.org", "<b>x</b>")) {
      assertThatThrownBy(() -> FreeText.check("name", bad, 80))
          .isInstanceOf(ProblemException.class);
    }
  }

  @Test
  void aUnitCostIsSpendingOverUnits() {
    UnitCosts.Basis basis =
        new UnitCosts.Basis(
            "safe-housing-night",
            YearMonth.of(2025, 10),
            YearMonth.of(2026, 9),
            5_230_000,
            1132,
            "usd");
    assertThat(basis.unitCost()).isEqualTo(4620);
    assertThat(basis.costOf(10)).isEqualTo(46_201);
  }
}
