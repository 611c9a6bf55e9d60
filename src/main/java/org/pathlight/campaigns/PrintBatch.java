package org.pathlight.campaigns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.pathlight.common.ProblemException;

/**
 * The print letters of a campaign downloaded together: a letter belongs to exactly one batch from
 * the moment it is downloaded, so marking the batch mailed can touch only letters that were
 * printed. Once mailed, its letters' street addresses are erased and it cannot be printed again.
 */
@Entity
@Table(name = "print_batch")
@NamedQuery(
    name = "PrintBatch.ofCampaign",
    query =
        "select b from PrintBatch b where b.campaignId = :campaign and b.letters > 0"
            + " order by b.id desc")
public class PrintBatch {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "campaign_id")
  private long campaignId;

  /** The batch holds the campaign's print letters up to this letter id. */
  @Column(name = "through_id")
  private long throughId;

  private int letters;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "mailed_at")
  private Instant mailedAt;

  @Column(name = "mailed_by")
  private String mailedBy;

  protected PrintBatch() {}

  /** A new, empty batch; {@link #holds} fills it. */
  PrintBatch(long campaignId, String actor, Instant now) {
    this.campaignId = campaignId;
    this.createdBy = actor;
    this.createdAt = now;
  }

  Long id() {
    return id;
  }

  long campaignId() {
    return campaignId;
  }

  int letters() {
    return letters;
  }

  /** The letters moved into it: how many, up to which id. */
  void holds(int count, long lastLetterId) {
    letters = count;
    throughId = lastLetterId;
  }

  /** Its PDF may be downloaded again until it is marked mailed. */
  void requirePrintable() {
    if (mailedAt != null) {
      throw ProblemException.conflict(
          "batch-mailed", "Batch " + id + " was marked mailed: its street addresses are erased.");
    }
  }

  /** Marked mailed once; again is a 409. */
  void markMailed(String actor, Instant now) {
    if (mailedAt != null) {
      throw ProblemException.conflict(
          "nothing-to-mark", "Batch " + id + " was marked mailed on " + mailedAt + ".");
    }
    mailedAt = now;
    mailedBy = actor;
  }

  CampaignReports.BatchView view() {
    return new CampaignReports.BatchView(id, letters, createdBy, createdAt, mailedBy, mailedAt);
  }
}
