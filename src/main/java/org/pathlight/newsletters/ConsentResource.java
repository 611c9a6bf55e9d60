package org.pathlight.newsletters;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Background;
import org.pathlight.common.ClientAddress;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;
import org.pathlight.common.RateLimiter;
import org.pathlight.supporters.Consents;
import org.pathlight.supporters.OptIns;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * What a supporter does about email from us, with no login: sign up (double opt-in), confirm,
 * choose topics from the signed link in every bulk email, and unsubscribe in one click (RFC 8058).
 * Every answer that could tell whether an address is known answers the same either way.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

  /** The words on the sign-up form, recorded with each consent it gives. */
  static final String SIGN_UP_WORDING = "Sign me up for email about the topics I chose";

  static final String PREFERENCES_WORDING = "Chose on the email preferences page";
  static final String UNSUBSCRIBE_WORDING = "Unsubscribed with the link in an email";

  static final RateLimiter.Limit PER_ADDRESS = new RateLimiter.Limit(20, Duration.ofMinutes(10));
  static final RateLimiter.Limit PER_EMAIL = new RateLimiter.Limit(5, Duration.ofMinutes(15));

  @Inject Consents consents;
  @Inject OptIns optIns;
  @Inject Supporters supporters;
  @Inject ConsentLinks links;
  @Inject ConsentMail mail;
  @Inject RateLimiter rateLimiter;
  @Inject ClientAddress clientAddress;
  @Inject Background background;
  @Context HttpServletRequest http;
  @Context jakarta.ws.rs.core.SecurityContext security;

  /** The topics anyone may sign up to. */
  @GET
  @Path("topics")
  public List<Consents.Topic> topics() {
    return consents.topics();
  }

  /** Every topic with how many people are subscribed and unsubscribed (staff). */
  @GET
  @Path("topics/summary")
  @StaffOnly({StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS})
  public List<Consents.TopicCounts> topicCounts() {
    return consents.counts();
  }

  public record NewTopic(
      @NotBlank(message = "give the topic a short code") String code,
      @NotBlank(message = "give the topic a name") String name,
      String description) {}

  /** Adds a topic people can sign up to (staff); a code taken already is a 409. */
  @POST
  @Path("topics")
  @Consumes(MediaType.APPLICATION_JSON)
  @StaffOnly({StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS})
  public Response addTopic(
      @NotNull(message = "send {code, name, description}") @Valid NewTopic body) {
    StaffPrincipal who = (StaffPrincipal) security.getUserPrincipal();
    Consents.Topic topic =
        consents.addTopic(
            body.code().strip(),
            body.name(),
            body.description(),
            who.actor(),
            clientAddress.of(http));
    return Response.status(Response.Status.CREATED).entity(topic).build();
  }

  public record SignUp(
      @NotBlank(message = "enter your email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email,
      @Size(max = 100, message = "is too long") String firstName,
      @NotNull(message = "choose at least one topic")
          @Size(min = 1, max = 20, message = "choose between 1 and 20 topics")
          List<
                  @NotBlank(message = "choose a topic") @Size(max = 40, message = "is too long")
                  String>
              topics,
      String website) {}

  /**
   * Always 202, whoever the address is: a confirmation link goes to it, and nothing is subscribed
   * until it is used. Unknown topics are a 400 first.
   */
  @POST
  @Path("subscriptions")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response signUp(@NotNull(message = "send {email, topics}") @Valid SignUp body) {
    rateLimiter.hit(
        "subscribe-form:" + clientAddress.of(http),
        PER_ADDRESS,
        "Too many sign-ups from your network. Wait a few minutes.");
    if (body.website() != null && !body.website().isBlank()) {
      throw ProblemException.badRequest("rejected", "This request cannot be processed.");
    }
    consents.requireTopics("topics", body.topics());
    rateLimiter.hit(
        "subscribe-email:" + Emails.normalize(body.email()),
        PER_EMAIL,
        "Too many sign-ups for this email. Wait a few minutes.");
    String email = body.email().strip();
    background.run(
        "a sign-up confirmation",
        () ->
            optIns.request(
                email, body.firstName(), body.topics(), "sign-up form", SIGN_UP_WORDING));
    return Response.accepted(
            Map.of("detail", "Thank you. Check your inbox: we have emailed you a link to confirm."))
        .build();
  }

  public record Confirm(@NotBlank(message = "send the token from the link") String token) {}

  /** Confirms a sign-up from its emailed link; using it again answers the same. */
  @POST
  @Path("subscriptions/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  public OptIns.Confirmed confirm(@NotNull(message = "send {token}") @Valid Confirm body) {
    return optIns.confirm(body.token());
  }

  /** What the preferences page shows. */
  public record Preferences(String email, String firstName, List<Choice> topics) {}

  public record Choice(String code, String name, String description, boolean subscribed) {}

  @GET
  @Path("preferences/{token}")
  public Preferences preferences(@PathParam("token") String token) {
    return preferencesOf(links.preferencesOwner(token));
  }

  public record Choices(Map<String, Boolean> topics) {}

  /** Applies the person's choices at once; an unknown topic is a 400 and changes nothing. */
  @PUT
  @Path("preferences/{token}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Preferences choose(
      @PathParam("token") String token,
      @NotNull(message = "send {topics: {code: true|false}}") Choices body) {
    long id = links.preferencesOwner(token);
    consents.setAll(id, body.topics(), "preferences page", PREFERENCES_WORDING);
    return preferencesOf(id);
  }

  public record LinkRequest(
      @NotBlank(message = "enter your email")
          @Email(message = "is not an email address")
          @Size(max = 254, message = "is too long")
          String email) {}

  /** Always 202: a preferences link goes to the address if we know it. */
  @POST
  @Path("preferences/link")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response emailLink(@NotNull(message = "send {email}") @Valid LinkRequest body) {
    rateLimiter.hit(
        "subscribe-form:" + clientAddress.of(http),
        PER_ADDRESS,
        "Too many requests from your network. Wait a few minutes.");
    rateLimiter.hit(
        "subscribe-email:" + Emails.normalize(body.email()),
        PER_EMAIL,
        "Too many links asked for this email. Wait a few minutes.");
    String email = body.email().strip();
    background.run("an email preferences link", () -> mail.preferencesLink(email));
    return Response.accepted(
            Map.of("detail", "If we email this address, a link to your preferences is on its way."))
        .build();
  }

  /**
   * RFC 8058 one-click unsubscribe: the body is {@code List-Unsubscribe=One-Click}, form-encoded or
   * multipart, with no cookie, session or CSRF token. Takes effect at once, and answers the same
   * when the person had already left the topic.
   */
  @POST
  @Path("unsubscribe/{token}")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
  public Map<String, String> unsubscribe(
      @PathParam("token") String token,
      @HeaderParam("Content-Type") String contentType,
      String body) {
    ConsentLinks.Unsubscribe who = links.unsubscribe(token);
    if (!oneClick(contentType, body)) {
      throw ProblemException.invalid(
          "List-Unsubscribe", "send the form field List-Unsubscribe=One-Click");
    }
    Consents.Topic topic = consents.requireTopic("topic", who.topic());
    consents.set(who.supporterId(), topic.code(), false, "unsubscribe link", UNSUBSCRIBE_WORDING);
    return Map.of(
        "topic",
        topic.code(),
        "detail",
        "You are unsubscribed from the " + topic.name() + ". It takes effect at once.");
  }

  /** Whether the body is the one field RFC 8058 asks for, in either encoding it allows. */
  static boolean oneClick(String contentType, String body) {
    if (body == null || body.length() > 4096) {
      return false;
    }
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      java.util.regex.Matcher b =
          java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
      if (!b.find()) {
        return false;
      }
      for (String part : body.split(java.util.regex.Pattern.quote("--" + b.group(1)))) {
        String[] headAndValue = part.split("\r?\n\r?\n", 2);
        if (headAndValue.length == 2
            && headAndValue[0].matches("(?is).*name=\"?List-Unsubscribe\"?(;.*|\\s*)")
            && headAndValue[1].strip().equals("One-Click")) {
          return true;
        }
      }
      return false;
    }
    for (String pair : body.strip().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2
          && URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals("List-Unsubscribe")
          && URLDecoder.decode(kv[1], StandardCharsets.UTF_8).equals("One-Click")) {
        return true;
      }
    }
    return false;
  }

  private Preferences preferencesOf(long supporterId) {
    Supporter s = supporters.find(supporterId).orElseThrow(ConsentLinks::badLink);
    if (s.erasedAt() != null) {
      throw ConsentLinks.badLink();
    }
    return new Preferences(
        s.email(),
        s.firstName(),
        consents.of(s.id()).stream()
            .map(t -> new Choice(t.code(), t.name(), t.description(), t.subscribed()))
            .toList());
  }
}
