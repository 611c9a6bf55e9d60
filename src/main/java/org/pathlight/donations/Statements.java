package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.documents.PdfText;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * A donor's year-end giving statement: every gift receipted in that calendar year (organisation
 * time), online, monthly and offline, with its receipt number, what of it is deductible, refunds
 * shown as such, the year's deductible total and the IRS wording. Gifts made through the test
 * processor are listed as TEST and never counted.
 */
@ApplicationScoped
public class Statements {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.US);
  private static final List<PdfText.Column> COLUMNS =
      List.of(
          new PdfText.Column(0, 62, false), // date
          new PdfText.Column(66, 62, false), // receipt
          new PdfText.Column(132, 110, false), // fund
          new PdfText.Column(246, 70, false), // how
          new PdfText.Column(318, 58, true), // amount
          new PdfText.Column(380, 58, true), // deductible
          new PdfText.Column(444, 60, false)); // note

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Organization org;
  @Inject jakarta.enterprise.inject.Instance<StatementSection> sections;

  /** One line of the statement. */
  public record Line(
      LocalDate date,
      String receipt,
      String fund,
      String how,
      long amount,
      long deductible,
      String currency,
      String note,
      boolean test,
      boolean inKind) {}

  /** A donor's year: the lines and the deductible total per currency (normally one). */
  public record Year(Supporter donor, int year, List<Line> lines, Map<String, Long> deductible) {}

  /** A statement year from a path ("2025"): a year from 2000 up to this one, or a 400. */
  public static int year(String text, LocalDate today) {
    int year;
    try {
      year = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw ProblemException.invalid("year", "is not a year like " + today.getYear());
    }
    if (year < 2000 || year > today.getYear()) {
      throw ProblemException.invalid("year", "must be from 2000 to " + today.getYear());
    }
    return year;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Year year(long supporterId, int year) {
    Supporter donor =
        supporters.find(supporterId).orElseThrow(() -> ProblemException.notFound("."));
    Map<String, String> fundNames = funds.names();
    List<Gift> gifts =
        em.createQuery(
                "select g from Gift g where g.supporterId = :id and g.receiptYear = :year"
                    + " and g.paidAt is not null order by g.paidAt, g.id",
                Gift.class)
            .setParameter("id", supporterId)
            .setParameter("year", year)
            .getResultList();
    List<Line> lines = new ArrayList<>();
    Map<String, Long> totals = new java.util.TreeMap<>();
    for (Gift g : gifts) {
      Line line = line(g, fundNames.getOrDefault(g.fundCode(), g.fundCode()));
      lines.add(line);
      if (!line.test()) {
        totals.merge(line.currency(), line.deductible(), Math::addExact);
      }
    }
    return new Year(donor, year, lines, totals);
  }

  Line line(Gift g, String fundName) {
    long refunded = g.refundedAmount();
    long deductible;
    List<String> notes = new ArrayList<>();
    switch (g.source()) {
      case DAF -> {
        deductible = 0;
        notes.add("DAF grant: not deductible by you");
      }
      case IN_KIND -> {
        deductible = 0;
        notes.add("In kind: " + g.inKindDescription() + "; value not stated by us");
      }
      default -> {
        deductible = g.deductibleNow();
        if (g.benefitValue() > 0) {
          notes.add(
              "Received goods/services worth " + Money.format(g.benefitValue(), g.currency()));
        }
      }
    }
    if (g.status() == GiftStatus.BOUNCED) {
      notes.add("Check returned unpaid by your bank: not a contribution");
    } else if (g.status() == GiftStatus.VOIDED) {
      notes.add("Void: receipt issued in error");
    }
    if (refunded >= g.amountCharged() && refunded > 0) {
      notes.add("Refunded");
    } else if (refunded > 0) {
      notes.add("Refunded " + Money.format(refunded, g.currency()));
    }
    if (g.chargedBackAmount() > 0) {
      notes.add(
          "Charged back (dispute lost): "
              + Money.format(g.chargedBackAmount(), g.currency())
              + " returned to the card, not deductible");
    } else if ("open".equals(g.disputeStatus())) {
      notes.add("Disputed with your card issuer");
    }
    if (g.test()) {
      notes.add(0, "TEST, not counted");
    }
    return new Line(
        g.paidAt().atZone(org.zone()).toLocalDate(),
        g.receiptLabel(),
        fundName,
        how(g),
        g.amountCharged(),
        g.test() ? 0 : deductible,
        g.currency(),
        String.join("; ", notes),
        g.test(),
        g.source() == GiftSource.IN_KIND);
  }

  private static String how(Gift g) {
    if (g.planId() != null) {
      return "Recurring";
    }
    return switch (g.source()) {
      case ONLINE -> "Online";
      case CHECK -> "Check";
      case CASH -> "Cash";
      case DAF -> "DAF grant";
      case IN_KIND -> "In kind";
    };
  }

  /** The statement as a PDF. */
  public byte[] pdf(Year y) {
    PdfText pdf =
        new PdfText(
            org.name() + " giving statement " + y.year(),
            org.name() + "  ·  EIN " + org.ein() + "  ·  Giving statement " + y.year());
    pdf.heading(org.name());
    if (org.address() != null && !org.address().isBlank()) {
      pdf.block(List.of(org.address().split("\\s*\\n\\s*")));
    }
    pdf.subheading("Giving statement for " + y.year());
    String name = y.donor().fullName().isBlank() ? y.donor().email() : y.donor().fullName();
    pdf.block(List.of(name, y.donor().email()));
    pdf.paragraph(
        "Thank you. These are the gifts we received from you in "
            + y.year()
            + ", with the receipt number of each.");
    pdf.row(COLUMNS, true, "Date", "Receipt", "Fund", "How", "Amount", "Deductible", "Note");
    pdf.rule();
    List<String> notes = new ArrayList<>();
    for (Line l : y.lines()) {
      String mark = "";
      if (!l.note().isEmpty()) {
        notes.add(l.note());
        mark = "note " + notes.size();
      }
      pdf.row(
          COLUMNS,
          false,
          DATE.format(l.date()),
          l.receipt(),
          l.fund(),
          l.how(),
          l.inKind() ? "in kind" : Money.format(l.amount(), l.currency()),
          l.inKind() ? "-" : Money.format(l.deductible(), l.currency()),
          mark);
    }
    pdf.rule();
    Map<String, Long> totals = y.deductible().isEmpty() ? Map.of("usd", 0L) : y.deductible();
    totals.forEach(
        (currency, total) ->
            pdf.row(
                COLUMNS, true, "", "", "Total deductible", "", "", Money.format(total, currency)));
    pdf.space(10);
    for (int i = 0; i < notes.size(); i++) {
      pdf.paragraph("Note " + (i + 1) + ": " + notes.get(i));
    }
    pdf.paragraph(
        org.name()
            + " is exempt from federal income tax under section 501(c)(3) of the Internal"
            + " Revenue Code, EIN "
            + org.ein()
            + ". No goods or services were provided in exchange for these contributions,"
            + " except as noted above with their estimated fair market value. The deductible"
            + " amount of each gift is the amount paid less the value of any goods or services"
            + " received, less any refund and less any chargeback the card issuer decided"
            + " against us. Grants from a donor-advised fund and gifts of"
            + " property are listed for your records; we do not state a deductible value for"
            + " them. Please keep this statement with your tax records.");
    List<Long> giftIds =
        em.createQuery("select g.id from Gift g where g.supporterId = :id", Long.class)
            .setParameter("id", y.donor().id())
            .getResultList();
    for (StatementSection section : sections) {
      List<String> paragraphs = section.paragraphs(giftIds, y.year());
      if (!paragraphs.isEmpty()) {
        pdf.space(10);
        pdf.subheading(paragraphs.get(0));
        paragraphs.subList(1, paragraphs.size()).forEach(pdf::paragraph);
      }
    }
    return pdf.bytes();
  }
}
