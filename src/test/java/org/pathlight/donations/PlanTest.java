package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The plan status comes from facts, whatever order they arrived in. */
class PlanTest {

  private static Plan.NewestInvoice paid() {
    return new Plan.NewestInvoice(true, 0, false);
  }

  private static Plan.NewestInvoice failed(int attempts, boolean exhausted) {
    return new Plan.NewestInvoice(false, attempts, exhausted);
  }

  @Test
  void statusFollowsTheNewestInvoiceAndTheSubscriptionState() {
    assertThat(Plan.derive(false, null, false, false, null)).isEqualTo("pending");
    assertThat(Plan.derive(false, null, false, true, null)).isEqualTo("active");
    assertThat(Plan.derive(false, "active", false, true, paid())).isEqualTo("active");
    assertThat(Plan.derive(false, "active", false, true, failed(1, false))).isEqualTo("failing");
    // a recovered card: the newest invoice is paid even if Stripe last said past_due
    assertThat(Plan.derive(false, "past_due", false, true, paid())).isEqualTo("active");
    assertThat(Plan.derive(false, "past_due", false, true, null)).isEqualTo("failing");
    assertThat(Plan.derive(false, "active", false, true, failed(4, true))).isEqualTo("lapsed");
    assertThat(Plan.derive(false, "unpaid", false, true, paid())).isEqualTo("lapsed");
    assertThat(Plan.derive(false, "active", true, true, paid())).isEqualTo("paused");
    assertThat(Plan.derive(false, "paused", false, true, failed(1, false))).isEqualTo("paused");
    // canceled is final, whatever else is known
    assertThat(Plan.derive(true, "active", false, true, paid())).isEqualTo("canceled");
    assertThat(Plan.derive(false, "canceled", true, true, failed(2, false))).isEqualTo("canceled");
  }
}
