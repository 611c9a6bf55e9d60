package org.pathlight.payments;

/** A hosted checkout page, created: send the donor to {@code url}. */
public record CheckoutSession(String sessionId, String url, String processor, boolean test) {}
