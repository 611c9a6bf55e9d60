package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.QueryParams;

/** {@code /api/plans}: recurring gifts for fundraising staff. */
@Path("plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

  static final Set<String> STATUSES = PlanStatus.words();

  @Inject StaffPlans plans;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  @GET
  @StaffOnly(StaffRole.FUNDRAISING)
  public List<StaffPlans.StaffPlan> list(@QueryParam("status") String status) {
    return plans.list(
        status == null || status.isBlank()
            ? null
            : QueryParams.oneOf("status", status, null, STATUSES));
  }

  @GET
  @Path("summary")
  @StaffOnly(StaffRole.FUNDRAISING)
  public StaffPlans.Summary summary() {
    return plans.summary();
  }

  @GET
  @Path("{id}")
  @StaffOnly(StaffRole.FUNDRAISING)
  public StaffPlans.PlanDetail get(@PathParam("id") String id) {
    return plans.detail(id);
  }

  public record CancelBody(
      @NotBlank(message = "give the reason (it goes in the audit trail)")
          @Size(max = 500, message = "is too long")
          String reason) {}

  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public StaffPlans.StaffPlan cancel(
      @PathParam("id") String id, @NotNull(message = "send {reason}") @Valid CancelBody body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return plans.staffCancel(id, body.reason().trim(), who.actor(), clientAddress.of(http));
  }

  public record InstalmentBody(
      @NotBlank(message = "choose succeed or fail")
          @Pattern(regexp = "succeed|fail", message = "choose succeed or fail")
          String outcome) {}

  /** The test processor only: bill the next instalment now, paid or declined. */
  @POST
  @Path("{id}/test-instalment")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public StaffPlans.StaffPlan testInstalment(
      @PathParam("id") String id, @NotNull(message = "send {outcome}") @Valid InstalmentBody body) {
    return plans.testInstalment(id, "succeed".equals(body.outcome()));
  }
}
