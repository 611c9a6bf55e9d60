package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.volunteers.VolunteerTokens;

/** {@code /api/roles}: kinds of volunteer work and what they require; staff add them. */
@Path("roles")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

  @Inject Shifts shifts;
  @Inject ShiftChanges changes;
  @Inject ClientAddress clientAddress;
  @Inject VolunteerTokens volunteerTokens;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record Requirements(
      Boolean backgroundCheck,
      List<
              @Pattern(
                  regexp = "[a-z0-9][a-z0-9-]{0,39}",
                  message = "use lowercase letters, digits and dashes")
              String>
          trainings,
      @Min(value = 0, message = "cannot be negative") @Max(value = 120, message = "is too high")
          Integer minAge) {}

  public record RoleBody(
      @NotBlank(message = "give a code")
          @Pattern(
              regexp = "[a-z0-9][a-z0-9-]{0,39}",
              message = "use lowercase letters, digits and dashes")
          String code,
      @NotBlank(message = "give a name") @Size(max = 80, message = "is too long") String name,
      @NotNull(message = "say whether volunteers meet survivors in this role")
          Boolean survivorFacing,
      @Valid Requirements requirements) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public Response createRole(@NotNull(message = "send the role") @Valid RoleBody body) {
    Requirements req =
        body.requirements() == null ? new Requirements(null, null, null) : body.requirements();
    boolean survivorFacing = body.survivorFacing();
    Role role =
        new Role(
            body.code(),
            body.name().trim(),
            survivorFacing,
            // survivor-facing work always needs a background check
            survivorFacing || Boolean.TRUE.equals(req.backgroundCheck()),
            req.minAge() == null ? 18 : req.minAge(),
            req.trainings() == null ? Set.of() : Set.copyOf(req.trainings()));
    return Response.status(Response.Status.CREATED)
        .entity(RoleView.of(shifts.createRole(role, who().actor(), clientAddress.of(http))))
        .build();
  }

  /**
   * Roles for filters and forms: staff see every role; visitors and volunteers see the roles that
   * are not survivor-facing plus the survivor-facing ones they are cleared for.
   */
  @GET
  public List<RoleView> list(@HeaderParam("Authorization") String authorization) {
    List<Role> roles =
        security.getUserPrincipal() instanceof StaffPrincipal staff
                && staff.has(StaffRole.VOLUNTEERS)
            ? shifts.allRoles()
            : shifts.rolesFor(volunteerTokens.optional(authorization));
    return roles.stream().map(RoleView::of).toList();
  }

  public record RoleChange(
      @Size(min = 1, max = 80, message = "give a name of up to 80 characters") String name,
      Boolean survivorFacing,
      @Valid Requirements requirements) {}

  /**
   * Changes a role's name or requirements (volunteers staff). Confirmed volunteers of its shifts
   * still to come who no longer qualify are flagged on the roster and told: {@code
   * bookingsFlagged}. Audited.
   */
  @jakarta.ws.rs.PATCH
  @Path("{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public java.util.Map<String, Object> editRole(
      @jakarta.ws.rs.PathParam("code") String code,
      @NotNull(message = "send the changes") @Valid RoleChange body) {
    Requirements req =
        body.requirements() == null ? new Requirements(null, null, null) : body.requirements();
    return changes.editRole(
        code,
        body.name() == null ? null : body.name().trim(),
        body.survivorFacing(),
        req.backgroundCheck(),
        req.minAge(),
        req.trainings() == null ? null : Set.copyOf(req.trainings()),
        who().actor(),
        clientAddress.of(http));
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
