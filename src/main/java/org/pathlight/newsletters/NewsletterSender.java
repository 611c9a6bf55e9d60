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
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Database;
import org.pathlight.common.Startup;
import org.pathlight.jobs.Jobs;
import org.pathlight.mail.MailTemplates;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * The {@code newsletter-sends} job, every {@code pathlight.newsletters.tick.seconds} on every
 * instance: starts the sends that are due (freezing their audience), then writes the next
 * recipients' messages into the outbox in batches of {@code pathlight.newsletters.batch}. Each
 * batch is one transaction that holds the newsletter's row, so two instances take turns, and its
 * recipients are claimed {@code FOR UPDATE SKIP LOCKED}. Each message gets a send slot: no more
 * than {@code pathlight.newsletters.rate.per.minute} a minute, and never written more than two
 * ticks ahead, so a pause or a cancel stops a send within seconds.
 */
@ApplicationScoped
class NewsletterSender {

  private static final Logger LOG = Logger.getLogger(NewsletterSender.class.getName());
  static final String JOB = "newsletter-sends";

  @PersistenceContext EntityManager em;
  @Inject Newsletters newsletters;
  @Inject Segments segments;
  @Inject NewsletterMail mail;
  @Inject ConsentLinks links;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject NewsletterSender self;

  @Inject
  @ConfigProperty(name = "pathlight.newsletters.rate.per.minute", defaultValue = "600")
  long ratePerMinute;

  @Inject
  @ConfigProperty(name = "pathlight.newsletters.batch", defaultValue = "200")
  int batch;

  @Inject
  @ConfigProperty(name = "pathlight.newsletters.tick.seconds", defaultValue = "5")
  long tickSeconds;

  void start(@Observes Startup.SchemaReady ready, Jobs jobs) {
    Duration every = Duration.ofSeconds(Math.max(1, tickSeconds));
    jobs.schedule(JOB, every, every, self::tick);
  }

  void tick() {
    for (Long id : self.due()) {
      self.begin(id);
    }
    Instant stop = clock.instant().plusSeconds(Math.max(1, tickSeconds));
    for (Long id : self.sending()) {
      while (self.writeBatch(id) == batch && clock.instant().isBefore(stop)) {
        // a full batch: more may fit in this tick's slots
      }
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> due() {
    return em.createQuery(
            "select n.id from Newsletter n where n.status = :s and n.sendAt <= :now order by n.sendAt",
            Long.class)
        .setParameter("s", Newsletter.Status.SCHEDULED)
        .setParameter("now", clock.instant())
        .getResultList();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public List<Long> sending() {
    return em.createQuery(
            "select n.id from Newsletter n where n.status = :s order by n.id", Long.class)
        .setParameter("s", Newsletter.Status.SENDING)
        .getResultList();
  }

  /** Starts a due send: its audience frozen in one statement, once, by whichever instance. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void begin(long id) {
    Newsletter n = em.find(Newsletter.class, id, LockModeType.PESSIMISTIC_WRITE);
    Instant now = clock.instant();
    if (n == null || n.status() != Newsletter.Status.SCHEDULED || n.sendAt().isAfter(now)) {
      return; // another instance started it, or it was canceled
    }
    int audience = segments.freeze(id, newsletters.condition(n), n.topic());
    n.start(audience, now);
    LOG.info(() -> "Newsletter " + id + " started: " + audience + " recipients");
  }

  /**
   * Writes the next recipients' messages, as many as the throttle allows up to two ticks ahead and
   * at most a batch; answers how many recipients it took. The last batch marks the send sent.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int writeBatch(long id) {
    Newsletter n = em.find(Newsletter.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (n == null || n.status() != Newsletter.Status.SENDING) {
      return 0;
    }
    Instant now = clock.instant();
    long spacingMicros = Math.max(1, 60_000_000L / Math.max(1, ratePerMinute));
    Instant next = n.nextSlot() == null || n.nextSlot().isBefore(now) ? now : n.nextSlot();
    Instant horizon = now.plusSeconds(2 * Math.max(1, tickSeconds));
    long fit = Duration.between(next, horizon).toNanos() / 1000 / spacingMicros;
    int take = (int) Math.min(batch, fit);
    if (take <= 0) {
      return 0;
    }
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select supporter_id from newsletter_recipient where newsletter_id = ?1"
                    + " and status = 'queued' order by supporter_id limit ?2 for update skip locked")
            .setParameter(1, id)
            .setParameter(2, take)
            .getResultList();
    if (ids.isEmpty()) {
      n.finish(now);
      LOG.info(() -> "Newsletter " + id + " is all in the outbox");
      return 0;
    }
    List<Long> people = ids.stream().map(Number::longValue).toList();
    // an address suppressed since the send started (a bounce, a complaint) is left out
    @SuppressWarnings("unchecked")
    List<Number> suppressed =
        em.createNativeQuery(
                "select s.id from supporter s join email_suppression x on x.email_key = s.email_key"
                    + " where s.id = any(cast(?1 as bigint[]))")
            .setParameter(1, Database.ids(people))
            .getResultList();
    java.util.Set<Long> skip =
        suppressed.stream().map(Number::longValue).collect(java.util.stream.Collectors.toSet());
    NewsletterTemplate template = NewsletterTemplate.parse(n.body(), "body");
    NewsletterMail.Batch facts = mail.batch(n, template, people);
    java.util.Map<Long, Supporter> records = supporters.findAll(people);
    List<String> statuses = new java.util.ArrayList<>(people.size());
    List<Long> outboxIds = new java.util.ArrayList<>(people.size());
    for (int i = 0; i < people.size(); i++) {
      long who = people.get(i);
      if (skip.contains(who)) {
        statuses.add("suppressed");
        outboxIds.add(null);
        continue;
      }
      Supporter person = records.get(who);
      if (person == null || person.erasedAt() != null || person.mergedInto() != null) {
        statuses.add("canceled"); // erased, or merged into a record that is in the send
        outboxIds.add(null);
        continue;
      }
      MailTemplates.Rendered rendered = mail.render(n, facts, person, false);
      Instant slot = next.plusNanos(i * spacingMicros * 1000);
      Long queued =
          outbox
              .enqueue(
                  Outbox.Envelope.to(person.recipient(), "newsletter")
                      .dedupedBy(n.tag() + ":" + who)
                      .bulk(n.tag(), links.unsubscribeApiUrl(who, n.topic()), slot),
                  rendered)
              .orElse(null);
      statuses.add("written");
      outboxIds.add(queued);
    }
    mark(id, people, statuses, outboxIds);
    n.reserve(people.size(), spacingMicros, now);
    return people.size();
  }

  /** The batch's recipients marked in one statement: each with its status and outbox message. */
  private void mark(long newsletter, List<Long> people, List<String> statuses, List<Long> outbox) {
    em.createNativeQuery(
            "update newsletter_recipient r set status = v.status, outbox_id = v.outbox_id"
                + " from unnest(cast(?2 as bigint[]), cast(?3 as text[]), cast(?4 as bigint[]))"
                + "   as v(supporter_id, status, outbox_id)"
                + " where r.newsletter_id = ?1 and r.supporter_id = v.supporter_id")
        .setParameter(1, newsletter)
        .setParameter(2, Database.ids(people))
        .setParameter(3, String.join(",", statuses).transform(list -> "{" + list + "}"))
        .setParameter(4, Database.ids(outbox))
        .executeUpdate();
  }
}
