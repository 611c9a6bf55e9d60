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
import org.pathlight.common.QueryParams;

/** {@code /api/audit}: the audit trail, newest first (admins). */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADMIN)
public class AuditResource {

  @Inject AuditTrail audit;

  @GET
  public List<AuditTrail.Entry> find(
      @QueryParam("entityType") String entityType,
      @QueryParam("entityId") String entityId,
      @QueryParam("limit") Integer limit) {
    return audit.find(
        QueryParams.maxLength("entityType", entityType, 64),
        QueryParams.maxLength("entityId", entityId, 64),
        QueryParams.range("limit", limit, 100, 1, 1000));
  }
}
