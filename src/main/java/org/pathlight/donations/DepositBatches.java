package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * Deposit batches: staff open one per bank deposit, enter its checks as offline gifts, and close it
 * when the entered gifts match the slip. A gift entry and a close take the batch's row lock in
 * turn, so no gift lands in a batch after it closed.
 */
@ApplicationScoped
class DepositBatches {

  @PersistenceContext EntityManager em;
  @Inject GivingSettings settings;
  @Inject org.pathlight.common.Organization organization;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** What a gift entry needs of its batch. */
  record Open(long id, String currency) {}

  /** What the batch's gifts add up to: bounced checks count (they were deposited), voids do not. */
  record Totals(long count, long total, long bouncedCount, long bouncedTotal, long voidedCount) {}

  @Transactional
  DepositBatch open(
      LocalDate depositedOn,
      String reference,
      String currency,
      Integer expectedCount,
      Long expectedTotal,
      String actor,
      String clientIp) {
    if (!settings.currencies().contains(currency)) {
      throw ProblemException.invalid(
          "currency", "we accept " + String.join(", ", settings.currencies()));
    }
    if (depositedOn.isAfter(organization.today())) {
      throw ProblemException.invalid("depositedOn", "cannot be in the future");
    }
    DepositBatch b =
        new DepositBatch(
            depositedOn,
            reference == null || reference.isBlank() ? null : reference.trim(),
            currency,
            expectedCount,
            expectedTotal,
            actor,
            clock.instant());
    em.persist(b);
    em.flush();
    audit.record(
        actor,
        "deposit-batch.opened",
        "deposit_batch",
        b.id(),
        null,
        Map.of("depositedOn", depositedOn.toString(), "currency", currency),
        clientIp);
    return b;
  }

  /** The batch a gift is entered in, locked until the entry commits; refused once closed. */
  @Transactional(Transactional.TxType.MANDATORY)
  Open openForEntry(UUID publicId) {
    DepositBatch b =
        find(publicId)
            .orElseThrow(() -> ProblemException.invalid("batch", "is not a deposit batch"));
    em.lock(b, LockModeType.PESSIMISTIC_WRITE);
    em.refresh(b);
    if (b.closedAt() != null) {
      throw new ProblemException(
          Problem.of(
              409,
              "batch-closed",
              "Batch closed",
              "This deposit batch is closed: open a new batch for more gifts."));
    }
    return new Open(b.id(), b.currency());
  }

  @Transactional
  DepositBatch close(UUID publicId, String actor, String clientIp) {
    DepositBatch b = require(publicId);
    em.lock(b, LockModeType.PESSIMISTIC_WRITE);
    em.refresh(b);
    Totals t = totals(b.id());
    String why = b.whyNotClosable(t.count(), t.total());
    if (why != null) {
      throw new ProblemException(
          Problem.of(
              409,
              b.closedAt() != null ? "batch-closed" : "batch-unbalanced",
              b.closedAt() != null ? "Batch closed" : "Batch does not match its slip",
              why));
    }
    b.close(actor, clock.instant());
    audit.record(
        actor,
        "deposit-batch.closed",
        "deposit_batch",
        b.id(),
        null,
        Map.of("count", t.count(), "total", t.total(), "currency", b.currency()),
        clientIp);
    return b;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  java.util.Optional<DepositBatch> find(UUID publicId) {
    return em.createNamedQuery("DepositBatch.byPublicId", DepositBatch.class)
        .setParameter("id", publicId)
        .getResultStream()
        .findFirst();
  }

  DepositBatch require(UUID publicId) {
    return find(publicId)
        .orElseThrow(() -> ProblemException.notFound("No deposit batch " + publicId + "."));
  }

  UUID publicId(long id) {
    return em.find(DepositBatch.class, id).publicId();
  }

  /** The newest batches, open ones first, with their totals. */
  @Transactional(Transactional.TxType.SUPPORTS)
  List<Map.Entry<DepositBatch, Totals>> recent(int limit, int offset) {
    List<DepositBatch> batches =
        em.createQuery(
                "select b from DepositBatch b order by case when b.closedAt is null then 0 else 1"
                    + " end, b.depositedOn desc, b.id desc",
                DepositBatch.class)
            .setMaxResults(limit)
            .setFirstResult(offset)
            .getResultList();
    if (batches.isEmpty()) {
      return List.of();
    }
    Map<Long, Totals> totals = totals(batches.stream().map(DepositBatch::id).toList());
    return batches.stream()
        .map(b -> Map.entry(b, totals.getOrDefault(b.id(), new Totals(0, 0, 0, 0, 0))))
        .toList();
  }

  Totals totals(long batchId) {
    return totals(List.of(batchId)).getOrDefault(batchId, new Totals(0, 0, 0, 0, 0));
  }

  private Map<Long, Totals> totals(List<Long> ids) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select deposit_batch_id,"
                    + " count(*) filter (where void_kind is distinct from 'voided'),"
                    + " coalesce(sum(amount) filter (where void_kind is distinct from 'voided'), 0),"
                    + " count(*) filter (where void_kind = 'bounced'),"
                    + " coalesce(sum(amount) filter (where void_kind = 'bounced'), 0),"
                    + " count(*) filter (where void_kind = 'voided')"
                    + " from gift where deposit_batch_id = any(cast(?1 as bigint[]))"
                    + " group by deposit_batch_id")
            .setParameter(
                1, "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}")
            .getResultList();
    Map<Long, Totals> out = new java.util.HashMap<>();
    for (Object[] r : rows) {
      out.put(
          ((Number) r[0]).longValue(),
          new Totals(
              ((Number) r[1]).longValue(),
              ((Number) r[2]).longValue(),
              ((Number) r[3]).longValue(),
              ((Number) r[4]).longValue(),
              ((Number) r[5]).longValue()));
    }
    return out;
  }
}
