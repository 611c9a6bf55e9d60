package org.pathlight.staff;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pathlight.access.DashboardSection;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;

/**
 * {@code GET /api/staff/dashboard}: the staff home's figures, one section per component for each of
 * the caller's roles (an admin's: all). A section that fails is shown as failed, with the others,
 * and logged.
 */
@Path("staff/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class StaffDashboardResource {

  private static final Logger LOG = Logger.getLogger(StaffDashboardResource.class.getName());

  @Inject Instance<DashboardSection> sections;

  /** A section as the page shows it; {@code failed}: its figures could not be worked out. */
  public record Section(
      String role, String title, List<DashboardSection.Tile> tiles, boolean failed) {}

  public record Dashboard(List<Section> sections) {}

  @GET
  @StaffOnly
  public Dashboard dashboard(@Context SecurityContext security) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return new Dashboard(
        sections.stream()
            .filter(s -> who.has(s.role()))
            .sorted(Comparator.comparingInt(DashboardSection::order))
            .map(StaffDashboardResource::section)
            .toList());
  }

  private static Section section(DashboardSection s) {
    try {
      return new Section(s.role().code(), s.title(), s.tiles(), false);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The staff home's " + s.title() + " figures failed", e);
      return new Section(s.role().code(), s.title(), List.of(), true);
    }
  }
}
