package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathlight.common.Organization;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * Tax receipts: a number per calendar year (organisation time zone) taken from a counter row that
 * stays locked until the gift's transaction ends, so numbers are sequential, unique and never
 * reused; and the receipt email, queued in the same transaction.
 */
@ApplicationScoped
public class Receipts {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);

  @PersistenceContext EntityManager em;
  @Inject Outbox outbox;
  @Inject ManageLinks manageLinks;
  @Inject Supporters supporters;
  @Inject GiftRefunds refunds;
  @Inject Organization org;
  @Inject Clock clock;

  /** Numbers the gift (once) and queues its receipt (once). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void issue(Gift gift) {
    if (gift.receiptNumber() == null) {
      int year = gift.paidAt().atZone(org.zone()).getYear();
      gift.assignReceipt(year, nextNumber(year));
    }
    send(gift, "receipt", "receipt:" + gift.id());
  }

  /**
   * The receipt again, marked as a copy (same number), once per {@code requestKey}: a double click
   * on "re-send" sends one copy. Answers the queued message's id (empty: this request's copy was
   * queued before).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public java.util.Optional<Long> sendCopy(Gift gift, String requestKey) {
    return send(gift, "receipt", "receipt-copy:" + gift.id() + ":" + requestKey, true);
  }

  /** The dedupe keys of every receipt a gift can have: its exact key, and the prefixes. */
  static List<String> exactKeys(Gift gift) {
    return List.of("receipt:" + gift.id());
  }

  static List<String> keyPrefixes(Gift gift) {
    return List.of("receipt-corrected:" + gift.id() + ":", "receipt-copy:" + gift.id() + ":");
  }

  /** A corrected acknowledgement after (a further part of) the gift was refunded. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void acknowledgeRefund(Gift gift) {
    long undone = undoneRefunds(gift);
    send(
        gift,
        "receipt-corrected",
        "receipt-corrected:"
            + gift.id()
            + ":"
            + gift.refundedAmount()
            + (undone > 0 ? ":undone:" + undone : ""));
  }

  /** What refunds that failed or were canceled gave back to the gift. */
  private long undoneRefunds(Gift gift) {
    return refunds.of(gift.id()).stream()
        .filter(Gift.RefundCase::undone)
        .mapToLong(Gift.RefundCase::amount)
        .sum();
  }

  /**
   * The acknowledgement that voids the receipt: the gift was entered in error, or its check came
   * back unpaid. Once per gift: a gift is voided once.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void acknowledgeVoid(Gift gift) {
    send(gift, "receipt-corrected", "receipt-corrected:" + gift.id() + ":void");
  }

  /** A corrected acknowledgement after staff corrected an offline gift: one per correction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void acknowledgeCorrection(Gift gift) {
    send(
        gift,
        "receipt-corrected",
        "receipt-corrected:" + gift.id() + ":correction:" + gift.corrections());
  }

  /** A corrected acknowledgement after a chargeback was lost: that money is not a contribution. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void acknowledgeChargeback(Gift gift) {
    send(
        gift,
        "receipt-corrected",
        "receipt-corrected:" + gift.id() + ":chargeback:" + gift.chargedBackAmount());
  }

  /**
   * The documents a gift's facts call for, whatever order they arrived in: the receipt once paid,
   * and a corrected acknowledgement when a refund or a lost chargeback is already known. The dedupe
   * keys are the ones the later facts would use, so each document goes out once.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void issueWithCorrections(Gift gift) {
    issue(gift);
    if (gift.refundedAmount() > 0) {
      acknowledgeRefund(gift);
    }
    if (gift.chargedBackAmount() > 0) {
      acknowledgeChargeback(gift);
    }
  }

  int nextNumber(int year) {
    return ((Number)
            em.createNativeQuery(
                    "insert into receipt_counter (year, last_number) values (?1, 1)"
                        + " on conflict (year) do update"
                        + " set last_number = receipt_counter.last_number + 1"
                        + " returning last_number")
                .setParameter(1, year)
                .getSingleResult())
        .intValue();
  }

  private void send(Gift gift, String template, String dedupeKey) {
    send(gift, template, dedupeKey, false);
  }

  private java.util.Optional<Long> send(
      Gift gift, String template, String dedupeKey, boolean copy) {
    Supporter donor =
        supporters
            .find(gift.supporterId())
            .orElseThrow(() -> new IllegalStateException("gift without donor " + gift.id()));
    Fund fund =
        em.createNamedQuery("Fund.byCode", Fund.class)
            .setParameter("code", gift.fundCode())
            .getSingleResult();
    boolean discreet = donor.safeContact().discreetSender();
    Map<String, Object> model = model(gift, donor, fund, discreet);
    model.put("copy", copy);
    return outbox.enqueue(
        Outbox.Envelope.to(donor.recipient(), "receipt").dedupedBy(dedupeKey), template, model);
  }

  Map<String, Object> model(Gift gift, Supporter donor, Fund fund, boolean discreet) {
    ZoneId zone = org.zone();
    Map<String, Object> m = new HashMap<>();
    m.put("test", gift.test());
    m.put("discreet", discreet);
    m.put("donorName", donor.fullName().isBlank() ? "friend" : donor.fullName());
    m.put("receiptNumber", gift.receiptLabel());
    m.put("date", DATE.format(gift.paidAt().atZone(zone)));
    m.put("today", DATE.format(clock.instant().atZone(zone)));
    boolean inKind = gift.source() == GiftSource.IN_KIND;
    m.put("inKind", inKind);
    m.put("inKindDescription", gift.inKindDescription());
    // a gift in kind is described, never valued: the donor determines its value
    m.put("amountCharged", inKind ? null : Money.format(gift.amountCharged(), gift.currency()));
    m.put(
        "feeCovered",
        gift.feeCovered() > 0 ? Money.format(gift.feeCovered(), gift.currency()) : null);
    m.put("fundName", fund.name());
    m.put("restricted", fund.restricted());
    m.put("source", sourceText(gift.source()));
    m.put("anonymous", gift.anonymous());
    if (gift.tribute() != null) {
      m.put("tributeText", gift.tribute().phrase());
    }
    m.put("deductionStatement", deductionStatement(gift));
    if (gift.planId() != null) {
      m.put("manageLink", manageLinks.url(donor.id()));
    }
    m.put("ein", org.ein());
    m.put("refunded", Money.format(gift.refundedAmount(), gift.currency()));
    m.put("refundedAny", gift.refundedAmount() > 0);
    long undone = gift.id() == null ? 0 : undoneRefunds(gift);
    m.put("refundUndone", undone > 0 ? Money.format(undone, gift.currency()) : null);
    m.put(
        "chargedBack",
        gift.chargedBackAmount() > 0
            ? Money.format(gift.chargedBackAmount(), gift.currency())
            : null);
    m.put("deductibleAfterRefund", Money.format(gift.deductibleNow(), gift.currency()));
    m.put("void", gift.voidedAt() != null);
    m.put("voided", gift.status() == GiftStatus.VOIDED);
    m.put("bounced", gift.status() == GiftStatus.BOUNCED);
    m.put("corrected", gift.corrections() > 0);
    return m;
  }

  /**
   * A grant from a donor-advised fund is a gift of the fund's sponsoring organisation, which owns
   * the fund's money. The donor took any deduction when they contributed to the fund, so they may
   * not deduct the grant again; and the grant can carry no benefit to them.
   */
  static final String DAF_STATEMENT =
      "This grant was made by the sponsoring organisation of a donor-advised fund, which is the"
          + " legal donor of the grant. This letter acknowledges the grant; it is not a receipt"
          + " for a personal tax deduction. You may not deduct this grant: a deduction for money"
          + " given to a donor-advised fund is claimed in the year it is contributed to the fund,"
          + " not when the fund makes a grant. No goods or services were provided in exchange"
          + " for this grant.";

  /** The IRS wording for this kind of gift. */
  static String deductionStatement(Gift gift) {
    String charged = Money.format(gift.amountCharged(), gift.currency());
    return switch (gift.source()) {
      case DAF -> DAF_STATEMENT;
      case IN_KIND ->
          "We received: "
              + gift.inKindDescription()
              + ". No goods or services were provided in exchange. We do not state a value"
              + " for gifts of property; the donor determines it.";
      default ->
          gift.benefitValue() > 0
              ? "In exchange for your payment of "
                  + charged
                  + " you received goods or services with an estimated fair market value of "
                  + Money.format(gift.benefitValue(), gift.currency())
                  + ". The tax-deductible part of your contribution is "
                  + Money.format(gift.deductible(), gift.currency())
                  + "."
              : "No goods or services were provided in exchange for this contribution.";
    };
  }

  private static String sourceText(GiftSource source) {
    return switch (source) {
      case ONLINE -> "online";
      case CHECK -> "by check";
      case CASH -> "in cash";
      case DAF -> "from a donor-advised fund";
      case IN_KIND -> "in kind";
    };
  }
}
