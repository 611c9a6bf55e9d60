package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Staff searches over the ledger, with the donor's name and email beside each gift. */
@ApplicationScoped
public class GiftQueries {

  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject org.pathlight.common.Organization org;

  /**
   * Filters; null members do not filter. {@code from} and {@code to} bound when the gift was
   * received (an offline gift: the day on its check or receipt; an online gift: when it was paid;
   * not paid yet: when it was started), not when it was recorded.
   */
  public record Filter(
      Instant from,
      Instant to,
      String fund,
      String status,
      String source,
      Long min,
      Long max,
      String q,
      Long batch,
      int limit,
      int offset) {}

  /** One row of the staff list and of the CSV export. */
  public record Row(
      UUID id,
      Instant createdAt,
      java.time.LocalDate receivedOn,
      Instant paidAt,
      String status,
      String source,
      boolean test,
      String fundCode,
      long amount,
      long feeCovered,
      long amountCharged,
      long refundedAmount,
      String currency,
      String receiptNumber,
      boolean anonymous,
      String donorEmail,
      String donorFirstName,
      String donorLastName) {}

  /** One payment event in a gift's history. */
  public record EventView(
      String eventId, String processor, String type, Instant receivedAt, String outcome) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Row> find(Filter f) {
    StringBuilder sql =
        new StringBuilder(
            "select g.public_id, g.created_at, coalesce(g.received_on,"
                + " cast(timezone(?1, coalesce(g.paid_at, g.created_at)) as date)), g.paid_at, g.status, g.source, g.test, g.fund_code,"
                + " g.amount, g.fee_covered, g.amount_charged, g.refunded_amount, g.currency,"
                + " g.receipt_year, g.receipt_number, g.anonymous, s.email, s.first_name,"
                + " s.last_name from gift g join supporter s on s.id = g.supporter_id where true");
    List<Object> params = new ArrayList<>();
    params.add(org.zone().getId());
    if (f.from() != null) {
      params.add(Timestamp.from(f.from()));
      sql.append(" and coalesce(g.paid_at, g.created_at) >= ?").append(params.size());
    }
    if (f.to() != null) {
      params.add(Timestamp.from(f.to()));
      sql.append(" and coalesce(g.paid_at, g.created_at) < ?").append(params.size());
    }
    if (f.fund() != null) {
      params.add(f.fund());
      sql.append(" and g.fund_code = ?").append(params.size());
    }
    if (f.status() != null) {
      params.add(f.status());
      sql.append(" and g.status = ?").append(params.size());
    }
    if (f.source() != null) {
      params.add(f.source());
      sql.append(" and g.source = ?").append(params.size());
    }
    if (f.min() != null) {
      params.add(f.min());
      sql.append(" and g.amount_charged >= ?").append(params.size());
    }
    if (f.max() != null) {
      params.add(f.max());
      sql.append(" and g.amount_charged <= ?").append(params.size());
    }
    if (f.q() != null && !f.q().isBlank()) {
      params.add("%" + f.q().toLowerCase().replace("%", "").replace("_", "") + "%");
      int n = params.size();
      sql.append(" and (lower(s.email) like ?")
          .append(n)
          .append(" or lower(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, ''))")
          .append(" like ?")
          .append(n)
          .append(")");
    }
    if (f.batch() != null) {
      params.add(f.batch());
      sql.append(" and g.deposit_batch_id = ?").append(params.size());
    }
    params.add(f.limit());
    sql.append(" order by coalesce(g.paid_at, g.created_at) desc, g.id desc limit ?")
        .append(params.size());
    params.add(f.offset());
    sql.append(" offset ?").append(params.size());
    var query = em.createNativeQuery(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream().map(GiftQueries::row).toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Gift> byPublicId(UUID id) {
    return em.createNamedQuery("Gift.byPublicId", Gift.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<EventView> events(long giftId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select event_id, processor, type, received_at, outcome from payment_event"
                    + " where gift_id = ?1 order by received_at, event_id")
            .setParameter(1, giftId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new EventView(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    ((Timestamp) r[3]).toInstant(),
                    (String) r[4]))
        .toList();
  }

  private static Row row(Object[] r) {
    return new Row(
        (UUID) r[0],
        ((Timestamp) r[1]).toInstant(),
        r[2] == null ? null : ((java.sql.Date) r[2]).toLocalDate(),
        r[3] == null ? null : ((Timestamp) r[3]).toInstant(),
        (String) r[4],
        (String) r[5],
        (Boolean) r[6],
        (String) r[7],
        ((Number) r[8]).longValue(),
        ((Number) r[9]).longValue(),
        ((Number) r[10]).longValue(),
        ((Number) r[11]).longValue(),
        (String) r[12],
        r[14] == null
            ? null
            : String.format("%d-%06d", ((Number) r[13]).intValue(), ((Number) r[14]).intValue()),
        (Boolean) r[15],
        (String) r[16],
        (String) r[17],
        (String) r[18]);
  }
}
