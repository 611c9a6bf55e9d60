package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.ProblemException;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.AudienceRules;
import org.pathlight.supporters.Consents;

/**
 * Newsletters from draft to sent. A send freezes its audience into {@code newsletter_recipient}
 * when it starts (one statement), then {@link NewsletterSender} writes one outbox message per
 * recipient in batches, each with its send slot: the outbox delivers them with its own guarantees
 * (claimed with {@code FOR UPDATE SKIP LOCKED}, a fixed Message-ID, at most the one message in the
 * SMTP hand-off repeated after a crash). Pausing holds what is in the outbox, canceling withdraws
 * it, and a person who unsubscribes has what is waiting for them on that topic withdrawn at once.
 */
@ApplicationScoped
class Newsletters {

  @PersistenceContext EntityManager em;
  @Inject Segments segments;
  @Inject Consents consents;
  @Inject Outbox outbox;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.newsletters.max.schedule.days", defaultValue = "365")
  int maxScheduleDays;

  Newsletter.Draft check(NewslettersResource.Body b) {
    if (b.subject() == null || b.subject().isBlank()) {
      throw ProblemException.invalid("subject", "write a subject");
    }
    if (b.subject().strip().length() > 200) {
      throw ProblemException.invalid("subject", "keep the subject under 200 characters");
    }
    if (b.preheader() != null && b.preheader().strip().length() > 200) {
      throw ProblemException.invalid("preheader", "keep the preheader under 200 characters");
    }
    if (b.topic() == null || b.topic().isBlank()) {
      throw ProblemException.invalid("topic", "choose the topic it goes to");
    }
    String topic = consents.requireTopic("topic", b.topic()).code();
    if (b.segmentId() != null) {
      try {
        segments.find(b.segmentId());
      } catch (ProblemException e) {
        throw ProblemException.invalid("segmentId", "there is no segment " + b.segmentId());
      }
    }
    NewsletterTemplate.parse(b.body(), "body");
    String pre = b.preheader() == null || b.preheader().isBlank() ? null : b.preheader().strip();
    return new Newsletter.Draft(b.subject().strip(), pre, topic, b.segmentId(), b.body());
  }

  @Transactional
  NewslettersResource.View create(NewslettersResource.Body b, String actor, String ip) {
    Newsletter n = Newsletter.draft(check(b), actor, clock.instant());
    em.persist(n);
    em.flush();
    audit.record(actor, "newsletter.drafted", "newsletter", n.id(), null, b, ip);
    return view(n);
  }

  @Transactional
  NewslettersResource.View edit(long id, NewslettersResource.Body b, String actor, String ip) {
    Newsletter n = locked(id);
    n.edit(check(b), clock.instant());
    audit.record(actor, "newsletter.edited", "newsletter", id, null, b, ip);
    return view(n);
  }

  /** Schedules the send now or at {@code at}; a time past, or over a year ahead, is a 400. */
  @Transactional
  NewslettersResource.View send(long id, Instant at, String actor, String ip) {
    Newsletter n = locked(id);
    Instant now = clock.instant();
    if (at != null && at.isBefore(now.minusSeconds(60))) {
      throw ProblemException.invalid("at", "choose a time from now on");
    }
    if (at != null && at.isAfter(now.plus(Duration.ofDays(maxScheduleDays)))) {
      throw ProblemException.invalid("at", "choose a time within " + maxScheduleDays + " days");
    }
    NewsletterTemplate.parse(n.body(), "body");
    boolean sendNow = at == null || at.isBefore(now);
    if (sendNow
        && n.status() == Newsletter.Status.DRAFT
        && segments.audienceSize(condition(n), n.topic()) == 0) {
      // a scheduled send may find people by then; one now would go to nobody
      throw ProblemException.conflict(
          "empty-audience",
          "Nobody would get this newsletter: nobody in its audience is subscribed to its topic."
              + " Choose another audience or topic, or schedule it for later.");
    }
    n.schedule(sendNow ? now : at, now);
    audit.record(
        actor,
        "newsletter.scheduled",
        "newsletter",
        id,
        null,
        Map.of("at", n.sendAt().toString()),
        ip);
    return view(n);
  }

  @Transactional
  NewslettersResource.View pause(long id, String actor, String ip) {
    Newsletter n = locked(id);
    n.pause(clock.instant());
    outbox.hold(n.tag());
    audit.record(actor, "newsletter.paused", "newsletter", id, null, null, ip);
    return view(n);
  }

  @Transactional
  NewslettersResource.View resume(long id, String actor, String ip) {
    Newsletter n = locked(id);
    n.resume(clock.instant());
    outbox.release(n.tag());
    audit.record(actor, "newsletter.resumed", "newsletter", id, null, null, ip);
    return view(n);
  }

  @Transactional
  NewslettersResource.View cancel(long id, String actor, String ip) {
    Newsletter n = locked(id);
    n.cancel(clock.instant());
    int withdrawn = outbox.withdraw(n.tag());
    em.createNativeQuery(
            "update newsletter_recipient set status = 'canceled' where newsletter_id = ?1"
                + " and (status = 'queued' or (status = 'written' and outbox_id not in"
                + " (select id from outbox_message where bulk_tag = ?2)))")
        .setParameter(1, id)
        .setParameter(2, n.tag())
        .executeUpdate();
    audit.record(
        actor, "newsletter.canceled", "newsletter", id, null, Map.of("withdrawn", withdrawn), ip);
    return view(n);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  NewslettersResource.View get(long id) {
    return view(find(id));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  List<NewslettersResource.View> all() {
    return em
        .createQuery("select n from Newsletter n order by n.createdAt desc", Newsletter.class)
        .setMaxResults(200)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  Newsletter find(long id) {
    Newsletter n = em.find(Newsletter.class, id);
    if (n == null) {
      throw ProblemException.notFound("No newsletter " + id + ".");
    }
    return n;
  }

  private Newsletter locked(long id) {
    Newsletter n = em.find(Newsletter.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (n == null) {
      throw ProblemException.notFound("No newsletter " + id + ".");
    }
    return n;
  }

  /** The audience condition of a newsletter's segment (null: everyone on the topic). */
  AudienceRules.Condition condition(Newsletter n) {
    return n.segmentId() == null ? null : segments.compile(segments.find(n.segmentId()).rules());
  }

  NewslettersResource.View view(Newsletter n) {
    // a draft has no recipients, messages or bounces yet: no queries for it
    boolean draft = n.status() == Newsletter.Status.DRAFT;
    Map<String, Long> mail = draft ? Map.of() : outbox.counts(n.tag());
    Map<String, Long> people = draft ? Map.of() : recipientCounts(n.id());
    return new NewslettersResource.View(
        n.id(),
        n.subject(),
        n.preheader(),
        n.topic(),
        n.segmentId(),
        n.body(),
        n.status().word(),
        n.sendAt(),
        n.startedAt(),
        n.finishedAt(),
        n.audience(),
        people.getOrDefault("queued", 0L)
            + mail.getOrDefault("pending", 0L)
            + mail.getOrDefault("held", 0L),
        mail.getOrDefault("sent", 0L),
        mail.getOrDefault("failed", 0L),
        draft ? 0 : bounced(n.tag()),
        people.getOrDefault("unsubscribed", 0L),
        n.createdBy(),
        n.updatedAt());
  }

  private Map<String, Long> recipientCounts(long id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select status, count(*) from newsletter_recipient where newsletter_id = ?1"
                    + " group by status")
            .setParameter(1, id)
            .getResultList();
    Map<String, Long> out = new java.util.HashMap<>();
    rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).longValue()));
    return out;
  }

  private long bounced(String tag) {
    return ((Number)
            em.createNativeQuery("select count(*) from email_bounce where bulk_tag = ?1")
                .setParameter(1, tag)
                .getSingleResult())
        .longValue();
  }

  /**
   * A person left a topic: their messages on it still waiting in a send are withdrawn, and they are
   * taken out of what is still to be written.
   */
  void withdraw(@Observes Consents.Withdrawn left) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select r.newsletter_id, r.outbox_id, r.status from newsletter_recipient r"
                    + " join newsletter n on n.id = r.newsletter_id"
                    + " where r.supporter_id = ?1 and n.topic_code = ?2"
                    + " and n.status in ('scheduled', 'sending', 'paused')"
                    + " and r.status in ('queued', 'written') for update of r")
            .setParameter(1, left.supporterId())
            .setParameter(2, left.topic())
            .getResultList();
    java.util.Set<Long> gone =
        outbox.withdraw(
            rows.stream().filter(r -> r[1] != null).map(r -> ((Number) r[1]).longValue()).toList());
    for (Object[] r : rows) {
      boolean queued = "queued".equals(r[2]);
      if (queued || gone.contains(((Number) r[1]).longValue())) {
        em.createNativeQuery(
                "update newsletter_recipient set status = 'unsubscribed' where newsletter_id = ?1"
                    + " and supporter_id = ?2")
            .setParameter(1, ((Number) r[0]).longValue())
            .setParameter(2, left.supporterId())
            .executeUpdate();
      }
    }
  }
}
