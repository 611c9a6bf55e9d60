package org.pathlight.shifts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.documents.Csv;

/**
 * Hours served in a period (shifts starting in it), from check-ins: per volunteer and role, the
 * totals per role, and the same as CSV for the spreadsheet staff keep for grants and awards.
 */
@ApplicationScoped
public class HoursReport {

  @PersistenceContext EntityManager em;

  /** One volunteer's attended shifts and minutes in one role. */
  public record Line(
      long volunteerId,
      String firstName,
      String lastName,
      String email,
      String roleCode,
      String roleName,
      long shifts,
      long minutes) {}

  /** A role's totals: how many volunteers, shifts attended and minutes. */
  public record RoleTotal(
      String roleCode, String roleName, long volunteers, long shifts, long minutes) {}

  public record Report(
      Instant from, Instant to, long totalMinutes, List<RoleTotal> roles, List<Line> lines) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Report between(Instant from, Instant to) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select v.id, p.first_name, p.last_name, p.email, r.code, r.name,"
                    + " count(*), coalesce(sum(b.minutes), 0)"
                    + " from booking b join shift s on s.id = b.shift_id"
                    + " join volunteer_role r on r.code = s.role_code"
                    + " join volunteer v on v.id = b.volunteer_id"
                    + " join supporter p on p.id = v.supporter_id"
                    + " where b.attended and b.status = 'confirmed'"
                    + " and s.starts_at >= ?1 and s.starts_at < ?2"
                    + " group by v.id, p.first_name, p.last_name, p.email, r.code, r.name"
                    + " order by lower(p.last_name), lower(p.first_name), v.id, r.name")
            .setParameter(1, Timestamp.from(from))
            .setParameter(2, Timestamp.from(to))
            .getResultList();
    List<Line> lines =
        rows.stream()
            .map(
                r ->
                    new Line(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        ((Number) r[6]).longValue(),
                        ((Number) r[7]).longValue()))
            .toList();
    Map<String, RoleTotal> roles = new LinkedHashMap<>();
    lines.stream()
        .sorted(java.util.Comparator.comparing(Line::roleName))
        .forEach(
            l ->
                roles.merge(
                    l.roleCode(),
                    new RoleTotal(l.roleCode(), l.roleName(), 1, l.shifts(), l.minutes()),
                    (a, b) ->
                        new RoleTotal(
                            a.roleCode(),
                            a.roleName(),
                            a.volunteers() + 1,
                            a.shifts() + b.shifts(),
                            a.minutes() + b.minutes())));
    return new Report(
        from,
        to,
        lines.stream().mapToLong(Line::minutes).sum(),
        List.copyOf(roles.values()),
        lines);
  }

  /** The report's lines as CSV, one row per volunteer and role, hours to two decimals. */
  public static String csv(Report report) {
    StringBuilder out =
        new StringBuilder(
            "volunteer_id,first_name,last_name,email,role,role_name,shifts,minutes,hours\r\n");
    for (Line l : report.lines()) {
      Csv.row(
          out,
          l.volunteerId(),
          l.firstName(),
          l.lastName(),
          l.email(),
          l.roleCode(),
          l.roleName(),
          l.shifts(),
          l.minutes(),
          java.math.BigDecimal.valueOf(l.minutes())
              .divide(java.math.BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP)
              .toPlainString());
    }
    return out.toString();
  }
}
