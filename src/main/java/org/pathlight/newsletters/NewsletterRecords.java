package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlight.access.StaffRole;
import org.pathlight.supporters.PersonRecords;

/**
 * The newsletters a person was in the audience of, on their profile; merged (one row per send
 * kept), exported and erased with them (the sends' counts drop them).
 */
@ApplicationScoped
class NewsletterRecords implements PersonRecords {

  @PersistenceContext EntityManager em;

  @Override
  public String name() {
    return "newsletters";
  }

  @Override
  public Set<StaffRole> readers() {
    return Set.of(StaffRole.FUNDRAISING, StaffRole.ADVOCACY, StaffRole.VOLUNTEERS);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> timeline(Person person, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select n.started_at, n.subject, r.status from newsletter_recipient r"
                    + " join newsletter n on n.id = r.newsletter_id where r.supporter_id = ?1"
                    + " and n.started_at is not null order by n.started_at desc limit ?2")
            .setParameter(1, person.id())
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Entry(
                    r[0] instanceof Timestamp t ? t.toInstant() : (java.time.Instant) r[0],
                    "newsletter",
                    "Newsletter: " + r[1],
                    switch ((String) r[2]) {
                      case "unsubscribed" -> "not sent: they unsubscribed";
                      case "canceled" -> "not sent: the send was canceled";
                      case "queued" -> "waiting to be sent";
                      default -> "sent to them";
                    },
                    "/staff/newsletters"))
        .toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Long> holds(long supporterId) {
    return Map.of(
        "newsletters",
        PersonRecords.count(
            em, "select count(*) from newsletter_recipient where supporter_id = ?1", supporterId));
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void merge(long kept, long merged) {
    em.createNativeQuery(
            "delete from newsletter_recipient m where m.supporter_id = ?2 and exists (select 1"
                + " from newsletter_recipient k where k.supporter_id = ?1"
                + " and k.newsletter_id = m.newsletter_id)")
        .setParameter(1, kept)
        .setParameter(2, merged)
        .executeUpdate();
    PersonRecords.move(em, "newsletter_recipient", kept, merged);
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Erasure erase(Person person, String actor) {
    int rows =
        em.createNativeQuery("delete from newsletter_recipient where supporter_id = ?1")
            .setParameter(1, person.id())
            .executeUpdate();
    return new Erasure(
        rows == 0
            ? List.of()
            : List.of(
                "their place in the audience of "
                    + PersonRecords.quantity(rows, "newsletter", "newsletters")),
        List.of());
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Document> export(Person person) {
    return List.of(
        PersonRecords.rows(
            em,
            "newsletters.json",
            "select n.id, n.subject, n.topic_code, n.started_at, r.status from newsletter_recipient r"
                + " join newsletter n on n.id = r.newsletter_id where r.supporter_id = ?1 order by n.id",
            person.id()));
  }
}
