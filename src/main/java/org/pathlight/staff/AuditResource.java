package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Dates;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;

/** {@code /api/audit}: the audit trail, newest first (admins). */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADMIN)
public class AuditResource {

  @Inject AuditTrail audit;
  @Inject Organization org;

  /**
   * The trail, newest first: by entity ({@code entityType}, {@code entityId}), by who ({@code
   * actor}, any part of it), by what ({@code action}, a prefix such as {@code staff.}), and by when
   * ({@code from} and {@code to}, days in the organisation's time zone, both included); paged by
   * {@code offset} and {@code limit}.
   */
  @GET
  public List<AuditTrail.Entry> find(
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") String entityId,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("offset") Integer offset,
      @QueryParam("limit") Integer limit) {
    java.time.LocalDate first = blank(from) ? null : Dates.date("from", from);
    java.time.LocalDate last = blank(to) ? null : Dates.date("to", to);
    if (first != null && last != null && last.isBefore(first)) {
      throw ProblemException.invalid("to", "must be on or after the first day");
    }
    return audit.find(
        new AuditTrail.Filter(
            emptyToNull(QueryParams.maxLength("entityType", entityType, 64)),
            emptyToNull(QueryParams.maxLength("entityId", entityId, 64)),
            emptyToNull(QueryParams.maxLength("actor", actor, 254)),
            emptyToNull(QueryParams.maxLength("action", action, 64)),
            first == null ? null : first.atStartOfDay(org.zone()).toInstant(),
            last == null ? null : last.plusDays(1).atStartOfDay(org.zone()).toInstant(),
            QueryParams.range("offset", offset, 0, 0, 1_000_000),
            QueryParams.range("limit", limit, 100, 1, 1000)));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String emptyToNull(String s) {
    return blank(s) ? null : s.trim();
  }
}
