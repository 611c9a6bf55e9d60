package org.pathlight.newsletters;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;
import org.pathlight.mail.MailTemplates;

/**
 * {@code /api/segments} and {@code /api/newsletters}: saved audiences with their counts, and
 * newsletters from draft (with a preview for a chosen person and a test to oneself) to a send that
 * can be paused, resumed or canceled, with its progress. Fundraising, advocacy and volunteer staff
 * (impact newsletters, advocacy alerts, volunteer news); every change audited.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly({StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS})
public class NewslettersResource {

  @Inject Segments segments;
  @Inject Newsletters newsletters;
  @Inject NewsletterPreviews previews;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  /** A draft as staff send it, checked here. */
  public record Body(String subject, String preheader, String topic, Long segmentId, String body) {}

  /** A newsletter with where its send stands. */
  public record View(
      long id,
      String subject,
      String preheader,
      String topic,
      Long segmentId,
      String body,
      String status,
      Instant sendAt,
      Instant startedAt,
      Instant finishedAt,
      Integer audience,
      long queued,
      long sent,
      long failed,
      long bounced,
      long unsubscribed,
      String createdBy,
      Instant updatedAt) {}

  public record SegmentBody(String name, JsonValue rules) {}

  public record SegmentView(
      long id, String name, JsonValue rules, String createdBy, Instant updatedAt, long count) {}

  public record CountBody(JsonValue rules, String topic) {}

  /** How many people rules find, and how many of them a send on the topic would reach. */
  public record Count(long matching, Long reachable) {}

  @GET
  @Path("segments")
  public List<SegmentView> segments() {
    return segments.all().stream().map(this::view).toList();
  }

  @POST
  @Path("segments")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response addSegment(@NotNull(message = "send {name, rules}") SegmentBody body) {
    Segments.Segment s = segments.save(null, body.name(), body.rules(), actor());
    return Response.status(Response.Status.CREATED).entity(view(s)).build();
  }

  @PUT
  @Path("segments/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public SegmentView editSegment(
      @PathParam("id") long id, @NotNull(message = "send {name, rules}") SegmentBody body) {
    return view(segments.save(id, body.name(), body.rules(), actor()));
  }

  /** How many people the segment finds, and how many a send on {@code topic} would reach. */
  @GET
  @Path("segments/{id}/count")
  public Count count(@PathParam("id") long id, @QueryParam("topic") String topic) {
    return segments.count(segments.find(id).rules(), topic(topic));
  }

  /** The count of rules not saved yet, for the page's live count while staff build them. */
  @POST
  @Path("segments/count")
  @Consumes(MediaType.APPLICATION_JSON)
  public Count countRules(@NotNull(message = "send {rules, topic?}") CountBody body) {
    if (body.rules() == null || body.rules().getValueType() == JsonValue.ValueType.NULL) {
      throw ProblemException.invalid("rules", "give the rules to count");
    }
    return segments.count(body.rules(), topic(body.topic()));
  }

  private String topic(String topic) {
    return topic == null || topic.isBlank() ? null : QueryParams.maxLength("topic", topic, 40);
  }

  private SegmentView view(Segments.Segment s) {
    return new SegmentView(
        s.id(),
        s.name(),
        s.rules(),
        s.createdBy(),
        s.updatedAt(),
        segments.count(s.rules(), null).matching());
  }

  // --- newsletters
  // --------------------------------------------------------------------------------

  @GET
  @Path("newsletters")
  public List<View> newsletters() {
    return newsletters.all();
  }

  @POST
  @Path("newsletters")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response draft(
      @NotNull(message = "send {subject, preheader?, topic, segmentId?, body}") Body body) {
    return Response.status(Response.Status.CREATED)
        .entity(newsletters.create(body, actor(), ip()))
        .build();
  }

  @GET
  @Path("newsletters/{id}")
  public View newsletter(@PathParam("id") long id) {
    return newsletters.get(id);
  }

  @PUT
  @Path("newsletters/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public View edit(
      @PathParam("id") long id,
      @NotNull(message = "send {subject, preheader?, topic, segmentId?, body}") Body body) {
    return newsletters.edit(id, body, actor(), ip());
  }

  public record PreviewBody(String email) {}

  /** The newsletter as one person will get it (by email), or as a newcomer would. */
  @POST
  @Path("newsletters/{id}/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  public MailTemplates.Rendered preview(@PathParam("id") long id, PreviewBody body) {
    return previews.preview(id, body == null ? null : body.email());
  }

  /** Sends the newsletter to the signed-in staff member's own address, marked as a test. */
  @POST
  @Path("newsletters/{id}/test")
  public Map<String, String> test(@PathParam("id") long id) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    previews.test(id, who.email(), who.displayName());
    return Map.of("detail", "A test is on its way to " + who.email() + ".", "to", who.email());
  }

  public record SendBody(String at) {}

  /** Sends now, or at {@code at} (an ISO-8601 time with its offset). */
  @POST
  @Path("newsletters/{id}/send")
  @Consumes(MediaType.APPLICATION_JSON)
  public View send(@PathParam("id") long id, SendBody body) {
    Instant at = null;
    if (body != null && body.at() != null && !body.at().isBlank()) {
      try {
        at = java.time.OffsetDateTime.parse(body.at()).toInstant();
      } catch (DateTimeParseException e) {
        throw ProblemException.invalid("at", "give a time such as 2027-01-15T09:00:00-06:00");
      }
    }
    return newsletters.send(id, at, actor(), ip());
  }

  @POST
  @Path("newsletters/{id}/pause")
  public View pause(@PathParam("id") long id) {
    return newsletters.pause(id, actor(), ip());
  }

  @POST
  @Path("newsletters/{id}/resume")
  public View resume(@PathParam("id") long id) {
    return newsletters.resume(id, actor(), ip());
  }

  @POST
  @Path("newsletters/{id}/cancel")
  public View cancel(@PathParam("id") long id) {
    return newsletters.cancel(id, actor(), ip());
  }

  private String actor() {
    return ((StaffPrincipal) security.getUserPrincipal()).actor();
  }

  private String ip() {
    return clientAddress.of(http);
  }
}
