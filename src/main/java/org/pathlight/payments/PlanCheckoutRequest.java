package org.pathlight.payments;

/** A recurring gift's hosted checkout: what it charges, how often, and where it returns. */
public record PlanCheckoutRequest(
    String planPublicId,
    long amount,
    String currency,
    Frequency frequency,
    String description,
    String email,
    String successUrl,
    String cancelUrl) {}
