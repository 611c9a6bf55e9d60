package org.pathlight.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.documents.Csv;
import org.pathlight.documents.PdfText;
import org.pathlight.mail.Outbox;
import org.pathlight.officials.Officials;

/**
 * What staff get out of a campaign: the print batch (letters to officials who publish no email, one
 * per page, for hand delivery or post), marking a batch mailed (which purges the street addresses
 * it needed), counts per official and per channel with failures, and the lobbying tally for the
 * annual report.
 */
@ApplicationScoped
public class CampaignReports {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);

  @PersistenceContext EntityManager em;
  @Inject Campaigns campaigns;
  @Inject Outbox outbox;
  @Inject Officials officials;
  @Inject AuditTrail audit;
  @Inject Organization org;
  @Inject Clock clock;

  /** A print batch as a PDF: its id (to mark exactly its letters mailed) and how many. */
  public record Batch(byte[] pdf, int letters, long id) {}

  /** A print batch as staff list them. */
  public record BatchView(
      long id,
      int letters,
      String createdBy,
      Instant createdAt,
      String mailedBy,
      Instant mailedAt) {}

  /**
   * The print letters not yet in a batch become a new batch, and its PDF: a letter belongs to
   * exactly one batch from the moment it is downloaded, so marking that batch mailed can only touch
   * letters that were printed (a letter written meanwhile waits for the next batch).
   */
  @Transactional
  public Batch newPrintBatch(String slug, String actor, String ip) {
    Campaigns.CampaignView c = campaigns.lock(slug).view();
    Instant now = clock.instant();
    PrintBatch printBatch = new PrintBatch(c.id(), actor, now);
    em.persist(printBatch);
    em.flush();
    long batch = printBatch.id();
    int letters =
        em.createNamedQuery("Letter.batchPrinted")
            .setParameter("batch", batch)
            .setParameter("campaign", c.id())
            .setParameter("print", Letter.Channel.PRINT)
            .executeUpdate();
    if (letters == 0) {
      throw ProblemException.notFound("No printed letters are waiting for " + slug + ".");
    }
    printBatch.holds(
        letters,
        em.createQuery("select max(l.id) from Letter l where l.batchId = :batch", Long.class)
            .setParameter("batch", batch)
            .getSingleResult());
    audit.record(
        actor,
        "campaign.batch-printed",
        "campaign",
        slug,
        null,
        Letters.map("batch", batch, "letters", letters),
        ip);
    return new Batch(render(c, batch), letters, batch);
  }

  /** A batch's PDF again (a lost download, a jammed printer), until it is marked mailed. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Batch printBatch(String slug, long batch) {
    Campaigns.CampaignView c = campaigns.require(slug);
    PrintBatch b = batch(c, batch);
    b.requirePrintable();
    return new Batch(render(c, batch), b.letters(), batch);
  }

  /** The campaign's print batches, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<BatchView> batches(String slug) {
    return em.createNamedQuery("PrintBatch.ofCampaign", PrintBatch.class)
        .setParameter("campaign", campaigns.require(slug).id())
        .getResultStream()
        .map(PrintBatch::view)
        .toList();
  }

  /** One of the campaign's batches (with letters). */
  private PrintBatch batch(Campaigns.CampaignView c, long batch) {
    PrintBatch b = em.find(PrintBatch.class, batch);
    if (b == null || b.campaignId() != c.id() || b.letters() == 0) {
      throw ProblemException.notFound("There is no print batch " + batch + " in " + c.slug() + ".");
    }
    return b;
  }

  /** The official's office address (their "print" channel) for a letter's heading, if known. */
  private String postalAddress(String officialId) {
    return officials.find(officialId).map(o -> Letters.channelValue(o, "print")).orElse(null);
  }

  private byte[] render(Campaigns.CampaignView c, long batch) {
    List<Letter> letters =
        em.createNamedQuery("Letter.ofBatch", Letter.class)
            .setParameter("batch", batch)
            .getResultList();
    Map<String, String> officeAddress = new java.util.HashMap<>();
    PdfText pdf = new PdfText(c.title() + " letters", c.title() + "  ·  " + org.name());
    boolean first = true;
    for (Letter l : letters) {
      if (!first) {
        pdf.newPage();
      }
      first = false;
      if (l.test()) {
        pdf.heading("TEST LETTER: DO NOT MAIL (written in advocacy test mode)");
      }
      String from = l.addressBlock() == null ? "" : l.addressBlock();
      pdf.block(List.of(from.split("\n")));
      pdf.paragraph(DATE.format(l.createdAt().atZone(org.zone()).toLocalDate()));
      List<String> to = new ArrayList<>();
      to.add("The Honorable " + l.officialName());
      to.add(l.officialTitle());
      String office = officeAddress.computeIfAbsent(l.officialId(), this::postalAddress);
      if (office != null) {
        to.add(office);
      }
      pdf.block(to);
      pdf.subheading("Re: " + l.subject());
      pdf.paragraph(l.body());
    }
    return pdf.bytes();
  }

  /**
   * A batch's letters were mailed or delivered: they are sent, and the street addresses they
   * carried are erased. Marking it again is a 409.
   */
  @Transactional
  public Map<String, Object> markMailed(String slug, long batch, String actor, String ip) {
    Campaigns.CampaignView c = campaigns.lock(slug).view();
    PrintBatch b = batch(c, batch);
    Instant now = clock.instant();
    b.markMailed(actor, now);
    int letters =
        em.createNamedQuery("Letter.batchMailed")
            .setParameter("sent", Letter.Status.SENT)
            .setParameter("now", now)
            .setParameter("batch", batch)
            .executeUpdate();
    Map<String, Object> result = Letters.map("batch", batch, "letters", letters);
    audit.record(actor, "campaign.batch-mailed", "campaign", slug, null, result, ip);
    return result;
  }

  public record Stats(
      String slug,
      long actions,
      long letters,
      Map<String, Map<String, Long>> byChannel,
      List<OfficialCount> byOfficial,
      List<Failure> failures) {}

  public record OfficialCount(
      String id,
      String name,
      String title,
      String channel,
      long letters,
      long queued,
      long sent,
      long failed,
      long handedOff) {}

  public record Failure(long letter, String official, String reason) {}

  /** The counts, failures included, from one snapshot (a repeatable-read transaction). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Stats stats(String slug) {
    snapshot();
    return counts(slug);
  }

  /** Makes this (new) transaction read one consistent snapshot. */
  private void snapshot() {
    em.createNativeQuery("set transaction isolation level repeatable read read only")
        .executeUpdate();
  }

  private Stats counts(String slug) {
    Campaigns.CampaignView c = campaigns.require(slug);
    long actions =
        ((Number)
                em.createNativeQuery("select count(*) from campaign_action where campaign_id = ?1")
                    .setParameter(1, c.id())
                    .getSingleResult())
            .longValue();
    List<LetterLine> rows =
        em.createNamedQuery("Letter.linesOfCampaign", LetterLine.class)
            .setParameter("campaign", c.id())
            .getResultList();
    Map<Long, Outbox.Delivery> mail =
        outbox.deliveries(rows.stream().map(LetterLine::outboxId).toList());
    Map<String, Map<String, Long>> byChannel = new LinkedHashMap<>();
    Map<String, long[]> perOfficial = new LinkedHashMap<>();
    Map<String, LetterLine> officialInfo = new LinkedHashMap<>();
    List<Failure> failures = new ArrayList<>();
    long letters = 0;
    for (LetterLine r : rows) {
      Outbox.Delivery delivery = mail.get(r.outboxId());
      Letter.Status status = Letter.status(r.channel(), r.status(), delivery);
      letters++;
      byChannel
          .computeIfAbsent(r.channel().word(), k -> new java.util.TreeMap<>())
          .merge(status.word(), 1L, Long::sum);
      String key = r.officialId() + "|" + r.channel().word();
      officialInfo.putIfAbsent(key, r);
      long[] counts = perOfficial.computeIfAbsent(key, k -> new long[5]);
      counts[0]++;
      counts[
          switch (status) {
            case QUEUED -> 1;
            case SENT -> 2;
            case FAILED -> 3;
            case HANDED_OFF -> 4;
          }]++;
      if (status == Letter.Status.FAILED) {
        failures.add(
            new Failure(r.id(), r.officialName(), Letter.failure(r.failureReason(), delivery)));
      }
    }
    failures.sort(java.util.Comparator.comparingLong(Failure::letter));
    List<OfficialCount> byOfficial = new ArrayList<>();
    perOfficial.forEach(
        (key, n) -> {
          LetterLine r = officialInfo.get(key);
          byOfficial.add(
              new OfficialCount(
                  r.officialId(),
                  r.officialName(),
                  r.officialTitle(),
                  r.channel().word(),
                  n[0],
                  n[1],
                  n[2],
                  n[3],
                  n[4]));
        });
    return new Stats(
        slug,
        actions,
        letters,
        byChannel,
        byOfficial,
        List.copyOf(failures.subList(0, Math.min(200, failures.size()))));
  }

  /** The stats as CSV: one row per official and channel. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public String statsCsv(String slug) {
    snapshot();
    Stats s = counts(slug);
    StringBuilder out = new StringBuilder();
    Csv.row(
        out,
        "official_id",
        "official",
        "title",
        "channel",
        "letters",
        "queued",
        "sent",
        "failed",
        "handed_off");
    for (OfficialCount o : s.byOfficial()) {
      Csv.row(
          out,
          o.id(),
          o.name(),
          o.title(),
          o.channel(),
          Long.toString(o.letters()),
          Long.toString(o.queued()),
          Long.toString(o.sent()),
          Long.toString(o.failed()),
          Long.toString(o.handedOff()));
    }
    return out.toString();
  }

  /**
   * The lobbying tally for campaigns with activity in [from, to): per campaign, whether staff
   * marked it direct or grassroots lobbying, the actions taken and the letters by level of
   * government, for the annual lobbying report (Form 990 Schedule C, 501(h) election).
   */
  public record Tally(
      String slug,
      String title,
      String lobbying,
      String status,
      long actions,
      long letters,
      long federalLetters,
      long stateLetters,
      long otherLetters) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Tally> lobbying(LocalDate from, LocalDate to) {
    var start = Timestamp.from(from.atStartOfDay(org.zone()).toInstant());
    var end = Timestamp.from(to.atStartOfDay(org.zone()).toInstant());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select c.slug, c.title, c.lobbying, c.status,"
                    + " (select count(*) from campaign_action a where a.campaign_id = c.id"
                    + "   and a.created_at >= ?1 and a.created_at < ?2),"
                    + " count(l.id),"
                    + " count(l.id) filter (where f.office like 'us-%'),"
                    + " count(l.id) filter (where f.office like 'state-%'),"
                    + " count(l.id) filter (where f.office = 'custom')"
                    + " from campaign c left join letter l on l.campaign_id = c.id"
                    + "   and l.created_at >= ?1 and l.created_at < ?2 and not l.test"
                    + " left join official f on f.id = l.official_id"
                    + " where c.status <> 'draft'"
                    + " group by c.id, c.slug, c.title, c.lobbying, c.status order by c.slug")
            .setParameter(1, start)
            .setParameter(2, end)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Tally(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue(),
                    ((Number) r[6]).longValue(),
                    ((Number) r[7]).longValue(),
                    ((Number) r[8]).longValue()))
        .toList();
  }

  public String lobbyingCsv(LocalDate from, LocalDate to) {
    StringBuilder out = new StringBuilder();
    Csv.row(
        out,
        "campaign",
        "title",
        "lobbying",
        "status",
        "actions",
        "letters",
        "federal_letters",
        "state_letters",
        "other_letters",
        "from",
        "to");
    for (Tally t : lobbying(from, to)) {
      Csv.row(
          out,
          t.slug(),
          t.title(),
          t.lobbying(),
          t.status(),
          Long.toString(t.actions()),
          Long.toString(t.letters()),
          Long.toString(t.federalLetters()),
          Long.toString(t.stateLetters()),
          Long.toString(t.otherLetters()),
          from.toString(),
          to.toString());
    }
    return out.toString();
  }
}
