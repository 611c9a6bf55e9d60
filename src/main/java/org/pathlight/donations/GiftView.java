package org.pathlight.donations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A gift as staff see it. */
public record GiftView(
    UUID id,
    long supporterId,
    String status,
    String source,
    boolean test,
    String fundCode,
    long amount,
    long feeCovered,
    long amountCharged,
    long benefitValue,
    long refundedAmount,
    String currency,
    boolean anonymous,
    String tributeKind,
    String tributeName,
    String inKindDescription,
    String reference,
    String receiptNumber,
    LocalDate receivedOn,
    Instant paidAt,
    Instant createdAt,
    String createdBy,
    String failureReason,
    String disputeStatus,
    long chargedBackAmount,
    String paymentMismatch) {

  static GiftView of(Gift g) {
    return new GiftView(
        g.publicId(),
        g.supporterId(),
        g.status().word(),
        g.source().word(),
        g.test(),
        g.fundCode(),
        g.amount(),
        g.feeCovered(),
        g.amountCharged(),
        g.benefitValue(),
        g.refundedAmount(),
        g.currency(),
        g.anonymous(),
        g.tribute() == null ? null : g.tribute().kind().word(),
        g.tribute() == null ? null : g.tribute().name(),
        g.inKindDescription(),
        g.reference(),
        g.receiptLabel(),
        g.receivedOn(),
        g.paidAt(),
        g.createdAt(),
        g.createdBy(),
        g.failureReason(),
        g.disputeStatus(),
        g.chargedBackAmount(),
        g.paymentMismatch());
  }
}
