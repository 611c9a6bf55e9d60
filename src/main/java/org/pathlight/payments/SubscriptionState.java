package org.pathlight.payments;

import org.pathlight.common.Words;

/**
 * A recurring gift's subscription as Pathlight understands it, whatever the processor calls it: the
 * plan ledger derives a plan's status from this, never from Stripe's words.
 */
public enum SubscriptionState {
  /** Not started yet (Stripe: incomplete), or a state this server does not know. */
  STARTING,
  /** Collecting as agreed (active, trialing). */
  COLLECTING,
  /** A payment failed and the processor is retrying (past_due). */
  BEHIND,
  /** The processor stopped trying to collect, but the subscription exists (unpaid, expired). */
  GAVE_UP,
  /** Collection is paused. */
  PAUSED,
  /** It ended (canceled). */
  ENDED;

  /** The processor's word for the state (Stripe's, which the test processor uses too). */
  public static SubscriptionState of(String processorWord) {
    return switch (String.valueOf(processorWord)) {
      case "active", "trialing" -> COLLECTING;
      case "past_due" -> BEHIND;
      case "unpaid", "incomplete_expired" -> GAVE_UP;
      case "paused" -> PAUSED;
      case "canceled" -> ENDED;
      default -> STARTING;
    };
  }

  /** The stored and shown word: {@code collecting}, {@code gave_up}, ... */
  public String word() {
    return Words.of(this);
  }

  /** The {@code recurring_plan.snapshot_status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<SubscriptionState>
      implements jakarta.persistence.AttributeConverter<SubscriptionState, String> {
    public Column() {
      super(SubscriptionState.class);
    }
  }
}
