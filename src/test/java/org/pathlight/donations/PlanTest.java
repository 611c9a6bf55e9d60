package org.pathlight.donations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pathlight.payments.SubscriptionState;

/** The plan status comes from facts, whatever order they arrived in. */
class PlanTest {

  private static final long PAUSED_AT = 1_800_000_000_000L;

  private static Plan.NewestInvoice paid() {
    return new Plan.NewestInvoice(true, 0, false, PAUSED_AT - 1000);
  }

  private static Plan.NewestInvoice paidAt(long millis) {
    return new Plan.NewestInvoice(true, 0, false, millis);
  }

  private static Plan.NewestInvoice failed(int attempts, boolean exhausted) {
    return new Plan.NewestInvoice(false, attempts, exhausted, null);
  }

  private static String derive(
      boolean canceled, String snapshot, boolean paused, boolean started, Plan.NewestInvoice n) {
    return Plan.derive(
            canceled,
            null,
            snapshot == null ? null : SubscriptionState.of(snapshot),
            paused,
            PAUSED_AT,
            started,
            n)
        .word();
  }

  @Test
  void statusFollowsTheNewestInvoiceAndTheSubscriptionState() {
    assertThat(derive(false, null, false, false, null)).isEqualTo("pending");
    assertThat(derive(false, null, false, true, null)).isEqualTo("active");
    assertThat(derive(false, "active", false, true, paid())).isEqualTo("active");
    assertThat(derive(false, "active", false, true, failed(1, false))).isEqualTo("failing");
    // a recovered card: the newest invoice is paid even if Stripe last said past_due
    assertThat(derive(false, "past_due", false, true, paid())).isEqualTo("active");
    assertThat(derive(false, "past_due", false, true, null)).isEqualTo("failing");
    assertThat(derive(false, "active", false, true, failed(4, true))).isEqualTo("lapsed");
    assertThat(derive(false, "unpaid", false, true, paid())).isEqualTo("lapsed");
    assertThat(derive(false, "active", true, true, paid())).isEqualTo("paused");
    assertThat(derive(false, "paused", false, true, failed(1, false))).isEqualTo("paused");
    // canceled is final, whatever else is known
    assertThat(derive(true, "active", false, true, paid())).isEqualTo("canceled");
    assertThat(derive(false, "canceled", true, true, failed(2, false))).isEqualTo("canceled");
  }

  @Test
  void aSubscriptionTheProcessorEndsAfterFailedPaymentsHasLapsedNotBeenCanceled() {
    // retries ran out, then Stripe canceled the subscription: in either order, lapsed
    assertThat(
            Plan.derive(
                    true, null, SubscriptionState.ENDED, false, PAUSED_AT, true, failed(4, true))
                .word())
        .isEqualTo("lapsed");
    assertThat(
            Plan.derive(
                    true, "payment_failed", SubscriptionState.ENDED, false, PAUSED_AT, true, paid())
                .word())
        .isEqualTo("lapsed");
    assertThat(
            Plan.derive(
                    true,
                    "payment_failed",
                    SubscriptionState.ENDED,
                    false,
                    PAUSED_AT,
                    true,
                    failed(2, false))
                .word())
        .isEqualTo("lapsed");
    // someone asked for the cancellation: canceled, even while the card was failing
    assertThat(
            Plan.derive(
                    true,
                    "cancellation_requested",
                    SubscriptionState.ENDED,
                    false,
                    PAUSED_AT,
                    true,
                    failed(4, true))
                .word())
        .isEqualTo("canceled");
  }

  @Test
  void stripesWordsBecomePathlightsStates() {
    assertThat(SubscriptionState.of("active")).isEqualTo(SubscriptionState.COLLECTING);
    assertThat(SubscriptionState.of("trialing")).isEqualTo(SubscriptionState.COLLECTING);
    assertThat(SubscriptionState.of("past_due")).isEqualTo(SubscriptionState.BEHIND);
    assertThat(SubscriptionState.of("unpaid")).isEqualTo(SubscriptionState.GAVE_UP);
    assertThat(SubscriptionState.of("incomplete_expired")).isEqualTo(SubscriptionState.GAVE_UP);
    assertThat(SubscriptionState.of("paused")).isEqualTo(SubscriptionState.PAUSED);
    assertThat(SubscriptionState.of("canceled")).isEqualTo(SubscriptionState.ENDED);
    assertThat(SubscriptionState.of("incomplete")).isEqualTo(SubscriptionState.STARTING);
    assertThat(SubscriptionState.of(null)).isEqualTo(SubscriptionState.STARTING);
  }

  @Test
  void anInstalmentPaidAfterThePauseMakesThePlanActive() {
    assertThat(derive(false, "active", true, true, paidAt(PAUSED_AT + 5000))).isEqualTo("active");
    assertThat(derive(false, "paused", false, true, paidAt(PAUSED_AT + 5000))).isEqualTo("active");
    assertThat(derive(false, "active", true, true, paidAt(PAUSED_AT - 5000))).isEqualTo("paused");
  }
}
