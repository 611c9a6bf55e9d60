package org.pathlight.donations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AskPricesTest {

  private static final ServiceCosts.Service NIGHT =
      new ServiceCosts.Service(
          "safe-housing-night",
          "night of safe housing",
          "nights of safe housing",
          4620L,
          "usd",
          "Unit cost $46.20 a night: basis.");

  private static Fund.Ask ask(long amount, int units, boolean follows, long roundTo) {
    return new Fund.Ask(
        amount,
        "usd",
        "$45 — one night of safe housing",
        "safe-housing-night",
        units,
        follows,
        roundTo);
  }

  @Test
  void anUnboundAskIsShownAsWrittenWithNoCheck() {
    AskPrices.Priced p = AskPrices.price(new Fund.Ask(2500, "usd", "$25 — meals"), NIGHT);
    assertEquals(2500, p.amount());
    assertEquals("$25 — meals", p.label());
    assertNull(p.check());
  }

  @Test
  void aFollowingAskTakesTheCostRoundedAsStaffChose() {
    AskPrices.Priced dollar = AskPrices.price(ask(4500, 1, true, 100), NIGHT);
    assertEquals(4600, dollar.amount());
    assertEquals("$46 — one night of safe housing", dollar.label());
    assertFalse(dollar.check().warning());
    assertEquals(32340, AskPrices.price(ask(4500, 7, true, 1), NIGHT).amount());
    AskPrices.Priced week = AskPrices.price(ask(31500, 7, true, 500), NIGHT);
    assertEquals(32500, week.amount());
    assertEquals("$325 — 7 nights of safe housing", week.label());
    assertEquals(
        "$46.20 — one night of safe housing", AskPrices.price(ask(1, 1, true, 1), NIGHT).label());
    assertEquals(32340L, week.check().realCost());
    assertEquals(31500, week.check().writtenAmount(), "what shows while no cost is published");
  }

  @Test
  void aWrittenLabelMoreThanTenPercentOffIsFlagged() {
    // 4500 against 4620 is 2.6% under: fine. 4000 is 13.4% under, 5100 is 10.4% over.
    AskPrices.Priced close = AskPrices.price(ask(4500, 1, false, 100), NIGHT);
    assertFalse(close.check().warning());
    assertEquals(-3, close.check().driftPercent());
    assertEquals("$45 — one night of safe housing", close.label());
    AskPrices.Priced under = AskPrices.price(ask(4000, 1, false, 100), NIGHT);
    assertTrue(under.check().warning());
    assertEquals(-13, under.check().driftPercent());
    assertTrue(
        under
            .check()
            .note()
            .startsWith("More than 10% off: one night of safe housing costs $46.20"));
    assertTrue(AskPrices.price(ask(5100, 1, false, 100), NIGHT).check().warning());
    assertFalse(AskPrices.price(ask(5082, 1, false, 100), NIGHT).check().warning(), "exactly 10%");
  }

  @Test
  void withoutAPublishedCostOrInAnotherCurrencyTheAskStaysAsWritten() {
    ServiceCosts.Service unknown =
        new ServiceCosts.Service("safe-housing-night", "night", "nights", null, null, null);
    AskPrices.Priced p = AskPrices.price(ask(4500, 1, true, 100), unknown);
    assertEquals(4500, p.amount());
    assertEquals("$45 — one night of safe housing", p.label());
    assertNull(p.check().realCost());
    assertFalse(p.check().warning());
    Fund.Ask euros = new Fund.Ask(4500, "eur", "€45", "safe-housing-night", 1, true, 100);
    AskPrices.Priced e = AskPrices.price(euros, NIGHT);
    assertEquals(4500, e.amount());
    assertTrue(e.check().note().contains("in USD and this amount is in EUR"));
  }

  @Test
  void roundingNeverReachesZeroAndAmountsReadAsPeopleWriteThem() {
    assertEquals(500, AskPrices.rounded(120, 500));
    assertEquals(1000, AskPrices.rounded(750, 500));
    assertEquals("$45", org.pathlight.common.MoneyText.whole(4500, "usd"));
    assertEquals("$1,250", org.pathlight.common.MoneyText.whole(125000, "usd"));
    assertEquals("$45.50", org.pathlight.common.MoneyText.whole(4550, "usd"));
    assertEquals("¥4,500", org.pathlight.common.MoneyText.whole(4500, "jpy"));
  }
}
