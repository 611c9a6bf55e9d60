package org.pathlight.campaigns;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import org.pathlight.common.Words;
import org.pathlight.mail.Outbox;

/**
 * One letter to one official from one supporter's action, with the channel it goes by. An email
 * letter's delivery is its outbox message's (asked of the outbox, never read from its table); a
 * printed letter keeps the writer's street address until its batch is marked mailed; a web-form
 * letter is handed off to the writer.
 */
@Entity
@Table(name = "letter")
@NamedQuery(
    name = "Letter.ofAction",
    query = "select l from Letter l where l.actionId = :action order by l.id")
@NamedQuery(
    name = "Letter.ofBatch",
    query = "select l from Letter l where l.batchId = :batch order by l.id")
@NamedQuery(
    name = "Letter.linesOfCampaign",
    query =
        "select new org.pathlight.campaigns.LetterLine(l.id, l.officialId, l.officialName,"
            + " l.officialTitle, l.channel, l.status, l.outboxId, l.failureReason)"
            + " from Letter l where l.campaignId = :campaign"
            + " order by l.officialName, l.channel, l.id")
@NamedQuery(
    name = "Letter.batchPrinted",
    query =
        "update Letter l set l.batchId = :batch where l.campaignId = :campaign"
            + " and l.channel = :print and l.batchId is null")
@NamedQuery(
    name = "Letter.batchMailed",
    query =
        "update Letter l set l.status = :sent, l.sentAt = :now, l.addressBlock = null"
            + " where l.batchId = :batch")
public class Letter {

  /** How a letter reaches its official. */
  public enum Channel {
    EMAIL,
    PRINT,
    CONTACT_FORM;

    /** {@code email}, {@code print}, {@code contact-form}. */
    public String word() {
      return Words.dashed(this);
    }

    @jakarta.persistence.Converter
    public static class Column extends Words.Column<Channel>
        implements jakarta.persistence.AttributeConverter<Channel, String> {
      public Column() {
        super(Channel.class, Channel::word);
      }
    }
  }

  /**
   * Where a letter stands (an email letter: see {@link #status(Channel, Status, Outbox.Delivery)}).
   */
  public enum Status {
    QUEUED,
    SENT,
    FAILED,
    HANDED_OFF;

    /** {@code queued}, {@code sent}, {@code failed}, {@code handed-off}. */
    public String word() {
      return Words.dashed(this);
    }

    @jakarta.persistence.Converter
    public static class Column extends Words.Column<Status>
        implements jakarta.persistence.AttributeConverter<Status, String> {
      public Column() {
        super(Status.class, Status::word);
      }
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "campaign_id")
  private long campaignId;

  @Column(name = "action_id")
  private long actionId;

  @Column(name = "official_id")
  private String officialId;

  @Column(name = "official_name")
  private String officialName;

  @Column(name = "official_title")
  private String officialTitle;

  @Convert(converter = Channel.Column.class)
  private Channel channel;

  @Convert(converter = Status.Column.class)
  private Status status;

  @Column(name = "failure_reason")
  private String failureReason;

  private String subject;
  private String body;

  /** The writer's name and street address, on printed letters only, until mailed. */
  @Column(name = "address_block")
  private String addressBlock;

  @Column(name = "contact_form")
  private String contactForm;

  @Column(name = "batch_id")
  private Long batchId;

  @Column(name = "outbox_id")
  private Long outboxId;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "sent_at")
  private Instant sentAt;

  private boolean test;

  protected Letter() {}

  /** What a supporter's action writes to one official. */
  record Draft(
      String officialId,
      String officialName,
      String officialTitle,
      Channel channel,
      String subject,
      String body,
      String addressBlock,
      String contactForm) {}

  /** A new letter: queued, or handed off to the writer when the official has only a web form. */
  Letter(long campaignId, long actionId, Draft d, boolean test, Instant now) {
    this.campaignId = campaignId;
    this.actionId = actionId;
    this.officialId = d.officialId();
    this.officialName = d.officialName();
    this.officialTitle = d.officialTitle();
    this.channel = d.channel();
    this.status = firstStatus(d.channel());
    this.subject = d.subject();
    this.body = d.body();
    this.addressBlock = d.channel() == Channel.PRINT ? d.addressBlock() : null;
    this.contactForm = d.contactForm();
    this.test = test;
    this.createdAt = now;
  }

  /** A web-form letter is the writer's to send; every other letter waits for its delivery. */
  static Status firstStatus(Channel channel) {
    return channel == Channel.CONTACT_FORM ? Status.HANDED_OFF : Status.QUEUED;
  }

  /** An email letter's outbox message, whose delivery is the letter's. */
  void queuedAs(long outboxMessage) {
    if (channel != Channel.EMAIL) {
      throw new IllegalStateException("only an email letter goes through the outbox");
    }
    this.outboxId = outboxMessage;
  }

  /**
   * The status supporters and staff see: an email letter is sent or failed when its outbox message
   * is; any other letter (a web form, a printed letter) has its own.
   */
  static Status status(Channel channel, Status stored, Outbox.Delivery mail) {
    if (channel == Channel.EMAIL && mail != null) {
      return switch (mail.status()) {
        case SENT -> Status.SENT;
        case FAILED -> Status.FAILED;
        case PENDING, HELD -> stored;
      };
    }
    return stored;
  }

  /** Why it failed: the letter's own reason, else the outbox's last error. */
  static String failure(String reason, Outbox.Delivery mail) {
    return reason != null ? reason : mail == null ? null : mail.lastError();
  }

  Letters.LetterView view(Outbox.Delivery mail) {
    return new Letters.LetterView(
        id,
        officialId,
        officialName,
        officialTitle,
        channel.word(),
        status(channel, status, mail).word(),
        contactForm,
        subject,
        body);
  }

  public Long id() {
    return id;
  }

  Long outboxId() {
    return outboxId;
  }

  String officialId() {
    return officialId;
  }

  String officialName() {
    return officialName;
  }

  String officialTitle() {
    return officialTitle;
  }

  String subject() {
    return subject;
  }

  String body() {
    return body;
  }

  String addressBlock() {
    return addressBlock;
  }

  Instant createdAt() {
    return createdAt;
  }

  boolean test() {
    return test;
  }
}
