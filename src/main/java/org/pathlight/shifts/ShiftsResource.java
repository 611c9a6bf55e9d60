package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Dates;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.volunteers.VolunteerTokens;

/** {@code /api/shifts}: open shifts for visitors and volunteers; staff add shifts. */
@Path("shifts")
@Produces(MediaType.APPLICATION_JSON)
public class ShiftsResource {

  @Inject Shifts shifts;
  @Inject ShiftChanges changes;
  @Inject VolunteerTokens volunteerTokens;
  @Inject ClientAddress clientAddress;
  @Inject Organization org;
  @Inject Clock clock;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record ShiftBody(
      @NotBlank(message = "give the role code") String roleCode,
      @NotBlank(message = "give the start (ISO-8601, with an offset or in the organisation's zone)")
          String startsAt,
      @NotBlank(message = "give the end (ISO-8601, with an offset or in the organisation's zone)")
          String endsAt,
      @NotNull(message = "give the number of seats")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          Integer capacity,
      @NotBlank(message = "say where, in words volunteers may see (no street address)")
          @Size(max = 200, message = "is too long")
          String publicLocation,
      @Size(max = 300, message = "is too long") String address,
      @Min(value = 0, message = "cannot be negative")
          @Max(value = 168, message = "must be at most 168")
          Integer revealHoursBefore,
      @Min(value = 0, message = "cannot be negative") Integer minStaff,
      @Min(value = 1, message = "must be at least 1")
          @Max(value = 52, message = "must be at most 52")
          Integer repeatWeekly) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public Response createShift(@NotNull(message = "send the shift") @Valid ShiftBody body) {
    Instant starts = Dates.instant("startsAt", body.startsAt(), org.zone());
    Instant ends = Dates.instant("endsAt", body.endsAt(), org.zone());
    if (!ends.isAfter(starts)) {
      throw ProblemException.invalid("endsAt", "must be after the start");
    }
    int weeks = body.repeatWeekly() == null ? 1 : body.repeatWeekly();
    List<Shift> series =
        WeeklyPattern.occurrences(starts, ends, org.zone(), weeks).stream()
            .map(
                o ->
                    new Shift(
                        body.roleCode(),
                        o.startsAt(),
                        o.endsAt(),
                        body.capacity(),
                        body.publicLocation().trim(),
                        body.address() == null || body.address().isBlank()
                            ? null
                            : body.address().trim(),
                        body.revealHoursBefore() == null ? 24 : body.revealHoursBefore(),
                        body.minStaff() == null ? 0 : body.minStaff(),
                        clock.instant()))
            .toList();
    List<Long> ids =
        shifts.createShifts(series, who().actor(), clientAddress.of(http)).stream()
            .map(Shift::id)
            .toList();
    return Response.status(Response.Status.CREATED)
        .entity(Map.of("id", ids.get(0), "ids", ids))
        .build();
  }

  /** A change to a shift: what is given changes. {@code moveToWaitlist}: bookings to move back. */
  public record ShiftChange(
      String startsAt,
      String endsAt,
      @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          Integer capacity,
      @Size(min = 1, max = 200, message = "say where, in up to 200 characters (no street address)")
          String publicLocation,
      @Size(max = 300, message = "is too long") String address,
      @Min(value = 0, message = "cannot be negative")
          @Max(value = 168, message = "must be at most 168")
          Integer revealHoursBefore,
      @Min(value = 0, message = "cannot be negative") Integer minStaff,
      @Size(max = 1000, message = "is too long") List<@NotNull Long> moveToWaitlist) {}

  /**
   * Changes a shift that has not started. Booked and waitlisted volunteers are told when the time
   * or the meeting point moves (never the address); fewer seats than confirmed volunteers is 409
   * capacity-below-booked until {@code moveToWaitlist} names who goes back. Audited.
   */
  @jakarta.ws.rs.PATCH
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public ShiftView edit(
      @PathParam("id") long id, @NotNull(message = "send the changes") @Valid ShiftChange body) {
    Shift.Change change =
        new Shift.Change(
            body.startsAt() == null ? null : Dates.instant("startsAt", body.startsAt(), org.zone()),
            body.endsAt() == null ? null : Dates.instant("endsAt", body.endsAt(), org.zone()),
            body.capacity(),
            body.publicLocation() == null ? null : body.publicLocation().trim(),
            body.address() == null ? null : body.address().trim(),
            body.revealHoursBefore(),
            body.minStaff());
    return changes.edit(
        id,
        change,
        body.moveToWaitlist() == null
            ? java.util.Set.of()
            : java.util.Set.copyOf(body.moveToWaitlist()),
        who().actor(),
        clientAddress.of(http));
  }

  public record CancelShift(
      @NotBlank(message = "say why the shift is cancelled (for the audit trail)")
          @Size(max = 500, message = "is too long")
          String reason) {}

  /** Cancels a shift that has not started: every booking ends and each volunteer is told once. */
  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public ShiftView cancel(
      @PathParam("id") long id, @NotNull(message = "send {reason}") @Valid CancelShift body) {
    return changes.cancel(id, body.reason().strip(), who().actor(), clientAddress.of(http));
  }

  public record CheckIn(
      @NotNull(message = "give the booking id") Long bookingId,
      @NotNull(message = "say whether the volunteer came") Boolean attended,
      @Min(value = 0, message = "cannot be negative")
          @Max(value = 1440, message = "must be at most 1440")
          Integer minutes) {}

  @POST
  @Path("{id}/checkins")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly(StaffRole.VOLUNTEERS)
  public BookingView checkIn(
      @PathParam("id") long id, @NotNull(message = "send the check-in") @Valid CheckIn body) {
    return shifts.checkIn(
        id,
        body.bookingId(),
        body.attended(),
        body.minutes(),
        who().actor(),
        clientAddress.of(http));
  }

  /** Open shifts; survivor-facing ones only for volunteers cleared for them. */
  @GET
  public List<ShiftView> list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("role") String role,
      @HeaderParam("Authorization") String authorization) {
    Instant start = Dates.bound("from", from, org.zone());
    Instant end = Dates.bound("to", to, org.zone());
    start = start == null ? clock.instant() : start;
    end = end == null ? start.plus(Duration.ofDays(90)) : end;
    if (security.getUserPrincipal() instanceof StaffPrincipal staff
        && staff.has(StaffRole.VOLUNTEERS)) {
      return shifts.all(start, end, role);
    }
    return shifts.visible(start, end, role, volunteerTokens.optionalVolunteer(authorization));
  }

  @POST
  @Path("{id}/bookings")
  public Response book(
      @PathParam("id") long id, @HeaderParam("Authorization") String authorization) {
    BookingView booking = shifts.book(id, volunteerTokens.require(authorization));
    return Response.status(Response.Status.CREATED).entity(booking).build();
  }

  @GET
  @Path("{id}/roster")
  @StaffOnly(StaffRole.VOLUNTEERS)
  public List<Map<String, Object>> roster(@PathParam("id") long id) {
    return shifts.roster(id);
  }

  private StaffPrincipal who() {
    return (StaffPrincipal) security.getUserPrincipal();
  }
}
