package org.pathlight.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pathlight.common.Database;
import org.pathlight.common.Organization;

/**
 * Queues an email in the caller's transaction: it is sent after, and only if, the caller commits. A
 * {@code dedupeKey} makes queueing idempotent (a receipt for gift 42 is queued once, however often
 * the webhook arrives).
 */
@ApplicationScoped
public class Outbox {

  @PersistenceContext EntityManager em;
  @Inject MailTemplates templates;
  @Inject MailSettings settings;
  @Inject Organization org;
  @Inject Clock clock;
  @Inject Event<Queued> queued;

  /** Fired in the queueing transaction; the worker reacts after it commits. */
  public record Queued(long id) {}

  /**
   * Where a message goes. {@code discreet} honours the supporter's safe-contact flag: a neutral
   * sender name instead of the organisation's.
   */
  public record Envelope(
      String toAddress,
      String toName,
      String category,
      String dedupeKey,
      boolean discreet,
      String replyTo,
      Bulk bulk) {
    /** To a person, honouring their safe-contact flag. */
    public static Envelope to(org.pathlight.common.Recipient who, String category) {
      return to(who.email(), who.name(), category).discreetly(who.discreet());
    }

    public static Envelope to(String address, String name, String category) {
      return new Envelope(address, name, category, null, false, null, null);
    }

    public Envelope dedupedBy(String key) {
      return new Envelope(toAddress, toName, category, key, discreet, replyTo, bulk);
    }

    public Envelope discreetly(boolean flag) {
      return new Envelope(toAddress, toName, category, dedupeKey, flag, replyTo, bulk);
    }

    /** Replies go to this address (a supporter's letter to an official: replies reach them). */
    public Envelope replyingTo(String address) {
      return new Envelope(toAddress, toName, category, dedupeKey, discreet, address, bulk);
    }

    /** Part of a bulk send: tagged, with its one-click unsubscribe, sent no sooner than then. */
    public Envelope bulk(String tag, String unsubscribeUrl, Instant notBefore) {
      return new Envelope(
          toAddress,
          toName,
          category,
          dedupeKey,
          discreet,
          replyTo,
          new Bulk(tag, unsubscribeUrl, notBefore));
    }
  }

  /**
   * A bulk message: its send's tag ({@code newsletter:12}), the RFC 8058 one-click address that
   * goes in {@code List-Unsubscribe} (bulk mail only, never a receipt or a sign-in link), and the
   * earliest time it may go (the send's throttle).
   */
  public record Bulk(String tag, String unsubscribeUrl, Instant notBefore) {}

  /** Renders the template and queues it; empty when the dedupe key was queued before. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Long> enqueue(Envelope envelope, String template, Map<String, ?> model) {
    MailTemplates.Rendered mail = templates.render(template, model);
    return enqueue(envelope, mail);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Long> enqueue(Envelope envelope, MailTemplates.Rendered mail) {
    if (erased(envelope.toAddress())) {
      return Optional.empty(); // an erased person is never written to
    }
    Instant now = clock.instant();
    String messageId = "<" + UUID.randomUUID() + "@" + settings.domain() + ">";
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "insert into outbox_message (created_at, dedupe_key, category, to_address, to_name,"
                    + " from_name, subject, text_body, html_body, message_id, status, attempts,"
                    + " next_attempt_at, reply_to, bulk_tag, list_unsubscribe)"
                    + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'pending', 0, ?12, ?11,"
                    + " ?13, ?14)"
                    + " on conflict (dedupe_key) do nothing returning id")
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, envelope.dedupeKey())
            .setParameter(3, envelope.category())
            .setParameter(4, envelope.toAddress())
            .setParameter(5, envelope.toName())
            .setParameter(6, envelope.discreet() ? settings.discreetName() : org.name())
            .setParameter(7, mail.subject())
            .setParameter(8, mail.text())
            .setParameter(9, mail.html())
            .setParameter(10, messageId)
            .setParameter(11, envelope.replyTo())
            .setParameter(
                12,
                Timestamp.from(
                    envelope.bulk() == null || envelope.bulk().notBefore() == null
                        ? now
                        : envelope.bulk().notBefore()))
            .setParameter(13, envelope.bulk() == null ? null : envelope.bulk().tag())
            .setParameter(14, envelope.bulk() == null ? null : envelope.bulk().unsubscribeUrl())
            .getResultList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    long id = ids.get(0).longValue();
    queued.fire(new Queued(id));
    return Optional.of(id);
  }

  /**
   * The domain an erased person's address is moved to: reserved (RFC 2606), so nothing could reach
   * it, and the outbox queues nothing for it.
   */
  public static final String ERASED_DOMAIN = "erased.invalid";

  static boolean erased(String address) {
    return address != null
        && address.toLowerCase(java.util.Locale.ROOT).endsWith("@" + ERASED_DOMAIN);
  }

  private static final String ERASED_TEXT = "(erased at the person's request)";

  /**
   * Erases a person from the outbox: the messages to these addresses that are still waiting are
   * withdrawn (deleted, so they are never sent), the rest keep their delivery but lose the address
   * (moved to {@code replacement}), the name, the subject and the text, and replies no longer go to
   * the person. Answers how many messages were sent or waiting to them.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int eraseRecipient(java.util.Collection<String> addresses, String replacement) {
    if (addresses.isEmpty()) {
      return 0;
    }
    String list = String.join("\n", addresses);
    String matches = " in (select lower(x) from unnest(string_to_array(?1, chr(10))) x)";
    int withdrawn =
        em.createNativeQuery(
                "delete from outbox_message where status = 'pending' and lower(to_address)"
                    + matches)
            .setParameter(1, list)
            .executeUpdate();
    int kept =
        em.createNativeQuery(
                "update outbox_message set to_address = ?2, to_name = null, subject = ?3,"
                    + " text_body = ?3, html_body = null where lower(to_address)"
                    + matches)
            .setParameter(1, list)
            .setParameter(2, replacement)
            .setParameter(3, ERASED_TEXT)
            .executeUpdate();
    em.createNativeQuery(
            "update outbox_message set reply_to = null where lower(reply_to)" + matches)
        .setParameter(1, list)
        .executeUpdate();
    return withdrawn + kept;
  }

  /**
   * Blanks the text of these messages, for mail a person wrote to someone else (a letter to an
   * official) when the person is erased: those sent keep their delivery, those still waiting are
   * withdrawn (deleted, never sent). Answers the ids withdrawn.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public java.util.Set<Long> blank(java.util.Collection<Long> ids) {
    List<Long> all = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    if (all.isEmpty()) {
      return java.util.Set.of();
    }
    String array = Database.ids(all);
    @SuppressWarnings("unchecked")
    List<Number> withdrawn =
        em.createNativeQuery(
                "delete from outbox_message where status = 'pending'"
                    + " and id = any(cast(?1 as bigint[])) returning id")
            .setParameter(1, array)
            .getResultList();
    em.createNativeQuery(
            "update outbox_message set text_body = ?2, html_body = null, reply_to = null"
                + " where id = any(cast(?1 as bigint[]))")
        .setParameter(1, array)
        .setParameter(2, ERASED_TEXT)
        .executeUpdate();
    return withdrawn.stream().map(Number::longValue).collect(java.util.stream.Collectors.toSet());
  }

  /** Holds a bulk send's waiting messages (a pause): the worker leaves them until released. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int hold(String tag) {
    return em.createNativeQuery(
            "update outbox_message set status = 'held' where bulk_tag = ?1 and status = 'pending'")
        .setParameter(1, tag)
        .executeUpdate();
  }

  /** Releases a bulk send's held messages (a resume), due now. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int release(String tag) {
    return em.createNativeQuery(
            "update outbox_message set status = 'pending', next_attempt_at = ?2"
                + " where bulk_tag = ?1 and status = 'held'")
        .setParameter(1, tag)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  /** Withdraws a bulk send's messages not yet sent (a cancel): deleted, never sent. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int withdraw(String tag) {
    return em.createNativeQuery(
            "delete from outbox_message where bulk_tag = ?1 and status in ('pending', 'held')")
        .setParameter(1, tag)
        .executeUpdate();
  }

  /**
   * Withdraws these bulk messages if not yet sent (the person unsubscribed); answers the ids
   * withdrawn. One in the SMTP hand-off at that moment is already claimed and still goes.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public java.util.Set<Long> withdraw(java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return java.util.Set.of();
    }
    @SuppressWarnings("unchecked")
    List<Number> withdrawn =
        em.createNativeQuery(
                "delete from outbox_message where status in ('pending', 'held')"
                    + " and bulk_tag is not null and id = any(cast(?1 as bigint[])) returning id")
            .setParameter(1, Database.ids(ids))
            .getResultList();
    return withdrawn.stream().map(Number::longValue).collect(java.util.stream.Collectors.toSet());
  }

  /** How many of a bulk send's messages are in each state ("pending", "held", "sent", "failed"). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Long> counts(String tag) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select status, count(*) from outbox_message where bulk_tag = ?1 group by status")
            .setParameter(1, tag)
            .getResultList();
    Map<String, Long> out = new java.util.HashMap<>();
    rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
    return out;
  }

  /** A message as the component that queued it shows it to staff. */
  public record Sent(
      long id,
      java.time.Instant queuedAt,
      String to,
      String subject,
      String status,
      java.time.Instant sentAt,
      String lastError) {}

  /**
   * The messages queued under these dedupe keys or starting with these prefixes, oldest first: how
   * a component lists the mail it sent about one of its records without reading the outbox's table.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Sent> byKeys(
      java.util.Collection<String> exact, java.util.Collection<String> prefixes) {
    List<String> params = new java.util.ArrayList<>();
    List<String> where = new java.util.ArrayList<>();
    for (String key : exact) {
      params.add(key);
      where.add("dedupe_key = ?" + params.size());
    }
    for (String prefix : prefixes) {
      params.add(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      where.add("dedupe_key like ?" + params.size());
    }
    if (where.isEmpty()) {
      return List.of();
    }
    var query =
        em.createNativeQuery(
            "select id, created_at, to_address, subject, status, sent_at, last_error"
                + " from outbox_message where "
                + String.join(" or ", where)
                + " order by created_at, id");
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return sent(rows);
  }

  /**
   * The newest messages to any of these addresses (compared without case), newest first: a person's
   * emails on their profile, subject and delivery only.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Sent> toAddresses(java.util.Collection<String> addresses, int limit) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, created_at, to_address, subject, status, sent_at, last_error"
                    + " from outbox_message where lower(to_address) in (select lower(x)"
                    + " from unnest(string_to_array(?1, chr(10))) x)"
                    + " order by created_at desc, id desc limit ?2")
            .setParameter(1, String.join("\n", addresses))
            .setParameter(2, limit)
            .getResultList();
    return sent(rows);
  }

  private static List<Sent> sent(List<Object[]> rows) {
    return rows.stream()
        .map(
            r ->
                new Sent(
                    ((Number) r[0]).longValue(),
                    ((java.sql.Timestamp) r[1]).toInstant(),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    r[5] == null ? null : ((java.sql.Timestamp) r[5]).toInstant(),
                    (String) r[6]))
        .toList();
  }

  /** How a queued message stands: pending, sent or failed, with its last error (or null). */
  public record Delivery(MessageStatus status, String lastError) {}

  /**
   * How each of these messages stands (ids not found are absent), for a component that keeps the
   * ids of mail it queued: it asks the outbox instead of reading the outbox's table. Runs in the
   * caller's transaction when there is one (a report's snapshot sees one moment).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<Long, Delivery> deliveries(java.util.Collection<Long> ids) {
    Map<Long, Delivery> out = new java.util.HashMap<>();
    List<Long> all = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    for (int from = 0; from < all.size(); from += 5000) {
      String array = Database.ids(all.subList(from, Math.min(all.size(), from + 5000)));
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "select id, status, last_error from outbox_message"
                      + " where id = any(cast(?1 as bigint[]))")
              .setParameter(1, array)
              .getResultList();
      for (Object[] r : rows) {
        out.put(
            ((Number) r[0]).longValue(),
            new Delivery(MessageStatus.of((String) r[1]), (String) r[2]));
      }
    }
    return out;
  }
}
