package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathlight.common.ProblemException;
import org.pathlight.supporters.AudienceRules;

/**
 * Audience rules over volunteering: {@code {"volunteer": {status?, role?}}} (an application in that
 * state; booked and confirmed on a shift of that role) and {@code {"hours": {from?, to?, min}}} (at
 * least {@code min} hours served on attended shifts starting in the period).
 */
@ApplicationScoped
class VolunteeringAudience implements AudienceRules {

  @PersistenceContext EntityManager em;

  @Override
  public Set<String> keys() {
    return Set.of("volunteer", "hours");
  }

  @Override
  public Condition condition(String key, JsonValue argument, String field) {
    if (key.equals("volunteer")) {
      JsonObject o = AudienceRules.object(argument, field, Set.of("status", "role"));
      String status = AudienceRules.text(o, "status", field);
      String role = AudienceRules.text(o, "role", field);
      if (status != null && !List.of("applied", "approved", "rejected").contains(status)) {
        throw ProblemException.invalid(field + ".status", "use applied, approved or rejected");
      }
      if (role != null
          && em.createNativeQuery("select 1 from volunteer_role where code = ?1")
              .setParameter(1, role)
              .getResultList()
              .isEmpty()) {
        throw ProblemException.invalid(field + ".role", "there is no role '" + role + "'");
      }
      StringBuilder sql =
          new StringBuilder("exists (select 1 from volunteer v where v.supporter_id = s.id");
      List<Object> params = new ArrayList<>();
      if (status != null) {
        sql.append(" and v.status = ?");
        params.add(status);
      }
      if (role != null) {
        sql.append(
            " and exists (select 1 from booking b join shift sh on sh.id = b.shift_id"
                + " where b.volunteer_id = v.id and b.status = 'confirmed' and sh.role_code = ?)");
        params.add(role);
      }
      return new Condition(sql.append(")").toString(), params);
    }
    JsonObject o = AudienceRules.object(argument, field, Set.of("from", "to", "min"));
    var from = AudienceRules.date(o, "from", field);
    var to = AudienceRules.date(o, "to", field);
    Long min = AudienceRules.number(o, "min", field, 1);
    if (min == null) {
      throw ProblemException.invalid(field + ".min", "give the least number of hours");
    }
    StringBuilder where =
        new StringBuilder("b.volunteer_id = v.id and b.attended and b.status = 'confirmed'");
    List<Object> params = new ArrayList<>();
    if (from != null) {
      where.append(" and sh.starts_at >= ?");
      params.add(Timestamp.valueOf(from.atStartOfDay()));
    }
    if (to != null) {
      where.append(" and sh.starts_at < ?");
      params.add(Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
    }
    params.add(min * 60);
    return new Condition(
        "exists (select 1 from volunteer v where v.supporter_id = s.id and (select"
            + " coalesce(sum(b.minutes), 0) from booking b join shift sh on sh.id = b.shift_id"
            + " where "
            + where
            + ") >= ?)",
        params);
  }
}
