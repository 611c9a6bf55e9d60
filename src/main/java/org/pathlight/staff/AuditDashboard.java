package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.pathlight.access.AuditTrail;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffRole;

/** The admin part of the staff home about the audit trail: its newest entries. */
@ApplicationScoped
class AuditDashboard implements DashboardSection {

  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern("MMM d, HH:mm", java.util.Locale.US);

  @Inject AuditTrail audit;
  @Inject org.pathlight.common.Organization org;

  @Override
  public StaffRole role() {
    return StaffRole.ADMIN;
  }

  @Override
  public String title() {
    return "Recent changes";
  }

  @Override
  public int order() {
    return 51;
  }

  @Override
  public List<Tile> tiles() {
    return audit.find(null, null, 5).stream()
        .map(
            e ->
                Tile.of(
                    e.action(),
                    e.actor().replaceFirst("^staff:", ""),
                    WHEN.format(e.at().atZone(org.zone())),
                    "/staff/audit"))
        .toList();
  }
}
