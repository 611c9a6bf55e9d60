package org.pathlight.campaigns;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Organization;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.officials.Officials;

/**
 * Letter campaigns: staff write one (slug, title, subject, a letter template with merge fields and
 * the supporter's own paragraph, the officials it targets, its dates), preview it per target,
 * publish it and close it. Every change is audited.
 */
@ApplicationScoped
public class Campaigns {

  /** Office sets a campaign can target; anything else must be a custom target's id. */
  public static final Set<String> OFFICES =
      Set.of("us-senate", "us-house", "state-upper", "state-lower");

  /** The merge fields a letter template may use. */
  static final List<String> FIELDS =
      List.of(
          "firstName",
          "lastName",
          "fullName",
          "city",
          "state",
          "zip",
          "officialName",
          "officialTitle",
          "personalNote");

  private static final Mustache.Compiler STRICT =
      Mustache.compiler().escapeHTML(false).strictSections(false);
  private static final Mustache.Compiler LENIENT =
      Mustache.compiler().escapeHTML(false).defaultValue("");

  @PersistenceContext EntityManager em;
  @Inject Officials officials;
  @Inject AuditTrail audit;
  @Inject Organization org;
  @Inject Clock clock;

  /** A campaign as staff and the public see it. */
  public record Campaign(
      long id,
      String slug,
      String title,
      String intro,
      String subject,
      String letterTemplate,
      List<String> targets,
      String status,
      LocalDate startsOn,
      LocalDate endsOn,
      String lobbying,
      Instant publishedAt,
      Instant closedAt) {

    /** Open for letters today: published, not closed, within its dates. */
    public boolean open(LocalDate today) {
      return "published".equals(status)
          && (startsOn == null || !today.isBefore(startsOn))
          && (endsOn == null || !today.isAfter(endsOn));
    }
  }

  /** What staff send to create or change a campaign (null: unchanged, on a change). */
  public record Draft(
      String slug,
      String title,
      String intro,
      String subject,
      String letterTemplate,
      List<String> targets,
      LocalDate startsOn,
      LocalDate endsOn,
      String lobbying) {}

  @Transactional
  public Campaign create(Draft d, String actor, String ip) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (d.slug() == null
        || !d.slug().matches("[a-z0-9][a-z0-9-]{1,59}")
        || d.slug().equals("lobbying")) {
      errors.add(
          new Problem.FieldError("slug", "use 2 to 60 lowercase letters, digits and dashes"));
    }
    check(d, errors, true);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    if (find(d.slug()).isPresent()) {
      throw ProblemException.conflict("campaign-exists", "A campaign " + d.slug() + " exists.");
    }
    Instant now = clock.instant();
    int inserted =
        em.createNativeQuery(
                "insert into campaign (slug, title, intro, subject, letter_template, targets,"
                    + " starts_on, ends_on, lobbying, created_by, created_at, updated_at)"
                    + " values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as date), cast(?8 as date), ?9, ?10,"
                    + " ?11, ?11)"
                    + " on conflict (slug) do nothing")
            .setParameter(1, d.slug())
            .setParameter(2, d.title().strip())
            .setParameter(3, blankToNull(d.intro()))
            .setParameter(4, d.subject().strip())
            .setParameter(5, d.letterTemplate())
            .setParameter(6, String.join(",", d.targets()))
            .setParameter(7, d.startsOn() == null ? null : d.startsOn().toString())
            .setParameter(8, d.endsOn() == null ? null : d.endsOn().toString())
            .setParameter(9, d.lobbying() == null ? "grassroots" : d.lobbying())
            .setParameter(10, actor)
            .setParameter(11, Timestamp.from(now))
            .executeUpdate();
    if (inserted == 0) { // the same slug created by someone else a moment ago
      throw ProblemException.conflict("campaign-exists", "A campaign " + d.slug() + " exists.");
    }
    Campaign created = require(d.slug());
    audit.record(actor, "campaign.created", "campaign", created.slug(), null, created, ip);
    return created;
  }

  /** Changes a campaign; the letter, subject and targets only while it is a draft. */
  @Transactional
  public Campaign change(String slug, Draft d, String actor, String ip) {
    Campaign before = lock(slug);
    boolean letterChange = d.letterTemplate() != null || d.subject() != null || d.targets() != null;
    if (letterChange && !"draft".equals(before.status())) {
      throw ProblemException.conflict(
          "campaign-published",
          "The letter, subject and targets cannot change once published: letters were sent"
              + " with them. Close it and start a new campaign.");
    }
    Draft merged =
        new Draft(
            slug,
            d.title() != null ? d.title() : before.title(),
            d.intro() != null ? d.intro() : before.intro(),
            d.subject() != null ? d.subject() : before.subject(),
            d.letterTemplate() != null ? d.letterTemplate() : before.letterTemplate(),
            d.targets() != null ? d.targets() : before.targets(),
            d.startsOn() != null ? d.startsOn() : before.startsOn(),
            d.endsOn() != null ? d.endsOn() : before.endsOn(),
            d.lobbying() != null ? d.lobbying() : before.lobbying());
    List<Problem.FieldError> errors = new ArrayList<>();
    check(merged, errors, false);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    em.createNativeQuery(
            "update campaign set title = ?2, intro = ?3, subject = ?4, letter_template = ?5,"
                + " targets = ?6, starts_on = cast(?7 as date), ends_on = cast(?8 as date),"
                + " lobbying = ?9, updated_at = ?10,"
                + " version = version + 1 where slug = ?1")
        .setParameter(1, slug)
        .setParameter(2, merged.title().strip())
        .setParameter(3, blankToNull(merged.intro()))
        .setParameter(4, merged.subject().strip())
        .setParameter(5, merged.letterTemplate())
        .setParameter(6, String.join(",", merged.targets()))
        .setParameter(7, merged.startsOn() == null ? null : merged.startsOn().toString())
        .setParameter(8, merged.endsOn() == null ? null : merged.endsOn().toString())
        .setParameter(9, merged.lobbying())
        .setParameter(10, Timestamp.from(clock.instant()))
        .executeUpdate();
    Campaign after = require(slug);
    audit.record(actor, "campaign.changed", "campaign", slug, before, after, ip);
    return after;
  }

  @Transactional
  public Campaign publish(String slug, String actor, String ip) {
    Campaign before = lock(slug);
    if ("closed".equals(before.status())) {
      throw ProblemException.conflict("campaign-closed", "This campaign is closed.");
    }
    if ("draft".equals(before.status())) {
      moveTo(slug, "published", actor, ip);
    }
    return require(slug);
  }

  @Transactional
  public Campaign close(String slug, String actor, String ip) {
    Campaign before = lock(slug);
    if (!"closed".equals(before.status())) {
      moveTo(slug, "closed", actor, ip);
    }
    return require(slug);
  }

  /** Sets the status and its {@code <status>_at} timestamp, and audits the move. */
  private void moveTo(String slug, String status, String actor, String ip) {
    // status is one of two constants, never input: safe to name the column after it
    em.createNativeQuery(
            "update campaign set status = ?3, "
                + status
                + "_at = ?2, updated_at = ?2 where slug = ?1")
        .setParameter(1, slug)
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, status)
        .executeUpdate();
    audit.record(actor, "campaign." + status, "campaign", slug, null, null, ip);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Campaign> all() {
    return rows("select " + COLUMNS + " from campaign order by created_at desc", null);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Campaign> find(String slug) {
    return rows("select " + COLUMNS + " from campaign where slug = ?1", slug).stream().findFirst();
  }

  public Campaign require(String slug) {
    return find(slug)
        .orElseThrow(() -> ProblemException.notFound("There is no campaign " + slug + "."));
  }

  /** The campaign, its row locked until the transaction ends. */
  @Transactional(Transactional.TxType.MANDATORY)
  Campaign lock(String slug) {
    return rows("select " + COLUMNS + " from campaign where slug = ?1 for update", slug).stream()
        .findFirst()
        .orElseThrow(() -> ProblemException.notFound("There is no campaign " + slug + "."));
  }

  /** The letter as one official would receive it from one supporter. */
  public static String render(String template, Map<String, Object> fields) {
    return LENIENT.compile(template).execute(fields).strip();
  }

  /** Merge fields for a supporter writing to an official. */
  public static Map<String, Object> fields(
      String firstName,
      String lastName,
      String city,
      String state,
      String zip,
      Officials.Official official,
      String personalNote) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", firstName);
    m.put("lastName", lastName);
    m.put("fullName", (firstName + " " + lastName).strip());
    m.put("city", city == null ? "" : city);
    m.put("state", state == null ? "" : state);
    m.put("zip", zip);
    m.put("officialName", official.name());
    m.put("officialTitle", official.title());
    m.put("personalNote", personalNote == null ? "" : personalNote);
    return m;
  }

  /** The letter for each target a sample supporter would have, for staff to read first. */
  public record Preview(String official, String office, String subject, String body) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Preview> preview(String slug, List<Officials.Official> sample) {
    Campaign c = require(slug);
    List<Preview> out = new ArrayList<>();
    for (Officials.Official o : sample) {
      out.add(
          new Preview(
              o.name(),
              o.office(),
              c.subject(),
              render(
                  c.letterTemplate(),
                  fields(
                      "Jordan",
                      "Sample",
                      "Springfield",
                      o.state(),
                      "00000",
                      o,
                      "(The supporter's own paragraph goes here.)"))));
    }
    return out;
  }

  private void check(Draft d, List<Problem.FieldError> errors, boolean creating) {
    if (d.title() == null || d.title().isBlank() || d.title().length() > 150) {
      errors.add(new Problem.FieldError("title", "give a title of up to 150 characters"));
    }
    if (d.subject() == null || d.subject().isBlank() || d.subject().length() > 200) {
      errors.add(new Problem.FieldError("subject", "give a subject of up to 200 characters"));
    }
    if (d.intro() != null && d.intro().length() > 5000) {
      errors.add(new Problem.FieldError("intro", "is too long (5,000 characters at most)"));
    }
    templateErrors(d.letterTemplate()).ifPresent(m -> errors.add(m));
    if (d.targets() == null || d.targets().isEmpty()) {
      errors.add(
          new Problem.FieldError(
              "targets", "choose us-senate, us-house, state-upper, state-lower or custom ids"));
    } else if (d.targets().size() != new java.util.HashSet<>(d.targets()).size()) {
      errors.add(new Problem.FieldError("targets", "name each target once"));
    } else {
      for (String t : d.targets()) {
        if (t == null || (!OFFICES.contains(t) && officials.findCurrent(t).isEmpty())) {
          errors.add(
              new Problem.FieldError(
                  "targets",
                  t
                      + " is neither an office set (us-senate, us-house, state-upper, state-lower)"
                      + " nor a current custom target's id"));
        } else if (!OFFICES.contains(t)
            && !"custom".equals(officials.findCurrent(t).get().office())) {
          errors.add(
              new Problem.FieldError(
                  "targets", t + " is an elected official: target their office set instead"));
        }
      }
    }
    if (d.startsOn() != null && d.endsOn() != null && d.endsOn().isBefore(d.startsOn())) {
      errors.add(new Problem.FieldError("endsOn", "must not be before startsOn"));
    }
    if (d.lobbying() != null && !Set.of("grassroots", "direct").contains(d.lobbying())) {
      errors.add(new Problem.FieldError("lobbying", "choose grassroots or direct"));
    }
  }

  /** Why a letter template cannot be used, if it cannot. */
  static Optional<Problem.FieldError> templateErrors(String template) {
    if (template == null || template.isBlank()) {
      return Optional.of(new Problem.FieldError("letterTemplate", "write the letter"));
    }
    if (template.length() > 10_000) {
      return Optional.of(
          new Problem.FieldError("letterTemplate", "is too long (10,000 characters at most)"));
    }
    if (!template.contains("{{personalNote}}")) {
      return Optional.of(
          new Problem.FieldError(
              "letterTemplate",
              "leave a place for the supporter's own paragraph: {{personalNote}}"));
    }
    Template compiled;
    try {
      compiled = STRICT.compile(template);
    } catch (MustacheException | UnsupportedOperationException e) {
      // UnsupportedOperationException: a partial ({{> x}}), which letters cannot include
      return Optional.of(
          new Problem.FieldError("letterTemplate", "cannot be read: " + e.getMessage()));
    }
    Map<String, Object> sample = new LinkedHashMap<>();
    FIELDS.forEach(f -> sample.put(f, "x"));
    try {
      compiled.execute(sample);
    } catch (MustacheException | UnsupportedOperationException e) {
      return Optional.of(
          new Problem.FieldError(
              "letterTemplate",
              "uses a merge field we do not have ("
                  + e.getMessage()
                  + "); use "
                  + String.join(", ", FIELDS.stream().map(f -> "{{" + f + "}}").toList())));
    }
    return Optional.empty();
  }

  private static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(
        Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
            .withErrors(errors));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static final String COLUMNS =
      "id, slug, title, intro, subject, letter_template, targets, status, starts_on, ends_on,"
          + " lobbying, published_at, closed_at";

  private List<Campaign> rows(String sql, Object param) {
    var q = em.createNativeQuery(sql);
    if (param != null) {
      q.setParameter(1, param);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new Campaign(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    Arrays.asList(((String) r[6]).split(",")),
                    (String) r[7],
                    r[8] == null ? null : ((Date) r[8]).toLocalDate(),
                    r[9] == null ? null : ((Date) r[9]).toLocalDate(),
                    (String) r[10],
                    r[11] == null ? null : ((Timestamp) r[11]).toInstant(),
                    r[12] == null ? null : ((Timestamp) r[12]).toInstant()))
        .toList();
  }
}
