package org.pathlight.campaigns;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.DatabaseFailures;
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

  /** A letter is written out in full: it cannot include another template ({@code {{> x}}}). */
  static final class PartialRefused extends MustacheException {
    PartialRefused(String name) {
      super("a letter cannot include another template (" + name + ")");
    }
  }

  private static final Mustache.TemplateLoader NO_PARTIALS =
      name -> {
        throw new PartialRefused(name);
      };

  private static final Mustache.Compiler STRICT =
      Mustache.compiler().escapeHTML(false).strictSections(false).withLoader(NO_PARTIALS);
  private static final Mustache.Compiler LENIENT =
      Mustache.compiler().escapeHTML(false).defaultValue("").withLoader(NO_PARTIALS);

  @PersistenceContext EntityManager em;
  @Inject Officials officials;
  @Inject AuditTrail audit;
  @Inject Organization org;
  @Inject Clock clock;

  /** A campaign as staff and the public see it. */
  public record CampaignView(
      Long id,
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
  public CampaignView create(Draft d, String actor, String ip) {
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
    Campaign campaign = new Campaign(d, actor, clock.instant());
    try {
      em.persist(campaign);
      em.flush();
    } catch (jakarta.persistence.PersistenceException e) {
      if (DatabaseFailures.uniqueViolation(e)) {
        // the same slug created by someone else a moment ago
        throw ProblemException.conflict("campaign-exists", "A campaign " + d.slug() + " exists.");
      }
      throw e;
    }
    CampaignView created = campaign.view();
    audit.record(actor, "campaign.created", "campaign", created.slug(), null, created, ip);
    return created;
  }

  /** Changes a campaign; the letter, subject and targets only while it is a draft. */
  @Transactional
  public CampaignView change(String slug, Draft d, String actor, String ip) {
    Campaign campaign = lock(slug);
    CampaignView before = campaign.view();
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
    boolean letterChange = d.letterTemplate() != null || d.subject() != null || d.targets() != null;
    if (letterChange && campaign.status() != Campaign.Status.DRAFT) {
      throw Campaign.letterFixed();
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    check(merged, errors, false);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    campaign.revise(merged, clock.instant());
    em.flush();
    CampaignView after = campaign.view();
    audit.record(actor, "campaign.changed", "campaign", slug, before, after, ip);
    return after;
  }

  @Transactional
  public CampaignView publish(String slug, String actor, String ip) {
    Campaign campaign = lock(slug);
    if (campaign.publish(clock.instant())) {
      audit.record(actor, "campaign.published", "campaign", slug, null, null, ip);
    }
    return campaign.view();
  }

  @Transactional
  public CampaignView close(String slug, String actor, String ip) {
    Campaign campaign = lock(slug);
    if (campaign.close(clock.instant())) {
      audit.record(actor, "campaign.closed", "campaign", slug, null, null, ip);
    }
    return campaign.view();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CampaignView> all() {
    return em.createNamedQuery("Campaign.all", Campaign.class)
        .getResultStream()
        .map(Campaign::view)
        .toList();
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<CampaignView> find(String slug) {
    return em.createNamedQuery("Campaign.bySlug", Campaign.class)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .map(Campaign::view);
  }

  public CampaignView require(String slug) {
    return find(slug)
        .orElseThrow(() -> ProblemException.notFound("There is no campaign " + slug + "."));
  }

  /** The campaign, its row locked until the transaction ends. */
  @Transactional(Transactional.TxType.MANDATORY)
  Campaign lock(String slug) {
    return em.createNamedQuery("Campaign.bySlug", Campaign.class)
        .setParameter("slug", slug)
        .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
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
    CampaignView c = require(slug);
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
    if (d.lobbying() != null && Campaign.Lobbying.of(d.lobbying()).isEmpty()) {
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
    } catch (MustacheException e) {
      return Optional.of(
          new Problem.FieldError("letterTemplate", "cannot be read: " + e.getMessage()));
    }
    Map<String, Object> sample = new LinkedHashMap<>();
    FIELDS.forEach(f -> sample.put(f, "x"));
    try {
      compiled.execute(sample);
    } catch (MustacheException e) {
      if (e instanceof PartialRefused || e.getCause() instanceof PartialRefused) {
        // JMustache loads a partial only when the template runs
        return Optional.of(
            new Problem.FieldError(
                "letterTemplate",
                "cannot include another template ({{> …}}): write the letter out in full"));
      }
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
}
