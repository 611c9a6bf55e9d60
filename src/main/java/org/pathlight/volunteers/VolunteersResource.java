package org.pathlight.volunteers;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Dates;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;
import org.pathlight.common.RateLimiter;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/** {@code /api/volunteers}: apply, sign in by link, see yourself; staff screen and decide. */
@Path("volunteers")
@Produces(MediaType.APPLICATION_JSON)
public class VolunteersResource {

  /** Applications per client address in 10 minutes. */
  @Inject
  @ConfigProperty(name = "pathlight.volunteers.limit.per.address", defaultValue = "10")
  int applicationsPerAddress;

  @Inject Volunteers volunteers;
  @Inject org.pathlight.common.Organization org;
  @Inject Supporters supporters;
  @Inject RateLimiter rateLimiter;
  @Inject org.pathlight.common.Background background;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record ApplicationBody(
      @NotBlank(message = "enter your email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email,
      @NotBlank(message = "enter your first name") @Size(max = 100, message = "is too long")
          String firstName,
      @NotBlank(message = "enter your last name") @Size(max = 100, message = "is too long")
          String lastName,
      @Pattern(regexp = Supporter.PHONE, message = "is not a phone number") String phone,
      @NotBlank(message = "enter your birth date (YYYY-MM-DD)") String birthDate,
      @Size(max = 20, message = "list at most 20 skills")
          List<@Size(max = 60, message = "is too long") String> skills,
      @Size(max = 500, message = "is too long") String availability,
      @NotNull(message = "please read and agree to the confidentiality agreement")
          @AssertTrue(message = "please read and agree to the confidentiality agreement")
          Boolean agreesToConfidentiality,
      String website) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response apply(@NotNull(message = "send the application") @Valid ApplicationBody body) {
    rateLimiter.hit(
        "volunteer-form:" + clientAddress.of(http),
        new RateLimiter.Limit(applicationsPerAddress, java.time.Duration.ofMinutes(10)),
        "Too many applications from your network. Wait a few minutes.");
    if (body.website() != null && !body.website().isBlank()) {
      throw ProblemException.badRequest("rejected", "This request cannot be processed.");
    }
    LocalDate birth = Dates.date("birthDate", body.birthDate());
    if (!birth.isBefore(org.today().minusYears(13))) {
      throw ProblemException.invalid("birthDate", "volunteers must be at least 13");
    }
    rateLimiter.hit(
        "volunteer-link:" + Emails.normalize(body.email()),
        new RateLimiter.Limit(5, java.time.Duration.ofMinutes(15)),
        "Too many applications or sign-in links for this email. Wait a few minutes.");
    volunteers.apply(
        new Volunteers.Application(
            body.email().trim(),
            body.firstName().trim(),
            body.lastName().trim(),
            body.phone(),
            birth,
            body.skills(),
            body.availability()));
    return Response.accepted(APPLIED).build();
  }

  /** The answer to every accepted application, new or repeated: it tells nobody which it was. */
  static final Map<String, String> APPLIED =
      Map.of(
          "detail",
          "Thank you for applying. We have emailed you a link to see where your application is.");

  public record LinkRequest(
      @NotBlank(message = "enter your email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email) {}

  /**
   * Always 202, whether or not the email is a volunteer's, and in the same time: the lookup and the
   * mail happen after the answer ({@link org.pathlight.common.Background}).
   */
  @POST
  @Path("login-link")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response loginLink(@NotNull(message = "send {email}") @Valid LinkRequest body) {
    rateLimiter.hit(
        "volunteer-link:" + Emails.normalize(body.email()),
        new RateLimiter.Limit(5, java.time.Duration.ofMinutes(15)),
        "Too many sign-in links asked for this email. Wait a few minutes.");
    String email = body.email().trim();
    background.run("a volunteer sign-in link", () -> volunteers.emailSignInLink(email));
    return Response.accepted(
            Map.of("detail", "If this email belongs to a volunteer, a sign-in link is on its way."))
        .build();
  }

  @GET
  @StaffOnly(StaffRole.VOLUNTEERS)
  public List<VolunteerView> list(@QueryParam("status") String status) {
    VolunteerStatus wanted =
        VolunteerStatus.of(QueryParams.oneOf("status", status, "applied", VolunteerStatus.words()));
    return volunteers.byStatus(wanted).stream()
        .map(v -> VolunteerView.of(v, supporters.find(v.supporterId()).orElseThrow()))
        .toList();
  }

  /** Approved volunteers whose check or a training runs out within {@code within} days (30). */
  @GET
  @Path("expiring")
  @StaffOnly(StaffRole.VOLUNTEERS)
  public List<VolunteerView> expiring(@QueryParam("within") Integer within) {
    return volunteers.expiring(QueryParams.range("within", within, 30, 1, 365)).stream()
        .map(v -> VolunteerView.of(v, supporters.find(v.supporterId()).orElseThrow()))
        .toList();
  }

  public record TrainingBody(
      @NotBlank(message = "give the training code")
          @Pattern(
              regexp = "[a-z0-9][a-z0-9-]{0,39}",
              message = "use lowercase letters, digits and dashes")
          String code,
      @NotBlank(message = "give the completion date") String completedOn,
      String expiresOn) {}

  public record BackgroundBody(
      @NotBlank(message = "choose none, pending, clear or failed")
          @Pattern(
              regexp = "none|pending|clear|failed",
              message = "choose none, pending, clear or failed")
          String status,
      String completedOn,
      String expiresOn) {}

  public record ScreeningBody(
      @NotNull(message = "give the background check") @Valid BackgroundBody backgroundCheck,
      List<@Valid TrainingBody> trainings,
      String agreementSignedOn) {}

  @PUT
  @Path("{id}/screening")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public VolunteerView screen(
      @PathParam("id") long id,
      @NotNull(message = "send the screening") @Valid ScreeningBody body) {
    List<Volunteer.Training> trainings =
        body.trainings() == null
            ? List.of()
            : body.trainings().stream()
                .map(
                    t ->
                        new Volunteer.Training(
                            t.code(),
                            Dates.date("trainings.completedOn", t.completedOn()),
                            Dates.optionalDate("trainings.expiresOn", t.expiresOn())))
                .toList();
    Volunteer v =
        volunteers.screen(
            id,
            new Volunteers.ScreeningUpdate(
                BackgroundCheck.of(body.backgroundCheck().status()),
                Dates.optionalDate(
                    "backgroundCheck.completedOn", body.backgroundCheck().completedOn()),
                Dates.optionalDate("backgroundCheck.expiresOn", body.backgroundCheck().expiresOn()),
                trainings,
                Dates.optionalDate("agreementSignedOn", body.agreementSignedOn())),
            who().actor(),
            clientAddress.of(http));
    return VolunteerView.of(v, supporters.find(v.supporterId()).orElseThrow());
  }

  public record DecisionBody(
      @NotBlank(message = "choose approve or reject")
          @Pattern(regexp = "approve|reject", message = "choose approve or reject")
          String decision,
      @Size(max = 500, message = "is too long") String reason) {}

  @POST
  @Path("{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public VolunteerView decide(
      @PathParam("id") long id, @NotNull(message = "send the decision") @Valid DecisionBody body) {
    Volunteer v =
        volunteers.decide(
            id,
            "approve".equals(body.decision()),
            body.reason(),
            who().actor(),
            clientAddress.of(http));
    return VolunteerView.of(v, supporters.find(v.supporterId()).orElseThrow());
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
