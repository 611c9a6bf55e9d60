package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathlight.common.ProblemException;
import org.pathlight.supporters.AudienceRules;

/**
 * Saved audiences. A segment's rules are JSON: {@code {"all": [rules]}}, {@code {"any": [rules]}},
 * {@code {"not": rule}} and the rules each component answers ({@link AudienceRules}: {@code topic},
 * {@code gave}, {@code firstGift}, {@code lybunt}, {@code sybunt}, {@code recurring}, {@code
 * volunteer}, {@code hours}, {@code acted}). They compile to one SQL condition over the person; an
 * unknown rule or a bad argument is a 400 naming where it is. A send's audience is the segment's
 * people who are subscribed to the newsletter's topic, whatever the rules say, and not suppressed.
 */
@ApplicationScoped
class Segments {

  static final int MAX_DEPTH = 8;
  static final int MAX_RULES = 50;

  @PersistenceContext EntityManager em;
  @Inject Instance<AudienceRules> components;
  @Inject Clock clock;

  record Segment(long id, String name, JsonValue rules, String createdBy, Instant updatedAt) {}

  /** The people a send reaches: live, not erased, subscribed to the topic, in the rules if any. */
  static final String PEOPLE =
      "select s.id from supporter s where s.merged_into is null and s.erased_at is null"
          + " and exists (select 1 from topic_subscription t where t.supporter_id = s.id"
          + " and t.topic_code = ? and t.subscribed)"
          + " and not exists (select 1 from email_suppression x where x.email_key = s.email_key)";

  /** The condition the rules make, checked. */
  AudienceRules.Condition compile(JsonValue rules) {
    Map<String, AudienceRules> byKey = new TreeMap<>();
    for (AudienceRules c : components) {
      c.keys().forEach(k -> byKey.put(k, c));
    }
    int[] count = {0};
    return compile(rules, "rules", 0, byKey, count);
  }

  private AudienceRules.Condition compile(
      JsonValue rule, String field, int depth, Map<String, AudienceRules> byKey, int[] count) {
    if (depth > MAX_DEPTH) {
      throw ProblemException.invalid(field, "rules may nest at most " + MAX_DEPTH + " deep");
    }
    if (++count[0] > MAX_RULES) {
      throw ProblemException.invalid("rules", "a segment may have at most " + MAX_RULES + " rules");
    }
    if (!(rule instanceof JsonObject o) || o.size() != 1) {
      throw ProblemException.invalid(
          field,
          "each rule is an object with one member, such as {\"topic\": \"impact-newsletter\"}");
    }
    String key = o.keySet().iterator().next();
    JsonValue arg = o.get(key);
    String here = field + "." + key;
    switch (key) {
      case "all", "any" -> {
        if (!(arg instanceof JsonArray list) || list.isEmpty()) {
          throw ProblemException.invalid(here, "must be a list of at least one rule");
        }
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          AudienceRules.Condition c =
              compile(list.get(i), here + "[" + i + "]", depth + 1, byKey, count);
          parts.add("(" + c.sql() + ")");
          params.addAll(c.params());
        }
        return new AudienceRules.Condition(
            String.join(key.equals("all") ? " and " : " or ", parts), params);
      }
      case "not" -> {
        AudienceRules.Condition c = compile(arg, here, depth + 1, byKey, count);
        return new AudienceRules.Condition("not (" + c.sql() + ")", c.params());
      }
      default -> {
        AudienceRules owner = byKey.get(key);
        if (owner == null) {
          throw ProblemException.invalid(
              field,
              "there is no rule '"
                  + (key.length() > 40 ? key.substring(0, 40) : key)
                  + "'; use all, any, not, "
                  + String.join(", ", byKey.keySet()));
        }
        return owner.condition(key, arg, here);
      }
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  NewslettersResource.Count count(JsonValue rules, String topic) {
    AudienceRules.Condition c = compile(rules);
    long matching =
        number(
            query(
                "select count(*) from supporter s where s.merged_into is null"
                    + " and s.erased_at is null and ("
                    + c.sql()
                    + ")",
                c.params()));
    Long reachable = topic == null ? null : audienceSize(c, topic);
    return new NewslettersResource.Count(matching, reachable);
  }

  long audienceSize(AudienceRules.Condition c, String topic) {
    List<Object> params = new ArrayList<>(List.of(topic));
    String sql = "select count(*) from (" + PEOPLE;
    if (c != null) {
      sql += " and (" + c.sql() + ")";
      params.addAll(c.params());
    }
    return number(query(sql + ") a", params));
  }

  /** Freezes a send's audience into its recipients, in one statement; answers how many. */
  @Transactional(Transactional.TxType.MANDATORY)
  int freeze(long newsletterId, AudienceRules.Condition c, String topic) {
    List<Object> params = new ArrayList<>(List.of(newsletterId, topic));
    String sql =
        "insert into newsletter_recipient (newsletter_id, supporter_id) select ?, a.id from ("
            + PEOPLE;
    if (c != null) {
      sql += " and (" + c.sql() + ")";
      params.addAll(c.params());
    }
    return query(sql + ") a on conflict do nothing", params).executeUpdate();
  }

  private Query query(String sql, List<Object> params) {
    StringBuilder numbered = new StringBuilder();
    int n = 0;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '?') {
        numbered.append('?').append(++n);
      } else {
        numbered.append(ch);
      }
    }
    Query q = em.createNativeQuery(numbered.toString());
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    return q;
  }

  private static long number(Query q) {
    return ((Number) q.getSingleResult()).longValue();
  }

  // --- saved segments ---------------------------------------------------------------------------

  @Transactional
  Segment save(Long id, String name, JsonValue rules, String actor) {
    if (name == null || name.isBlank() || name.strip().length() > 120) {
      throw ProblemException.invalid("name", "give the segment a name of at most 120 characters");
    }
    if (rules == null || rules.getValueType() == JsonValue.ValueType.NULL) {
      throw ProblemException.invalid("rules", "give the segment its rules");
    }
    compile(rules);
    Timestamp now = Timestamp.from(clock.instant());
    if (id == null) {
      Number made =
          (Number)
              em.createNativeQuery(
                      "insert into segment (name, rules, created_by, created_at, updated_at)"
                          + " values (?1, cast(?2 as jsonb), ?3, ?4, ?4) returning id")
                  .setParameter(1, name.strip())
                  .setParameter(2, rules.toString())
                  .setParameter(3, actor)
                  .setParameter(4, now)
                  .getSingleResult();
      return find(made.longValue());
    }
    int changed =
        em.createNativeQuery(
                "update segment set name = ?2, rules = cast(?3 as jsonb), updated_at = ?4"
                    + " where id = ?1")
            .setParameter(1, id)
            .setParameter(2, name.strip())
            .setParameter(3, rules.toString())
            .setParameter(4, now)
            .executeUpdate();
    if (changed == 0) {
      throw ProblemException.notFound("No segment " + id + ".");
    }
    return find(id);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  Segment find(long id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, name, rules::text, created_by, updated_at from segment where id = ?1")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      throw ProblemException.notFound("No segment " + id + ".");
    }
    return segment(rows.get(0));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  List<Segment> all() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, name, rules::text, created_by, updated_at from segment order by name, id")
            .getResultList();
    return rows.stream().map(Segments::segment).toList();
  }

  private static Segment segment(Object[] r) {
    JsonValue rules;
    try (var reader = jakarta.json.Json.createReader(new StringReader((String) r[2]))) {
      rules = reader.readValue();
    }
    return new Segment(
        ((Number) r[0]).longValue(),
        (String) r[1],
        rules,
        (String) r[3],
        r[4] instanceof Timestamp t ? t.toInstant() : (Instant) r[4]);
  }
}
