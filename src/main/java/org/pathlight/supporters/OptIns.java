package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.pathlight.common.Emails;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.common.Recipient;
import org.pathlight.common.SignedTokens;
import org.pathlight.common.Startup;
import org.pathlight.common.TokenCodec;
import org.pathlight.jobs.Jobs;
import org.pathlight.mail.Outbox;

/**
 * Double opt-in. A public form (the sign-up form, the giving page's and the action page's boxes)
 * asks for topics; the address is emailed a confirmation link, and nothing is subscribed until it
 * is used. So nobody can subscribe somebody else by typing their address. A request is made once a
 * day per address, topics and source, and its email queued once, however often the form is sent.
 * Unconfirmed requests are deleted after 30 days; a confirmed one is kept as the proof of consent.
 */
@ApplicationScoped
public class OptIns {

  static final String PURPOSE = "subscribe-confirm";
  static final Duration VALID_FOR = Duration.ofDays(7);
  static final Duration KEPT_UNCONFIRMED = Duration.ofDays(30);
  static final String JOB = "subscription-request-purge";

  @PersistenceContext EntityManager em;
  @Inject Consents consents;
  @Inject Supporters supporters;
  @Inject SignedTokens tokens;
  @Inject PublicUrls urls;
  @Inject Outbox outbox;
  @Inject Organization org;
  @Inject Clock clock;

  void start(@Observes Startup.SchemaReady ready, OptIns self, Jobs jobs) {
    jobs.hourly(JOB, self::purgeUnconfirmed);
  }

  /** What a confirmation did: the topics the address is now subscribed to. */
  public record Confirmed(String email, List<Consents.Topic> topics) {}

  /**
   * Asks {@code email} to confirm {@code topicCodes} (each must exist: a 400 names the unknown
   * one). Nothing is emailed when the address is subscribed to all of them already.
   */
  @Transactional(Transactional.TxType.REQUIRED)
  public void request(
      String email, String firstName, List<String> topicCodes, String source, String wording) {
    if (topicCodes == null || topicCodes.isEmpty()) {
      throw ProblemException.invalid("topics", "choose at least one topic");
    }
    List<Consents.Topic> asked = consents.requireTopics("topics", new TreeSet<>(topicCodes));
    List<String> codes = asked.stream().map(Consents.Topic::code).toList();
    String address = email.strip();
    Optional<Supporter> known = supporters.findByEmail(address);
    if (known.isPresent()
        && consents.of(known.get().id()).stream()
            .filter(Consents.TopicConsent::subscribed)
            .map(Consents.TopicConsent::code)
            .toList()
            .containsAll(codes)) {
      return;
    }
    String key = Emails.normalize(address);
    String topics = String.join(" ", codes);
    UUID id =
        UUID.nameUUIDFromBytes(
            (key + "\n" + topics + "\n" + source + "\n" + org.today())
                .getBytes(StandardCharsets.UTF_8));
    String first = firstName == null || firstName.isBlank() ? null : firstName.strip();
    boolean inserted =
        !em.createNativeQuery(
                "insert into subscription_request (id, email, first_name, topics, source, wording,"
                    + " created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing"
                    + " returning id")
            .setParameter(1, id)
            .setParameter(2, address)
            .setParameter(3, first)
            .setParameter(4, topics)
            .setParameter(5, source)
            .setParameter(6, wording)
            .setParameter(7, Timestamp.from(clock.instant()))
            .getResultList()
            .isEmpty();
    if (!inserted) {
      return; // asked today already: that email's link still works
    }
    Recipient to =
        known
            .map(Supporter::recipient)
            .orElse(new Recipient(address, first == null ? "" : first, false));
    Map<String, Object> model = new HashMap<>();
    model.put(
        "firstName", first != null ? first : known.map(Supporter::firstName).orElse("friend"));
    model.put("topicNames", names(asked));
    model.put(
        "confirmLink",
        urls.to("/subscribe/confirm#token=" + tokens.issue(PURPOSE, "request:" + id, VALID_FOR)));
    model.put("discreet", to.discreet());
    outbox.enqueue(
        Outbox.Envelope.to(to, "consent").dedupedBy("subscribe:" + id),
        "subscription-confirm",
        model);
  }

  /**
   * Confirms a request from its emailed link: the address is subscribed to its topics (its person
   * record made if need be), with the request's source and wording. Using the link again answers
   * the same; a forged, expired or other-purpose token is a 401 and changes nothing.
   */
  @Transactional
  public Confirmed confirm(String token) {
    Optional<TokenCodec.Claims> claims =
        token == null || token.length() > 1000 ? Optional.empty() : tokens.verify(token, PURPOSE);
    UUID id = claims.flatMap(c -> requestId(c.subject())).orElseThrow(OptIns::badLink);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select email, first_name, topics, source, wording, confirmed_at"
                    + " from subscription_request where id = ?1 for update")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      throw badLink();
    }
    Object[] r = rows.get(0);
    String email = (String) r[0];
    List<String> codes = List.of(((String) r[2]).split(" "));
    List<Consents.Topic> topics =
        consents.topics().stream().filter(t -> codes.contains(t.code())).toList();
    if (r[5] != null) {
      return new Confirmed(email, topics);
    }
    Supporter person = supporters.findOrCreate(email, (String) r[1], null, null).supporter();
    for (Consents.Topic t : topics) {
      consents.set(person.id(), t.code(), true, r[3] + " (confirmed by email)", (String) r[4]);
    }
    em.createNativeQuery(
            "update subscription_request set confirmed_at = ?2, supporter_id = ?3 where id = ?1")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, person.id())
        .executeUpdate();
    return new Confirmed(email, topics);
  }

  /** Deletes requests never confirmed within 30 days: they hold an address nobody confirmed. */
  @Transactional
  public int purgeUnconfirmed() {
    Instant before = clock.instant().minus(KEPT_UNCONFIRMED);
    return em.createNativeQuery(
            "delete from subscription_request where confirmed_at is null and created_at < ?1")
        .setParameter(1, Timestamp.from(before))
        .executeUpdate();
  }

  private static String names(List<Consents.Topic> topics) {
    List<String> names = topics.stream().map(Consents.Topic::name).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  private static Optional<UUID> requestId(String subject) {
    if (subject == null || !subject.startsWith("request:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(subject.substring("request:".length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ProblemException badLink() {
    return ProblemException.unauthorized(
        "This confirmation link has expired or is not valid. Sign up again to get a new one.");
  }
}
