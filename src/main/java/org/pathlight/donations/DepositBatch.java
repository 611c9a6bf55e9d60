package org.pathlight.donations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One bank deposit of checks (and cash), entered gift by gift. Staff may give the slip's count and
 * total; closing the batch checks the entered gifts against them, and a closed batch takes no more
 * gifts.
 */
@Entity
@Table(name = "deposit_batch")
@NamedQuery(
    name = "DepositBatch.byPublicId",
    query = "select b from DepositBatch b where b.publicId = :id")
class DepositBatch {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "public_id")
  private UUID publicId;

  @Column(name = "deposited_on")
  private LocalDate depositedOn;

  private String reference;
  private String currency;

  @Column(name = "expected_count")
  private Integer expectedCount;

  @Column(name = "expected_total")
  private Long expectedTotal;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "closed_by")
  private String closedBy;

  protected DepositBatch() {}

  DepositBatch(
      LocalDate depositedOn,
      String reference,
      String currency,
      Integer expectedCount,
      Long expectedTotal,
      String actor,
      Instant now) {
    this.publicId = UUID.randomUUID();
    this.depositedOn = depositedOn;
    this.reference = reference;
    this.currency = currency;
    this.expectedCount = expectedCount;
    this.expectedTotal = expectedTotal;
    this.createdBy = actor;
    this.createdAt = now;
  }

  /**
   * Why the batch cannot be closed with {@code count} gifts totalling {@code total}, in staff's
   * words; null when it can. A batch with no slip figures closes with any non-empty content.
   */
  String whyNotClosable(long count, long total) {
    if (closedAt != null) {
      return "This batch is already closed.";
    }
    if (count == 0) {
      return "This batch has no gifts yet: enter its checks first.";
    }
    if (expectedCount != null && expectedCount != count) {
      return "The deposit slip lists " + expectedCount + " items, and " + count + " are entered.";
    }
    if (expectedTotal != null && expectedTotal != total) {
      return "The deposit slip totals "
          + Money.format(expectedTotal, currency)
          + ", and the entered gifts total "
          + Money.format(total, currency)
          + ".";
    }
    return null;
  }

  void close(String actor, Instant now) {
    closedAt = now;
    closedBy = actor;
  }

  Long id() {
    return id;
  }

  UUID publicId() {
    return publicId;
  }

  LocalDate depositedOn() {
    return depositedOn;
  }

  String reference() {
    return reference;
  }

  String currency() {
    return currency;
  }

  Integer expectedCount() {
    return expectedCount;
  }

  Long expectedTotal() {
    return expectedTotal;
  }

  String createdBy() {
    return createdBy;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant closedAt() {
    return closedAt;
  }

  String closedBy() {
    return closedBy;
  }
}
