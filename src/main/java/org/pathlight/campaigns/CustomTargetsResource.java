package org.pathlight.campaigns;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/** {@code /api/officials/custom}: campaign targets staff add by hand (advocacy staff). */
@Path("officials/custom")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.ADVOCACY)
public class CustomTargetsResource {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  @Inject CustomTargets targets;
  @Inject org.pathlight.common.ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** A new target: a name and title, and an email and/or a postal address to reach them. */
  public record TargetBody(
      String name, String title, String organisation, String email, String postalAddress) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(TargetBody body) {
    if (body == null) {
      throw ProblemException.badRequest(
          "missing-body", "Send {name, title, email or postalAddress}.");
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    String name = text(body.name());
    String title = text(body.title());
    String organisation = text(body.organisation());
    String email = text(body.email());
    String address = text(body.postalAddress());
    check(errors, "name", name, 200, true);
    check(errors, "title", title, 200, true);
    check(errors, "organisation", organisation, 200, false);
    check(errors, "email", email, 254, false);
    check(errors, "postalAddress", address, 500, false);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(new Problem.FieldError("email", "is not an email address"));
    }
    if (email == null && address == null) {
      errors.add(
          new Problem.FieldError("email", "give an email or a postal address to send letters to"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
              .withErrors(errors));
    }
    CustomTargets.View created =
        targets.create(
            new CustomTargets.NewTarget(name, title, organisation, email, address),
            actor(),
            clientAddress.of(http));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  public List<CustomTargets.View> list() {
    return targets.all();
  }

  /** Retires a target: no new letters go to it; it stays for the record. */
  @POST
  @Path("{id}/retire")
  public CustomTargets.View retire(@PathParam("id") String id) {
    return targets.retire(id, actor(), clientAddress.of(http));
  }

  private String actor() {
    return ((StaffPrincipal) security.getUserPrincipal()).actor();
  }

  private static void check(
      List<Problem.FieldError> errors, String field, String value, int max, boolean required) {
    if (required && value == null) {
      errors.add(new Problem.FieldError(field, "is required"));
    } else if (value != null && value.length() > max) {
      errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private static String text(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
