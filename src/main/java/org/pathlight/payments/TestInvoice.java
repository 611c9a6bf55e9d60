package org.pathlight.payments;

/**
 * The test invoice a test processor instalment is for: the plan's open (unpaid) one, with when it
 * was made (epoch milliseconds) and how often it was tried.
 */
public record TestInvoice(String id, long createdMillis, int attempts) {}
