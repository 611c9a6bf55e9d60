package org.pathlight.newsletters;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.common.Words;

/**
 * An impact newsletter or an advocacy alert: a draft staff write (subject, preheader, topic,
 * segment, Markdown body), then schedule; it sends, may be paused, resumed or canceled, and is sent
 * once every recipient's message is in the outbox. Every change after its creation goes through the
 * transitions here, which refuse what its state does not allow (409).
 */
@Entity
@Table(name = "newsletter")
class Newsletter {

  /** Where a newsletter stands; the database and the API use the lower-case words. */
  enum Status {
    DRAFT,
    SCHEDULED,
    SENDING,
    PAUSED,
    SENT,
    CANCELED;

    String word() {
      return Words.of(this);
    }

    @jakarta.persistence.Converter
    public static class Column extends Words.Column<Status>
        implements jakarta.persistence.AttributeConverter<Status, String> {
      public Column() {
        super(Status.class);
      }
    }
  }

  @Id
  @SequenceGenerator(name = "newsletter_seq", sequenceName = "newsletter_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "newsletter_seq")
  private Long id;

  private String subject;
  private String preheader;

  @Column(name = "topic_code")
  private String topic;

  @Column(name = "segment_id")
  private Long segmentId;

  private String body;

  @Convert(converter = Status.Column.class)
  private Status status;

  @Column(name = "send_at")
  private Instant sendAt;

  @Column(name = "started_at")
  private Instant startedAt;

  @Column(name = "finished_at")
  private Instant finishedAt;

  private Integer audience;

  @Column(name = "next_slot")
  private Instant nextSlot;

  @Column(name = "created_by")
  private String createdBy;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected Newsletter() {}

  /** What staff write; checked before it gets here ({@link NewsletterTemplate}). */
  record Draft(String subject, String preheader, String topic, Long segmentId, String body) {}

  static Newsletter draft(Draft d, String actor, Instant now) {
    Newsletter n = new Newsletter();
    n.status = Status.DRAFT;
    n.createdBy = actor;
    n.createdAt = now;
    n.write(d, now);
    return n;
  }

  /** Rewrites a draft; a newsletter scheduled or sent is fixed. */
  void edit(Draft d, Instant now) {
    require(
        Status.DRAFT,
        "already-sent",
        "Only a draft can be changed: this one is " + status.word() + ".");
    write(d, now);
  }

  private void write(Draft d, Instant now) {
    subject = d.subject();
    preheader = d.preheader();
    topic = d.topic();
    segmentId = d.segmentId();
    body = d.body();
    updatedAt = now;
  }

  /** Schedules the send for {@code at} (now or later). */
  void schedule(Instant at, Instant now) {
    require(
        Status.DRAFT,
        "already-sent",
        "This newsletter is " + status.word() + ": it cannot be sent again.");
    status = Status.SCHEDULED;
    sendAt = at;
    updatedAt = now;
  }

  /** Starts the send with its audience frozen. */
  void start(int frozen, Instant now) {
    require(Status.SCHEDULED, "not-scheduled", "This newsletter is not scheduled.");
    status = Status.SENDING;
    audience = frozen;
    startedAt = now;
    nextSlot = now;
    updatedAt = now;
  }

  void pause(Instant now) {
    require(
        Status.SENDING,
        "not-sending",
        "Only a send in progress can be paused: this one is " + status.word() + ".");
    status = Status.PAUSED;
    updatedAt = now;
  }

  void resume(Instant now) {
    require(
        Status.PAUSED,
        "not-paused",
        "Only a paused send can be resumed: this one is " + status.word() + ".");
    status = Status.SENDING;
    nextSlot = now;
    updatedAt = now;
  }

  /** Cancels a scheduled, sending or paused send: what is not in the outbox yet never goes. */
  void cancel(Instant now) {
    if (status != Status.SCHEDULED && status != Status.SENDING && status != Status.PAUSED) {
      throw conflict(
          "not-cancelable",
          "Only a scheduled, sending or paused newsletter can be canceled: this one is "
              + status.word()
              + ".");
    }
    status = Status.CANCELED;
    finishedAt = now;
    updatedAt = now;
  }

  /** Every recipient's message is in the outbox. */
  void finish(Instant now) {
    require(Status.SENDING, "not-sending", "This newsletter is not sending.");
    status = Status.SENT;
    finishedAt = now;
    updatedAt = now;
  }

  /**
   * Reserves {@code count} send slots {@code spacingMicros} apart from the later of the next free
   * slot and now; answers the first. Slots are the send's throttle, shared by every instance.
   */
  Instant reserve(int count, long spacingMicros, Instant now) {
    Instant first = nextSlot == null || nextSlot.isBefore(now) ? now : nextSlot;
    nextSlot = first.plusNanos(count * spacingMicros * 1000);
    return first;
  }

  Instant nextSlot() {
    return nextSlot;
  }

  private void require(Status wanted, String slug, String detail) {
    if (status != wanted) {
      throw conflict(slug, detail);
    }
  }

  private static ProblemException conflict(String slug, String detail) {
    return new ProblemException(Problem.of(409, slug, "Not possible now", detail));
  }

  String tag() {
    return "newsletter:" + id;
  }

  Long id() {
    return id;
  }

  String subject() {
    return subject;
  }

  String preheader() {
    return preheader;
  }

  String topic() {
    return topic;
  }

  Long segmentId() {
    return segmentId;
  }

  String body() {
    return body;
  }

  Status status() {
    return status;
  }

  Instant sendAt() {
    return sendAt;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  Integer audience() {
    return audience;
  }

  String createdBy() {
    return createdBy;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant updatedAt() {
    return updatedAt;
  }
}
