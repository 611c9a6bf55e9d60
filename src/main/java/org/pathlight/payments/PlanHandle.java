package org.pathlight.payments;

/** A plan as the processor knows it, for changes made from the manage page or by staff. */
public record PlanHandle(
    String planPublicId,
    String processor,
    String subscriptionId,
    String customerId,
    long amount,
    String currency,
    Frequency frequency) {}
