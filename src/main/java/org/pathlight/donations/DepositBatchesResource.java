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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Dates;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;

/**
 * {@code /api/deposit-batches}: fundraising staff enter a bank deposit's checks as one batch
 * ({@code POST /api/donations/offline} with {@code batch}), see its total beside the slip's, and
 * close it when they match.
 */
@Path("deposit-batches")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.FUNDRAISING)
public class DepositBatchesResource {

  @Inject DepositBatches batches;
  @Inject GiftQueries queries;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record NewBatch(
      @NotBlank(message = "give the deposit date (YYYY-MM-DD)") String depositedOn,
      @Size(max = 100, message = "is too long (100 characters at most)") String reference,
      @NotBlank(message = "give the currency")
          @Pattern(regexp = "[a-z]{3}", message = "use a lowercase ISO code such as usd")
          String currency,
      @Min(value = 1, message = "must be at least 1")
          @Max(value = 10000, message = "must be at most 10,000")
          Integer expectedCount,
      @Positive(message = "must be more than 0") Long expectedTotal) {}

  /** A batch with what its gifts add up to, and whether (or why not) it can be closed. */
  public record Batch(
      UUID id,
      LocalDate depositedOn,
      String reference,
      String currency,
      Integer expectedCount,
      Long expectedTotal,
      long count,
      long total,
      long bouncedCount,
      long bouncedTotal,
      long voidedCount,
      boolean open,
      String notClosable,
      String createdBy,
      Instant createdAt,
      Instant closedAt,
      String closedBy) {

    static Batch of(DepositBatch b, DepositBatches.Totals t) {
      return new Batch(
          b.publicId(),
          b.depositedOn(),
          b.reference(),
          b.currency(),
          b.expectedCount(),
          b.expectedTotal(),
          t.count(),
          t.total(),
          t.bouncedCount(),
          t.bouncedTotal(),
          t.voidedCount(),
          b.closedAt() == null,
          b.closedAt() == null ? b.whyNotClosable(t.count(), t.total()) : null,
          b.createdBy(),
          b.createdAt(),
          b.closedAt(),
          b.closedBy());
    }
  }

  /** A batch and the gifts entered in it, newest first. */
  public record Detail(Batch batch, List<GiftQueries.Row> gifts) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response open(@NotNull(message = "send the batch") @Valid NewBatch body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    DepositBatch b =
        batches.open(
            Dates.date("depositedOn", body.depositedOn()),
            body.reference(),
            body.currency(),
            body.expectedCount(),
            body.expectedTotal(),
            who.actor(),
            clientAddress.of(http));
    return Response.status(Response.Status.CREATED)
        .entity(Batch.of(b, batches.totals(b.id())))
        .build();
  }

  @GET
  public List<Batch> list(
      @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
    return batches
        .recent(
            QueryParams.range("limit", limit, 50, 1, 500),
            QueryParams.range("offset", offset, 0, 0, 1_000_000))
        .stream()
        .map(e -> Batch.of(e.getKey(), e.getValue()))
        .toList();
  }

  @GET
  @Path("{id}")
  public Detail get(@PathParam("id") String id) {
    DepositBatch b = batches.require(uuid(id));
    List<GiftQueries.Row> gifts =
        queries.find(
            new GiftQueries.Filter(
                null, null, null, null, null, null, null, null, b.id(), 10_000, 0));
    return new Detail(Batch.of(b, batches.totals(b.id())), gifts);
  }

  /** Closes the batch when its gifts match the slip's count and total (409 with why, if not). */
  @POST
  @Path("{id}/close")
  public Batch close(@PathParam("id") String id) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    DepositBatch b = batches.close(uuid(id), who.actor(), clientAddress.of(http));
    return Batch.of(b, batches.totals(b.id()));
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("No deposit batch " + id + ".");
    }
  }
}
