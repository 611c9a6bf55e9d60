package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
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
import java.util.List;
import java.util.Map;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;

/** {@code /api/funds}: the funds a donor can choose; fundraising staff manage them. */
@Path("funds")
@Produces(MediaType.APPLICATION_JSON)
public class FundsResource {

  @Inject Funds funds;
  @Inject GivingSettings settings;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record Ask(
      @Positive(message = "must be a positive amount in minor units") long amount,
      @NotBlank(message = "give the currency")
          @Pattern(regexp = "[a-z]{3}", message = "use a lowercase ISO code such as usd")
          String currency,
      @NotBlank(message = "say what it pays for") @Size(max = 120, message = "is too long")
          String label,
      @Size(max = 40, message = "is too long") String serviceType,
      @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          Integer units,
      Boolean followsCost,
      Long roundTo) {}

  /** What a following ask's amount may be rounded to, in minor units. */
  static final List<Long> ROUNDINGS = List.of(1L, 100L, 500L, 1000L, 2500L);

  public record FundBody(
      @NotBlank(message = "give a code")
          @Pattern(
              regexp = "[a-z0-9][a-z0-9-]{0,39}",
              message = "use lowercase letters, digits and dashes")
          String code,
      @NotBlank(message = "give a name") @Size(max = 80, message = "is too long") String name,
      @Size(max = 500, message = "is too long") String description,
      boolean restricted,
      Boolean active,
      List<@Valid Ask> askAmounts) {}

  /** Active funds, for the donation page (public); {@code ?all=true} for staff. */
  @GET
  public List<Funds.View> list(@QueryParam("all") boolean all) {
    if (all) {
      if (!(security.getUserPrincipal() instanceof StaffPrincipal who)) {
        throw ProblemException.unauthorized("Sign in as staff to see inactive funds.");
      }
      org.pathlight.access.StaffAuthorization.requireTwoFactorDone(who);
      return funds.all();
    }
    return funds.active();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public Response create(@NotNull(message = "send the fund") @Valid FundBody body) {
    if (funds.find(body.code()).isPresent()) {
      throw ProblemException.conflict(
          "fund-exists", "A fund with code " + body.code() + " exists.");
    }
    return Response.status(Response.Status.CREATED).entity(save(body)).build();
  }

  @PUT
  @Path("{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.FUNDRAISING)
  public Funds.View update(
      @PathParam("code") String code, @NotNull(message = "send the fund") @Valid FundBody body) {
    if (!code.equals(body.code())) {
      throw ProblemException.invalid("code", "must match the code in the path");
    }
    if (funds.find(code).isEmpty()) {
      throw ProblemException.notFound("No fund " + code + ".");
    }
    return save(body);
  }

  /** The fund a gift goes to when the donor or staff choose none: it cannot be closed. */
  static final String DEFAULT_FUND = "where-most-needed";

  private Funds.View save(FundBody body) {
    if (DEFAULT_FUND.equals(body.code()) && Boolean.FALSE.equals(body.active())) {
      throw ProblemException.conflict(
          "default-fund",
          "This is the fund a gift goes to when the donor chooses none, so it cannot be closed.");
    }
    List<Ask> asks = body.askAmounts() == null ? List.of() : body.askAmounts();
    Map<String, ServiceCosts.Service> services = funds.services();
    for (int i = 0; i < asks.size(); i++) {
      Ask ask = asks.get(i);
      String at = "askAmounts[" + i + "].";
      if (!settings.accepts(ask.currency())) {
        throw ProblemException.invalid(
            at + "currency", "we accept " + String.join(", ", settings.currencies()));
      }
      if (ask.serviceType() != null && !services.containsKey(ask.serviceType())) {
        throw ProblemException.invalid(
            at + "serviceType", "is not a service type; use one of " + services.keySet());
      }
      if (ask.serviceType() != null && ask.units() == null) {
        throw ProblemException.invalid(at + "units", "say how many units this amount pays for");
      }
      if (ask.serviceType() == null && ask.units() != null) {
        throw ProblemException.invalid(at + "serviceType", "say which service the units are of");
      }
      if (Boolean.TRUE.equals(ask.followsCost()) && ask.serviceType() == null) {
        throw ProblemException.invalid(
            at + "followsCost", "can only follow the cost of a service type: choose one");
      }
      if (ask.roundTo() != null && !ROUNDINGS.contains(ask.roundTo())) {
        throw ProblemException.invalid(
            at + "roundTo",
            "must be one of " + ROUNDINGS + " (minor units: 100 is a whole dollar)");
      }
    }
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    return funds.save(
        new Funds.View(
            body.code(),
            body.name(),
            body.description(),
            body.restricted(),
            body.active() == null || body.active(),
            body.askAmounts() == null
                ? List.of()
                : body.askAmounts().stream()
                    .map(
                        a ->
                            new Funds.AskView(
                                a.amount(),
                                a.currency(),
                                a.label(),
                                a.serviceType(),
                                a.units(),
                                Boolean.TRUE.equals(a.followsCost()),
                                a.roundTo() == null ? 100 : a.roundTo(),
                                null))
                    .toList()),
        who.actor(),
        clientAddress.of(http));
  }
}
