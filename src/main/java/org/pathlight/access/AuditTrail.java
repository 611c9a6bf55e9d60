package org.pathlight.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who changed what, when, with the state before and after. Every component that lets staff change
 * money, screening or campaigns writes here, in the same transaction as the change, so the trail
 * and the change commit or roll back together.
 */
@ApplicationScoped
public class AuditTrail {

  private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** One entry of the trail, as staff see it. */
  public record Entry(
      long id,
      Instant at,
      String actor,
      String action,
      String entityType,
      String entityId,
      String before,
      String after,
      String clientIp) {}

  /**
   * Records a change. {@code before}/{@code after} are any JSON-B serialisable values (records,
   * maps), or null.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String actor,
      String action,
      String entityType,
      Object entityId,
      Object before,
      Object after,
      String clientIp) {
    em.createNativeQuery(
            "insert into audit_event (at, actor, action, entity_type, entity_id,"
                + " before_state, after_state, client_ip)"
                + " values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), cast(?7 as jsonb), ?8)")
        .setParameter(1, Timestamp.from(clock.instant()))
        .setParameter(2, actor)
        .setParameter(3, action)
        .setParameter(4, entityType)
        .setParameter(5, entityId == null ? null : entityId.toString())
        .setParameter(6, before == null ? null : JSON.toJson(before))
        .setParameter(7, after == null ? null : JSON.toJson(after))
        .setParameter(8, clientIp)
        .executeUpdate();
  }

  /**
   * What staff filter the trail by; null members do not filter. {@code actor} is matched anywhere
   * in the actor without case, {@code action} as a prefix ("staff." finds every staff change),
   * {@code from} and {@code before} bound the time.
   */
  public record Filter(
      String entityType,
      String entityId,
      String actor,
      String action,
      Instant from,
      Instant before,
      int offset,
      int limit) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> find(String entityType, String entityId, int limit) {
    return find(new Filter(entityType, entityId, null, null, null, null, 0, limit));
  }

  /** The entries a filter finds, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> find(Filter f) {
    String entityType = f.entityType();
    String entityId = f.entityId();
    StringBuilder sql =
        new StringBuilder(
            "select id, at, actor, action, entity_type, entity_id, before_state::text,"
                + " after_state::text, client_ip from audit_event where true");
    List<Object> params = new java.util.ArrayList<>();
    if (f.actor() != null) {
      params.add("%" + like(f.actor()) + "%");
      sql.append(" and actor ilike ?").append(params.size()).append(" escape '\\'");
    }
    if (f.action() != null) {
      params.add(like(f.action()) + "%");
      sql.append(" and action like ?").append(params.size()).append(" escape '\\'");
    }
    if (f.from() != null) {
      params.add(Timestamp.from(f.from()));
      sql.append(" and at >= ?").append(params.size());
    }
    if (f.before() != null) {
      params.add(Timestamp.from(f.before()));
      sql.append(" and at < ?").append(params.size());
    }
    if (entityType != null) {
      params.add(entityType);
      sql.append(" and entity_type = ?").append(params.size());
    }
    if (entityId != null) {
      params.add(entityId);
      sql.append(" and entity_id = ?").append(params.size());
    }
    params.add(f.limit());
    sql.append(" order by id desc limit ?").append(params.size());
    params.add(f.offset());
    sql.append(" offset ?").append(params.size());
    var query = em.createNativeQuery(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new Entry(
                    ((Number) r[0]).longValue(),
                    ((Timestamp) r[1]).toInstant(),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    (String) r[8]))
        .toList();
  }

  private static String like(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** What a redacted value reads as. */
  public static final String ERASED = "(erased)";

  /**
   * Takes a person's details out of the trail when they are erased: in every entry's before and
   * after state, a text equal to one of {@code values} (ignoring case) becomes "(erased)", and so
   * does any text containing one that is an email address. The entries stay (who did what, when),
   * without the person. Answers how many entries changed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int redact(java.util.Collection<String> values) {
    java.util.Set<String> lower = new java.util.LinkedHashSet<>();
    for (String v : values) {
      if (v != null && v.strip().length() >= 3) {
        lower.add(v.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (lower.isEmpty()) {
      return 0;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, before_state::text, after_state::text from audit_event e where exists"
                    + " (select 1 from unnest(string_to_array(?1, chr(10))) v where"
                    + " position(v in lower(coalesce(e.before_state::text, ''))) > 0"
                    + " or position(v in lower(coalesce(e.after_state::text, ''))) > 0)")
            .setParameter(1, String.join("\n", lower))
            .getResultList();
    int changed = 0;
    for (Object[] r : rows) {
      String before = Redaction.redacted((String) r[1], lower);
      String after = Redaction.redacted((String) r[2], lower);
      if (java.util.Objects.equals(before, r[1]) && java.util.Objects.equals(after, r[2])) {
        continue;
      }
      em.createNativeQuery(
              "update audit_event set before_state = cast(?2 as jsonb),"
                  + " after_state = cast(?3 as jsonb) where id = ?1")
          .setParameter(1, ((Number) r[0]).longValue())
          .setParameter(2, before)
          .setParameter(3, after)
          .executeUpdate();
      changed++;
    }
    return changed;
  }
}
