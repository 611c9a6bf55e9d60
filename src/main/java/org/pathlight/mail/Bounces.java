package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;

/**
 * Bounces and complaints, from the bounce mailbox ({@link BounceMailbox}, RFC 3464 and RFC 5965
 * reports) and from the provider's webhook ({@link BouncesResource}). A hard bounce or a complaint
 * suppresses the address for bulk mail at once; soft bounces suppress it after {@code
 * pathlight.mail.soft.bounce.limit} within 30 days. A suppressed address is left out of every bulk
 * send, and its bulk messages still waiting are withdrawn. Receipts, reminders and sign-in links
 * still go: the person needs them, and the next one tells us whether the address works.
 */
@ApplicationScoped
class Bounces {

  private static final Logger LOG = Logger.getLogger(Bounces.class.getName());
  static final Duration SOFT_WINDOW = Duration.ofDays(30);

  /** What the report says happened. */
  enum Kind {
    HARD,
    SOFT,
    COMPLAINT;

    String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @PersistenceContext EntityManager em;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.mail.soft.bounce.limit", defaultValue = "3")
  int softLimit;

  /**
   * Records one bounce or complaint for {@code address}; {@code messageId} (the original's, with or
   * without brackets) ties it to the send it answered. Answers whether the address is now
   * suppressed.
   */
  @Transactional
  boolean record(
      String address, Kind kind, String messageId, String tag, String detail, String source) {
    String key = Emails.normalize(address.strip());
    Instant now = clock.instant();
    String id = messageId == null ? null : bracketed(messageId.strip());
    String bulkTag = tag;
    if (bulkTag == null && id != null) {
      @SuppressWarnings("unchecked")
      List<String> tags =
          em.createNativeQuery("select bulk_tag from outbox_message where message_id = ?1")
              .setParameter(1, id)
              .getResultList();
      bulkTag = tags.isEmpty() ? null : tags.get(0);
    }
    em.createNativeQuery(
            "insert into email_bounce (email_key, kind, message_id, bulk_tag, detail, source, at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, key)
        .setParameter(2, kind.word())
        .setParameter(3, id)
        .setParameter(4, bulkTag)
        .setParameter(5, shorten(detail))
        .setParameter(6, source)
        .setParameter(7, Timestamp.from(now))
        .executeUpdate();
    String reason =
        switch (kind) {
          case HARD -> "hard-bounce";
          case COMPLAINT -> "complaint";
          case SOFT -> softBounces(key, now) >= softLimit ? "soft-bounces" : null;
        };
    if (reason == null) {
      return false;
    }
    suppress(key, reason, detail, source, now);
    return true;
  }

  private long softBounces(String key, Instant now) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from email_bounce where email_key = ?1 and kind = 'soft'"
                        + " and at > ?2")
                .setParameter(1, key)
                .setParameter(2, Timestamp.from(now.minus(SOFT_WINDOW)))
                .getSingleResult())
        .longValue();
  }

  private void suppress(String key, String reason, String detail, String source, Instant now) {
    int added =
        em.createNativeQuery(
                "insert into email_suppression (email_key, reason, detail, source, created_at)"
                    + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
            .setParameter(1, key)
            .setParameter(2, reason)
            .setParameter(3, shorten(detail))
            .setParameter(4, source)
            .setParameter(5, Timestamp.from(now))
            .executeUpdate();
    int withdrawn =
        em.createNativeQuery(
                "delete from outbox_message where bulk_tag is not null"
                    + " and status in ('pending', 'held') and lower(to_address) = ?1")
            .setParameter(1, key)
            .executeUpdate();
    if (added > 0) {
      LOG.info(
          () ->
              "Suppressed an address for bulk mail (" + reason + "); " + withdrawn + " withdrawn");
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  List<BouncesResource.Suppressed> list(String query, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select email_key, reason, detail, source, created_at from email_suppression"
                    + " where email_key like ?1 order by created_at desc limit ?2")
            .setParameter(1, "%" + query.toLowerCase(java.util.Locale.ROOT) + "%")
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new BouncesResource.Suppressed(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Timestamp) r[4]).toInstant()))
        .toList();
  }

  /** Staff add an address by hand (the person asked for no bulk mail by phone, say). */
  @Transactional
  void add(String address, String actor, String clientIp) {
    String key = Emails.normalize(address.strip());
    suppress(key, "manual", null, actor, clock.instant());
    audit.record(actor, "mail.suppressed", "email", key, null, null, clientIp);
  }

  /** Staff lift a suppression (the person fixed their mailbox); a 404 when there is none. */
  @Transactional
  void lift(String address, String actor, String clientIp) {
    String key = Emails.normalize(address.strip());
    int removed =
        em.createNativeQuery("delete from email_suppression where email_key = ?1")
            .setParameter(1, key)
            .executeUpdate();
    if (removed == 0) {
      throw ProblemException.notFound("Bulk mail is not suppressed for " + address + ".");
    }
    audit.record(actor, "mail.unsuppressed", "email", key, null, null, clientIp);
  }

  static String bracketed(String id) {
    return id.startsWith("<") ? id : "<" + id + ">";
  }

  private static String shorten(String s) {
    return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
  }
}
