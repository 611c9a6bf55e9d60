package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.pathlight.common.Database;
import org.pathlight.common.ProblemException;

/**
 * Email consent, by topic: the topics staff send about ({@code impact-newsletter}, {@code
 * advocacy-alerts}, {@code volunteer-news} and any staff add), and each person's yes or no to each,
 * with its source ("preferences", "action-page:{slug}", "staff:{email}", "import:…"), the words
 * they agreed to and when. Every change is also kept in {@code consent_event}, never rewritten. The
 * only way any component reads or changes email consent.
 */
@ApplicationScoped
public class Consents {

  /** What a topic code looks like: lower-case letters, digits and inner dashes, 2 to 40. */
  static final Pattern CODE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])");

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject org.pathlight.access.AuditTrail audit;
  @Inject jakarta.enterprise.event.Event<Withdrawn> withdrawn;

  /**
   * Fired, in the same transaction, when a person leaves a topic: bulk mail on that topic still
   * waiting for them is withdrawn at once ({@code newsletters} observes it).
   */
  public record Withdrawn(long supporterId, String topic) {}

  /** The words recorded when staff set a person's topics. */
  static final String STAFF_WORDING = "Recorded by staff from what the person told us";

  /** A topic people subscribe to. */
  public record Topic(String code, String name, String description) {}

  /** A person's answer on one topic; {@code source} and {@code at} are null when never asked. */
  public record TopicConsent(
      String code,
      String name,
      String description,
      boolean subscribed,
      String source,
      String wording,
      Instant at) {}

  /** Every topic, in the order they were added. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Topic> topics() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("select code, name, description from topic order by created_at, code")
            .getResultList();
    return rows.stream().map(r -> new Topic((String) r[0], (String) r[1], (String) r[2])).toList();
  }

  /** The topic with this code, or a 400 problem on {@code field} naming the ones there are. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Topic requireTopic(String field, String code) {
    return requireTopics(field, List.of(code)).get(0);
  }

  /**
   * The topics with these codes, in their order, from one read of the topics; the first unknown one
   * is a 400 problem on {@code field} naming the topics there are.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Topic> requireTopics(String field, java.util.Collection<String> codes) {
    List<Topic> all = topics();
    List<Topic> found = new ArrayList<>();
    for (String code : codes) {
      found.add(
          all.stream()
              .filter(t -> t.code().equals(code))
              .findFirst()
              .orElseThrow(
                  () ->
                      ProblemException.invalid(
                          field,
                          "there is no topic '"
                              + shorten(code)
                              + "'; the topics are "
                              + String.join(", ", all.stream().map(Topic::code).toList()))));
    }
    return found;
  }

  /** Adds a topic (staff); a code taken already is a 409. */
  @Transactional
  public Topic addTopic(
      String code, String name, String description, String actor, String clientIp) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw ProblemException.invalid(
          "code", "use 2 to 40 lower-case letters, digits and dashes, such as 'gala-2027'");
    }
    if (name == null || name.isBlank() || name.strip().length() > 80) {
      throw ProblemException.invalid("name", "give the topic a name of at most 80 characters");
    }
    String about = description == null ? "" : description.strip();
    if (about.length() > 300) {
      throw ProblemException.invalid("description", "keep the description under 300 characters");
    }
    int added =
        em.createNativeQuery(
                "insert into topic (code, name, description, created_at, created_by)"
                    + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
            .setParameter(1, code)
            .setParameter(2, name.strip())
            .setParameter(3, about)
            .setParameter(4, Timestamp.from(clock.instant()))
            .setParameter(5, actor)
            .executeUpdate();
    if (added == 0) {
      throw ProblemException.conflict("topic-exists", "There is already a topic '" + code + "'.");
    }
    Topic topic = new Topic(code, name.strip(), about);
    audit.record(actor, "topic.added", "topic", code, null, topic, clientIp);
    return topic;
  }

  /** A topic with how many people have said yes and no to it, for staff. */
  public record TopicCounts(
      String code,
      String name,
      String description,
      long subscribed,
      long unsubscribed,
      String createdBy,
      Instant createdAt) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<TopicCounts> counts() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.code, t.name, t.description,"
                    + " count(s.id) filter (where s.subscribed),"
                    + " count(s.id) filter (where not s.subscribed), t.created_by, t.created_at"
                    + " from topic t left join topic_subscription s on s.topic_code = t.code"
                    + " group by t.code order by t.created_at, t.code")
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new TopicCounts(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(),
                    (String) r[5],
                    instant(r[6])))
        .toList();
  }

  /** The person's answer on every topic, in the topics' order. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<TopicConsent> of(long supporterId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.code, t.name, t.description, coalesce(s.subscribed, false), s.source,"
                    + " s.wording, s.changed_at from topic t left join topic_subscription s"
                    + " on s.topic_code = t.code and s.supporter_id = ?1"
                    + " order by t.created_at, t.code")
            .setParameter(1, supporterId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new TopicConsent(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (Boolean) r[3],
                    (String) r[4],
                    (String) r[5],
                    r[6] == null ? null : instant(r[6])))
        .toList();
  }

  /** The topics each of these people is subscribed to, space-separated (for exports). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<Long, String> subscribedTopics(List<Long> supporterIds) {
    Map<Long, String> out = new HashMap<>();
    for (int from = 0; from < supporterIds.size(); from += 1000) {
      List<Long> part = supporterIds.subList(from, Math.min(supporterIds.size(), from + 1000));
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "select supporter_id, string_agg(topic_code, ' ' order by topic_code)"
                      + " from topic_subscription where subscribed"
                      + " and supporter_id = any(cast(?1 as bigint[])) group by supporter_id")
              .setParameter(1, Database.ids(part))
              .getResultList();
      rows.forEach(r -> out.put(((Number) r[0]).longValue(), (String) r[1]));
    }
    return out;
  }

  /**
   * Records the person's yes or no on a topic, with where it came from and the words they agreed
   * to; true when it changed anything. One statement, so two requests at once cannot both insert.
   */
  @Transactional(Transactional.TxType.REQUIRED)
  public boolean set(
      long supporterId, String topic, boolean subscribed, String source, String wording) {
    if (source == null || source.isBlank() || wording == null || wording.isBlank()) {
      throw new IllegalArgumentException("a consent change needs its source and wording");
    }
    Instant now = clock.instant();
    boolean changed =
        !em.createNativeQuery(
                "insert into topic_subscription (supporter_id, topic_code, subscribed, source,"
                    + " wording, changed_at) values (?1, ?2, ?3, ?4, ?5, ?6)"
                    + " on conflict (supporter_id, topic_code) do update set"
                    + " subscribed = excluded.subscribed, source = excluded.source,"
                    + " wording = excluded.wording, changed_at = excluded.changed_at"
                    + " where topic_subscription.subscribed <> excluded.subscribed returning id")
            .setParameter(1, supporterId)
            .setParameter(2, topic)
            .setParameter(3, subscribed)
            .setParameter(4, shorten(source, 300))
            .setParameter(5, shorten(wording, 500))
            .setParameter(6, Timestamp.from(now))
            .getResultList()
            .isEmpty();
    if (changed) {
      em.createNativeQuery(
              "insert into consent_event (supporter_id, topic_code, subscribed, source, wording, at)"
                  + " values (?1, ?2, ?3, ?4, ?5, ?6)")
          .setParameter(1, supporterId)
          .setParameter(2, topic)
          .setParameter(3, subscribed)
          .setParameter(4, shorten(source, 300))
          .setParameter(5, shorten(wording, 500))
          .setParameter(6, Timestamp.from(now))
          .executeUpdate();
      if (!subscribed) {
        withdrawn.fire(new Withdrawn(supporterId, topic));
      }
    }
    return changed;
  }

  /**
   * Applies a staff member's or the person's own choices ({code: yes/no}); unknown topics are a 400
   * before anything changes. Answers the topics that changed.
   */
  @Transactional(Transactional.TxType.REQUIRED)
  public List<String> setAll(
      long supporterId, Map<String, Boolean> choices, String source, String wording) {
    if (choices == null || choices.isEmpty()) {
      throw ProblemException.invalid("topics", "choose yes or no for at least one topic");
    }
    requireTopics("topics", choices.keySet());
    Map<String, Boolean> checked = new LinkedHashMap<>();
    choices.forEach(
        (code, yes) -> {
          if (yes == null) {
            throw ProblemException.invalid("topics." + code, "choose true or false");
          }
          checked.put(code, yes);
        });
    List<String> changed = new ArrayList<>();
    checked.forEach(
        (code, yes) -> {
          if (set(supporterId, code, yes, source, wording)) {
            changed.add(code);
          }
        });
    return changed;
  }

  /** Staff record what the person told them ({code: yes/no}); audited when anything changed. */
  @Transactional
  public List<TopicConsent> recordByStaff(
      long supporterId, Map<String, Boolean> choices, String actor, String clientIp) {
    List<TopicConsent> before = of(supporterId);
    List<String> changed = setAll(supporterId, choices, actor, STAFF_WORDING);
    List<TopicConsent> after = of(supporterId);
    if (!changed.isEmpty()) {
      audit.record(actor, "supporter.topics", "supporter", supporterId, before, after, clientIp);
    }
    return after;
  }

  static Instant instant(Object value) {
    return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
  }

  private static String shorten(String s) {
    return shorten(s == null ? "" : s, 40);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
