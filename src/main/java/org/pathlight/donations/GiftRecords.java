package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffRole;
import org.pathlight.supporters.PersonRecords;

/** A person's gifts and recurring gifts, on their profile (fundraising staff). */
@ApplicationScoped
class GiftRecords implements PersonRecords {

  @PersistenceContext EntityManager em;

  @Override
  public String name() {
    return "gifts and recurring gifts";
  }

  @Override
  public Set<StaffRole> readers() {
    return Set.of(StaffRole.FUNDRAISING);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> timeline(Person person, int limit) {
    List<Entry> out = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Object[]> gifts =
        em.createNativeQuery(
                "select g.public_id, coalesce(g.paid_at, g.created_at), g.amount_charged,"
                    + " g.currency, f.name, g.status, g.source, g.receipt_year, g.receipt_number,"
                    + " g.test, g.refunded_amount from gift g join fund f on f.code = g.fund_code"
                    + " where g.supporter_id = ?1 order by 2 desc limit ?2")
            .setParameter(1, person.id())
            .setParameter(2, limit)
            .getResultList();
    for (Object[] g : gifts) {
      String currency = (String) g[3];
      GiftStatus status = GiftStatus.valueOf(((String) g[5]).toUpperCase(java.util.Locale.ROOT));
      String detail =
          words(status)
              + " · "
              + GiftSource.of((String) g[6]).word().replace('_', ' ')
              + (g[8] == null
                  ? ""
                  : " · receipt "
                      + String.format(
                          "%d-%06d", ((Number) g[7]).intValue(), ((Number) g[8]).intValue()))
              + (((Number) g[10]).longValue() > 0
                  ? " · " + Money.format(((Number) g[10]).longValue(), currency) + " refunded"
                  : "")
              + (Boolean.TRUE.equals(g[9]) ? " · test" : "");
      out.add(
          new Entry(
              ((Timestamp) g[1]).toInstant(),
              "gift",
              "Gift of " + Money.format(((Number) g[2]).longValue(), currency) + " to " + g[4],
              detail,
              "/staff/gifts/" + g[0]));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> plans =
        em.createNativeQuery(
                "select public_id, coalesce(started_at, created_at), amount, currency, frequency,"
                    + " status, canceled_at, cancel_reason from recurring_plan"
                    + " where supporter_id = ?1 order by 2 desc limit ?2")
            .setParameter(1, person.id())
            .setParameter(2, limit)
            .getResultList();
    for (Object[] p : plans) {
      String adjective =
          org.pathlight.payments.Frequency.of((String) p[4])
              .map(org.pathlight.payments.Frequency::adjective)
              .orElse("recurring");
      String what =
          Character.toUpperCase(adjective.charAt(0))
              + adjective.substring(1)
              + " gift of "
              + Money.format(((Number) p[2]).longValue(), (String) p[3]);
      out.add(
          new Entry(
              ((Timestamp) p[1]).toInstant(), "plan", what, "Now " + p[5], "/staff/plans/" + p[0]));
      if (p[6] != null) {
        out.add(
            new Entry(
                ((Timestamp) p[6]).toInstant(),
                "plan",
                what + " canceled",
                p[7] == null ? null : (String) p[7],
                "/staff/plans/" + p[0]));
      }
    }
    out.sort(Comparator.comparing(Entry::at).reversed());
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private static String words(GiftStatus s) {
    return switch (s) {
      case SUCCEEDED -> "Paid";
      case PARTIALLY_REFUNDED -> "Partly refunded";
      case REFUNDED -> "Refunded";
      case PENDING -> "Not paid yet";
      case FAILED -> "Failed";
      case EXPIRED -> "Abandoned";
      case DISPUTED -> "Disputed";
      case DISPUTE_LOST -> "Dispute lost";
      case VOIDED -> "Void";
      case BOUNCED -> "Check returned unpaid";
    };
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Map<String, Long> holds(long supporterId) {
    return java.util.Map.of(
        "gifts",
        PersonRecords.count(em, "select count(*) from gift where supporter_id = ?1", supporterId),
        "recurring gifts",
        PersonRecords.count(
            em, "select count(*) from recurring_plan where supporter_id = ?1", supporterId));
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void merge(long kept, long merged) {
    PersonRecords.move(em, "gift", kept, merged);
    PersonRecords.move(em, "recurring_plan", kept, merged);
  }

  /** A recurring gift that still charges the person (or whose checkout may still finish). */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public String whyNotErasable(long supporterId) {
    long running =
        PersonRecords.count(
            em,
            "select count(*) from recurring_plan where supporter_id = ?1 and (status in"
                + " ('active', 'failing', 'paused') or (status = 'pending'"
                + " and created_at > now() - interval '1 day'))",
            supporterId);
    return running == 0
        ? null
        : "They have "
            + (running == 1 ? "a recurring gift" : running + " recurring gifts")
            + " still running: cancel "
            + (running == 1 ? "it" : "them")
            + " on the recurring gift's page first, so nobody goes on charging them.";
  }

  /**
   * Keeps each gift's amount, date, fund, receipt number and how it was paid (tax law), and removes
   * what names or describes the person: tribute names, IP addresses, donor-written cancellation
   * reasons, and the billing details in the processor's copies of its events.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Erasure erase(Person person, String actor) {
    long gifts = holds(person.id()).get("gifts");
    long plans = holds(person.id()).get("recurring gifts");
    List<String> removed = new ArrayList<>();
    List<Kept> kept = new ArrayList<>();
    if (gifts > 0) {
      int tributes =
          em.createNativeQuery(
                  "update gift set tribute_kind = null, tribute_name = null"
                      + " where supporter_id = ?1 and tribute_name is not null")
              .setParameter(1, person.id())
              .executeUpdate();
      em.createNativeQuery(
              "update gift set client_ip = null, checkout_url = null where supporter_id = ?1")
          .setParameter(1, person.id())
          .executeUpdate();
      int events =
          em.createNativeQuery(
                  "update payment_event set payload = jsonb_build_object('id', payload -> 'id',"
                      + " 'type', type, 'erased', true) where outcome <> 'unmatched'"
                      + " and gift_id in (select id from gift where supporter_id = ?1)")
              .setParameter(1, person.id())
              .executeUpdate();
      if (tributes > 0) {
        removed.add(
            PersonRecords.quantity(tributes, "tribute name", "tribute names")
                + " (in honor or memory of)");
      }
      removed.add("the IP addresses the gifts were made from");
      if (events > 0) {
        removed.add(
            "billing details in "
                + PersonRecords.quantity(events, "copy", "copies")
                + " of the payment processor's events");
      }
      kept.add(
          new Kept(
              PersonRecords.quantity(gifts, "gift", "gifts")
                  + ": amount, date, fund, receipt number and how it was paid",
              "Tax and accounting law requires the charity to keep a record of every gift it"
                  + " received and receipted, for years (the IRS expects seven). The gifts no"
                  + " longer name anyone."));
    }
    if (plans > 0) {
      em.createNativeQuery(
              "update recurring_plan set client_ip = null, checkout_url = null,"
                  + " cancel_reason = null where supporter_id = ?1")
          .setParameter(1, person.id())
          .executeUpdate();
      removed.add("the reasons given for canceling recurring gifts");
      kept.add(
          new Kept(
              PersonRecords.quantity(plans, "recurring gift", "recurring gifts")
                  + ": amount, fund, dates and the processor's subscription number",
              "Their instalments are gifts in the ledger, and a late charge from the processor"
                  + " must still be recorded, not lost."));
    }
    long processed =
        PersonRecords.count(
            em,
            "select count(*) from gift where supporter_id = ?1 and processor = 'stripe'",
            person.id());
    if (processed > 0) {
      kept.add(
          new Kept(
              "Stripe's own record of the card payments",
              "Stripe keeps its records under its own legal duties and Pathlight cannot erase"
                  + " them: delete the customer in Stripe's dashboard if the person asks."));
    }
    return new Erasure(removed, kept);
  }

  @Inject Statements statements;

  /** The gifts and plans (every column), and a giving statement (PDF) for each receipt year. */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Document> export(Person person) {
    List<Document> out = new ArrayList<>();
    out.add(
        PersonRecords.rows(
            em,
            "gifts.json",
            "select * from gift where supporter_id = ?1 order by id",
            person.id()));
    out.add(
        PersonRecords.rows(
            em,
            "recurring-gifts.json",
            "select * from recurring_plan where supporter_id = ?1 order by id",
            person.id()));
    List<Integer> years =
        em.createQuery(
                "select distinct g.receiptYear from Gift g where g.supporterId = :id"
                    + " and g.paidAt is not null and g.receiptYear is not null"
                    + " order by g.receiptYear",
                Integer.class)
            .setParameter("id", person.id())
            .getResultList();
    for (int year : years) {
      out.add(
          new Document(
              "giving-statement-" + year + ".pdf",
              statements.pdf(statements.year(person.id(), year))));
    }
    return out;
  }
}
