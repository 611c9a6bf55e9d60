package org.pathlight.campaigns;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.pathlight.common.ProblemException;
import org.pathlight.common.Words;

/**
 * A letter campaign: a draft staff write, then publish (supporters can write with it) and close.
 * Once published its letter, subject and targets are fixed, because letters were sent with them.
 * Everything after its creation goes through the transitions here.
 */
@Entity
@Table(name = "campaign")
@NamedQuery(name = "Campaign.bySlug", query = "select c from Campaign c where c.slug = :slug")
@NamedQuery(name = "Campaign.all", query = "select c from Campaign c order by c.createdAt desc")
public class Campaign {

  /** Where a campaign stands; the database and the API use the lower-case words. */
  public enum Status {
    DRAFT,
    PUBLISHED,
    CLOSED;

    public String word() {
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

  /**
   * How the campaign counts under the lobbying rules (IRS Form 990 Schedule C, 501(h)): a call to
   * the public to write (grassroots) or the organisation's own members writing (direct).
   */
  public enum Lobbying {
    GRASSROOTS,
    DIRECT;

    public String word() {
      return Words.of(this);
    }

    static java.util.Optional<Lobbying> of(String word) {
      return Words.parse(Lobbying.class, Lobbying::word, word);
    }

    @jakarta.persistence.Converter
    public static class Column extends Words.Column<Lobbying>
        implements jakarta.persistence.AttributeConverter<Lobbying, String> {
      public Column() {
        super(Lobbying.class);
      }
    }
  }

  @Id
  @jakarta.persistence.SequenceGenerator(
      name = "campaign_seq",
      sequenceName = "campaign_seq",
      allocationSize = 1)
  @jakarta.persistence.GeneratedValue(
      strategy = jakarta.persistence.GenerationType.SEQUENCE,
      generator = "campaign_seq")
  private Long id;

  private String slug;
  private String title;
  private String intro;
  private String subject;

  @Column(name = "letter_template")
  private String letterTemplate;

  /** Comma-separated office sets and custom target ids. */
  private String targets;

  @Convert(converter = Status.Column.class)
  private Status status;

  @Column(name = "starts_on")
  private LocalDate startsOn;

  @Column(name = "ends_on")
  private LocalDate endsOn;

  @Convert(converter = Lobbying.Column.class)
  private Lobbying lobbying;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "published_at")
  private Instant publishedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Version private long version;

  @Column(name = "created_by")
  private String createdBy;

  protected Campaign() {}

  /** A new draft from a checked draft. */
  Campaign(Campaigns.Draft d, String actor, Instant now) {
    slug = d.slug();
    status = Status.DRAFT;
    createdBy = actor;
    createdAt = now;
    lobbying = Lobbying.GRASSROOTS;
    forceRevise(d, now);
  }

  public String slug() {
    return slug;
  }

  public Status status() {
    return status;
  }

  /** True when it was a draft and is published now; a closed campaign cannot be. */
  boolean publish(Instant now) {
    if (status == Status.CLOSED) {
      throw ProblemException.conflict("campaign-closed", "This campaign is closed.");
    }
    if (status != Status.DRAFT) {
      return false;
    }
    status = Status.PUBLISHED;
    publishedAt = now;
    updatedAt = now;
    return true;
  }

  /** True when it was open (or a draft) and is closed now. */
  boolean close(Instant now) {
    if (status == Status.CLOSED) {
      return false;
    }
    status = Status.CLOSED;
    closedAt = now;
    updatedAt = now;
    return true;
  }

  /**
   * Takes a checked draft (every field given: the change merged over {@link #view()}). The letter,
   * subject and targets only change while it is a draft.
   */
  void revise(Campaigns.Draft d, Instant now) {
    boolean letterChange =
        !d.letterTemplate().equals(letterTemplate)
            || !d.subject().strip().equals(subject)
            || !String.join(",", d.targets()).equals(targets);
    if (letterChange && status != Status.DRAFT) {
      throw letterFixed();
    }
    forceRevise(d, now);
  }

  private void forceRevise(Campaigns.Draft d, Instant now) {
    title = d.title().strip();
    intro = d.intro() == null || d.intro().isBlank() ? null : d.intro().strip();
    subject = d.subject().strip();
    letterTemplate = d.letterTemplate();
    targets = String.join(",", d.targets());
    startsOn = d.startsOn();
    endsOn = d.endsOn();
    lobbying = d.lobbying() == null ? lobbying : Lobbying.of(d.lobbying()).orElseThrow();
    updatedAt = now;
  }

  static ProblemException letterFixed() {
    return ProblemException.conflict(
        "campaign-published",
        "The letter, subject and targets cannot change once published: letters were sent"
            + " with them. Close it and start a new campaign.");
  }

  /** The campaign as staff and the public see it. */
  public Campaigns.CampaignView view() {
    return new Campaigns.CampaignView(
        id,
        slug,
        title,
        intro,
        subject,
        letterTemplate,
        List.copyOf(Arrays.asList(targets.split(","))),
        status.word(),
        startsOn,
        endsOn,
        lobbying.word(),
        publishedAt,
        closedAt);
  }
}
