package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.time.Duration;
import java.util.Map;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Dates;
import org.pathlight.common.Emails;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.RateLimiter;

/**
 * {@code /api/manage}: a donor's self-service through the signed link in every receipt and plan
 * email, with no account: their gifts and recurring plans, and changes to a plan.
 */
@Path("manage")
@Produces(MediaType.APPLICATION_JSON)
public class ManageResource {

  @Inject ManageLinks links;
  @Inject DonorPlans plans;
  @Inject RateLimiter rateLimiter;
  @Inject org.pathlight.common.Background background;
  @Inject ClientAddress clientAddress;
  @Inject PublicUrls urls;
  @Inject Statements statements;
  @Inject Organization org;
  @Context HttpServletRequest http;

  public record LinkRequest(
      @NotBlank(message = "enter your email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email) {}

  /**
   * Always 202: the answer never says whether the email is a donor's, nor does its timing (the
   * lookup and the mail happen after the answer, {@link org.pathlight.common.Background}).
   */
  @POST
  @Path("link")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response link(@NotNull(message = "send {email}") @Valid LinkRequest body) {
    rateLimiter.hit(
        "manage-link-address:" + clientAddress.of(http),
        new RateLimiter.Limit(20, Duration.ofMinutes(15)),
        "Too many links asked for from your network. Wait a few minutes.");
    rateLimiter.hit(
        "manage-link:" + Emails.normalize(body.email()),
        new RateLimiter.Limit(3, Duration.ofMinutes(15)),
        "Too many links asked for this email. Wait a few minutes and check your inbox.");
    String email = body.email();
    background.run("a manage-my-giving link", () -> plans.emailManageLink(email));
    return Response.accepted(
            Map.of(
                "detail",
                "If this email has given to us, a link to manage your giving is on its way."))
        .build();
  }

  @GET
  @Path("{token}")
  public DonorPlans.DonorView donor(@PathParam("token") String token) {
    return plans.donor(links.require(token));
  }

  /** Ends this link (for a shared device); other links keep working until they expire. */
  @DELETE
  @Path("{token}")
  public Response revoke(@PathParam("token") String token) {
    links.revoke(token);
    return Response.noContent().build();
  }

  public record Change(
      @NotBlank(message = "choose pause, resume, change_amount or cancel")
          @Pattern(
              regexp = "pause|resume|change_amount|cancel",
              message = "choose pause, resume, change_amount or cancel")
          String action,
      String until,
      Long amount,
      @Size(max = 500, message = "is too long") String reason) {}

  @POST
  @Path("{token}/plans/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public DonorPlans.PlanView change(
      @PathParam("token") String token,
      @PathParam("id") String planId,
      @NotNull(message = "send {action}") @Valid Change body) {
    long donor = links.require(token);
    return plans.change(
        donor,
        planId,
        body.action(),
        Dates.optionalDate("until", body.until()),
        body.amount(),
        body.reason() == null || body.reason().isBlank() ? null : body.reason().trim());
  }

  /** The donor's giving statement for a calendar year, as a PDF to keep for taxes. */
  @GET
  @Path("{token}/statements/{year}.pdf")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  public Response statement(@PathParam("token") String token, @PathParam("year") String year) {
    long donor = links.require(token);
    Statements.Year statement = statements.year(donor, Statements.year(year, org.today()));
    if (statement.lines().isEmpty()) {
      throw ProblemException.notFound(
          "We have no gift from you in " + statement.year() + ", so there is no statement.");
    }
    return Response.ok(statements.pdf(statement), "application/pdf")
        .header(
            "Content-Disposition",
            "attachment; filename=\"giving-statement-" + statement.year() + ".pdf\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  /** A Stripe-hosted page where the donor enters a new card for this plan. */
  @POST
  @Path("{token}/plans/{id}/card")
  public Map<String, String> card(
      @PathParam("token") String token, @PathParam("id") String planId) {
    long donor = links.require(token);
    return Map.of("url", plans.cardUpdateUrl(donor, planId, urls.to("/give/manage")));
  }
}
