package org.pathlight.mail;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;

/**
 * {@code /api/mail}: Postmark's bounce and spam-complaint webhook ({@code POST /api/mail/bounces},
 * authenticated with HTTP Basic: Postmark puts the credentials in the webhook URL, {@code
 * https://postmark:SECRET@…/api/mail/bounces}; it does not sign its webhooks), and the suppression
 * list for the staff who send bulk mail.
 */
@Path("mail")
@Produces(MediaType.APPLICATION_JSON)
public class BouncesResource {

  @Inject Bounces bounces;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  @Inject
  @ConfigProperty(name = "pathlight.mail.bounces.webhook.secret")
  Optional<String> secret;

  /**
   * One Postmark webhook delivery: a {@code Bounce} (HardBounce is hard; SoftBounce, Transient,
   * DnsError and AutoResponder-free temporary kinds are soft) or a {@code SpamComplaint}. Other
   * record types are acknowledged and ignored, so Postmark does not retry them.
   */
  @POST
  @Path("bounces")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> postmark(
      @HeaderParam("Authorization") String authorization,
      @NotNull(message = "send Postmark's bounce JSON") JsonObject body) {
    String expected =
        secret
            .filter(s -> !s.isBlank())
            .orElseThrow(() -> ProblemException.notFound("There is nothing at /api/mail/bounces."));
    if (!authorized(authorization, expected)) {
      throw ProblemException.unauthorized("Send the webhook's credentials (HTTP Basic).");
    }
    String record = text(body, "RecordType");
    String type = text(body, "Type");
    String email = text(body, "Email");
    if (record == null || email == null || !email.contains("@") || email.length() > 254) {
      throw ProblemException.invalid("Email", "a Postmark bounce has RecordType and Email");
    }
    Bounces.Kind kind =
        switch (record) {
          case "SpamComplaint" -> Bounces.Kind.COMPLAINT;
          case "Bounce" ->
              switch (type == null ? "" : type) {
                case "HardBounce", "BadEmailAddress", "ManuallyDeactivated" -> Bounces.Kind.HARD;
                case "SpamComplaint" -> Bounces.Kind.COMPLAINT;
                case "SoftBounce", "Transient", "DnsError", "MailboxFull" -> Bounces.Kind.SOFT;
                default -> null;
              };
          default -> null;
        };
    if (kind == null) {
      return Map.of("recorded", false);
    }
    String tag = text(body, "Tag");
    boolean suppressed =
        bounces.record(
            email,
            kind,
            null,
            tag != null && tag.startsWith("newsletter:") ? tag : null,
            text(body, "Description"),
            "postmark");
    return Map.of("recorded", true, "suppressed", suppressed);
  }

  private static boolean authorized(String header, String expected) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String password = decoded.contains(":") ? decoded.substring(decoded.indexOf(':') + 1) : decoded;
    return MessageDigest.isEqual(
        password.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(JsonObject o, String name) {
    JsonValue v = o.get(name);
    return v instanceof JsonString s ? s.getString() : null;
  }

  /** The addresses bulk mail no longer goes to, newest first, searched by {@code q}. */
  @GET
  @Path("suppressions")
  @StaffOnly({StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS})
  public List<Suppressed> suppressions(
      @QueryParam("q") String q, @QueryParam("limit") Integer limit) {
    return bounces.list(
        QueryParams.maxLength("q", q == null ? "" : q.strip(), 254),
        QueryParams.range("limit", limit, 100, 1, 1000));
  }

  /** An address bulk mail no longer goes to, as staff see it. */
  public record Suppressed(
      String email, String reason, String detail, String source, java.time.Instant at) {}

  public record Address(@NotNull(message = "give the email address") String email) {}

  /** Adds an address by hand (audited). */
  @POST
  @Path("suppressions")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly({StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS})
  public Response add(@NotNull(message = "send {email}") Address body) {
    check(body.email());
    bounces.add(body.email(), actor(), clientAddress.of(http));
    return Response.status(Response.Status.CREATED)
        .entity(Map.of("email", body.email().strip()))
        .build();
  }

  /** Lifts a suppression, so bulk mail goes to the address again (audited). */
  @POST
  @Path("suppressions/lift")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly({StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS})
  public Map<String, String> lift(@NotNull(message = "send {email}") Address body) {
    check(body.email());
    bounces.lift(body.email(), actor(), clientAddress.of(http));
    return Map.of("email", body.email().strip());
  }

  private static void check(String email) {
    if (email == null || email.isBlank() || !email.contains("@") || email.length() > 254) {
      throw ProblemException.invalid("email", "is not an email address");
    }
  }

  private String actor() {
    return ((StaffPrincipal) security.getUserPrincipal()).actor();
  }
}
