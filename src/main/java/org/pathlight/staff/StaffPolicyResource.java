package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;

/** {@code /api/staff/policy}: admins require two-step sign-in for every password sign-in. */
@Path("staff/policy")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADMIN)
public class StaffPolicyResource {

  @Inject StaffPolicy policy;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /**
   * The policy, and how many active accounts would have to turn two-step sign-in on (public, for
   * JSON-B).
   */
  public record View(
      boolean requireTwoFactor,
      long activeAccountsWithoutTwoFactor,
      Instant changedAt,
      String changedBy) {}

  public record Change(@NotNull(message = "say true or false") Boolean requireTwoFactor) {}

  @GET
  public View view() {
    return policy.view();
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public View change(@NotNull(message = "send {requireTwoFactor}") @Valid Change body) {
    return policy.change(
        body.requireTwoFactor(),
        (StaffPrincipal) security.getUserPrincipal(),
        clientAddress.of(http));
  }
}
