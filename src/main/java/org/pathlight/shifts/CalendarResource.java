package org.pathlight.shifts;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.pathlight.volunteers.VolunteerTokens;

/** {@code /api/calendar}: the volunteer's secret calendar feed. */
@Path("calendar")
public class CalendarResource {

  @Inject CalendarFeed feed;
  @Inject VolunteerTokens volunteerTokens;

  /** A new feed URL for the signed-in volunteer (keep it secret; revoke it if it leaks). */
  @POST
  @Path("link")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, String> link(@HeaderParam("Authorization") String authorization) {
    return Map.of("url", feed.link(volunteerTokens.require(authorization)));
  }

  @GET
  @Path("{token}.ics")
  @Produces("text/calendar")
  public Response get(@PathParam("token") String token) {
    return Response.ok(feed.render(token), "text/calendar; charset=utf-8")
        .header("Cache-Control", "private, max-age=300")
        .build();
  }

  /** Revokes this feed URL: it answers 404 from now on. */
  @DELETE
  @Path("{token}.ics")
  public Response revoke(@PathParam("token") String token) {
    feed.revoke(token);
    return Response.noContent().build();
  }
}
