package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.pathlight.payments.Checkouts;

/** {@code /api/giving}: what the donation page needs to know (limits, fee formula, test mode). */
@Path("giving")
@Produces(MediaType.APPLICATION_JSON)
public class GivingResource {

  @Inject GivingSettings settings;
  @Inject Checkouts checkouts;

  public record Fee(int basisPoints, long fixed) {}

  public record Settings(
      List<String> currencies, long minAmount, long maxAmount, Fee fee, boolean test) {}

  @GET
  public Settings settings() {
    return new Settings(
        settings.currencies(),
        settings.minAmount(),
        settings.maxAmount(),
        new Fee(settings.feeBasisPoints(), settings.feeFixed()),
        checkouts.testMode());
  }
}
