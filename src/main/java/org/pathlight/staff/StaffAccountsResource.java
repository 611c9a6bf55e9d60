package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;

/**
 * {@code /api/staff/accounts}: admins add staff, see who has access, deactivate and reactivate
 * accounts and lift lock-outs.
 */
@Path("staff/accounts")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADMIN)
public class StaffAccountsResource {

  @Inject StaffAccounts accounts;
  @Inject StaffAccess access;
  @Inject TwoFactor twoFactor;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record NewAccount(
      @NotBlank(message = "enter an email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email,
      @NotBlank(message = "enter a name") @Size(max = 120, message = "is too long")
          String displayName,
      @NotBlank(message = "enter a password")
          @Size(min = 12, max = 1024, message = "must be 12 to 1024 characters")
          String password,
      @NotEmpty(
              message = "give at least one role: admin, fundraising, volunteers, advocacy, impact")
          List<@NotBlank(message = "must not be blank") String> roles) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@NotNull(message = "send the new account") @Valid NewAccount body) {
    Set<StaffRole> roles = roles(body.roles());
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    StaffAccounts.View created =
        accounts.create(
            body.email(),
            body.displayName(),
            body.password(),
            roles,
            who.actor(),
            clientAddress.of(http));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  /** The roles a request names, each known ({@code roles[i]}: unknown role, with the choices). */
  static Set<StaffRole> roles(List<String> codes) {
    Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      int index = i;
      roles.add(
          StaffRole.fromCode(code)
              .orElseThrow(
                  () ->
                      ProblemException.invalid(
                          "roles[" + index + "]",
                          "unknown role '"
                              + code
                              + "'; use admin, fundraising, volunteers, advocacy or impact")));
    }
    return roles;
  }

  @GET
  public List<StaffAccounts.View> list() {
    return accounts.list();
  }

  /** Ends the account's sessions and API tokens now; it cannot sign in until reactivated. */
  @POST
  @Path("{id}/deactivate")
  public StaffAccounts.View deactivate(@PathParam("id") long id) {
    return access.deactivate(id, who(), clientAddress.of(http));
  }

  @POST
  @Path("{id}/reactivate")
  public StaffAccounts.View reactivate(@PathParam("id") long id) {
    return access.reactivate(id, who(), clientAddress.of(http));
  }

  public record RolesChange(
      @NotEmpty(message = "choose at least one role")
          List<@NotBlank(message = "must not be blank") String> roles) {}

  /** Changes an account's roles (from its next request); audited. */
  @jakarta.ws.rs.PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public StaffAccounts.View changeRoles(
      @PathParam("id") long id, @NotNull(message = "send {roles}") @Valid RolesChange body) {
    return access.changeRoles(id, roles(body.roles()), who(), clientAddress.of(http));
  }

  /** Turns off a colleague's two-step sign-in (a lost phone); their sessions end. */
  @POST
  @Path("{id}/two-factor/reset")
  public StaffAccounts.View resetTwoFactor(@PathParam("id") long id) {
    return twoFactor.reset(id, who(), clientAddress.of(http));
  }

  /** Lifts a sign-in lock-out of the account, from every address. */
  @POST
  @Path("{id}/unlock")
  public StaffAccounts.View unlock(@PathParam("id") long id) {
    return access.unlock(id, who(), clientAddress.of(http));
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
