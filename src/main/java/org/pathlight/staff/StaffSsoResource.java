package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/staff/sso}: whether the sign-in page offers single sign-on, and under what name. */
@Path("staff/sso")
@Produces(MediaType.APPLICATION_JSON)
public class StaffSsoResource {

  @Inject SsoConfig config;

  /** {@code start} is where the button goes: the identity provider, then back. */
  public record Offer(boolean enabled, String name, String start) {}

  @GET
  public Offer offer() {
    SsoSettings s = config.settings();
    return s.enabled() ? new Offer(true, s.name(), "/staff/sso") : new Offer(false, null, null);
  }
}
