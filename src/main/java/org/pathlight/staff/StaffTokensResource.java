package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;

/**
 * {@code /api/staff/tokens}: bearer tokens for integrations (admins). Made only from a browser
 * session, living {@code expiresInDays} (90 unless given, at most 365).
 */
@Path("staff/tokens")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADMIN)
public class StaffTokensResource {

  @Inject ApiTokens tokens;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record NewToken(
      @NotBlank(message = "name the integration this token is for")
          @Size(max = 100, message = "must be at most 100 characters")
          String name,
      @Min(value = 1, message = "must be 1 to 365 days")
          @Max(value = ApiTokens.MAX_DAYS, message = "must be 1 to 365 days")
          Integer expiresInDays) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@NotNull(message = "send {name}") @Valid NewToken body) {
    ApiTokens.Created created =
        tokens.create(
            who(),
            body.name(),
            body.expiresInDays() == null ? ApiTokens.DEFAULT_DAYS : body.expiresInDays(),
            clientAddress.of(http));
    return Response.status(Response.Status.CREATED)
        .entity(created)
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  public List<ApiTokens.View> list() {
    return tokens.list(who());
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") long id) {
    tokens.revoke(id, who(), clientAddress.of(http));
    return Response.noContent().build();
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
