package org.pathlight.payments;

/** What a hosted checkout page must collect, and where it sends the donor afterwards. */
public record CheckoutRequest(
    String giftPublicId,
    long amount,
    String currency,
    String description,
    String email,
    String successUrl,
    String cancelUrl) {}
