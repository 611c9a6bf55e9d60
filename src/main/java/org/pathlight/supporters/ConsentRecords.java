package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathlight.access.StaffRole;

/**
 * A person's email consent on their profile: each yes and no by topic, with its source and words;
 * merged (the newer answer per topic stands), exported and erased with the person.
 */
@ApplicationScoped
class ConsentRecords implements PersonRecords {

  @PersistenceContext EntityManager em;
  @jakarta.inject.Inject java.time.Clock clock;

  @Override
  public String name() {
    return "email consent";
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
                "select e.at, t.name, e.subscribed, e.source, e.wording from consent_event e"
                    + " join topic t on t.code = e.topic_code where e.supporter_id = ?1"
                    + " order by e.at desc, e.id desc limit ?2")
            .setParameter(1, person.id())
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Entry(
                    Consents.instant(r[0]),
                    "consent",
                    ((Boolean) r[2] ? "Subscribed to " : "Unsubscribed from ") + r[1],
                    "From " + r[3] + ": \u201c" + r[4] + "\u201d",
                    null))
        .toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, Long> holds(long supporterId) {
    return Map.of(
        "consent changes",
        PersonRecords.count(
            em, "select count(*) from consent_event where supporter_id = ?1", supporterId));
  }

  /** For each topic, the newer answer of the two records stands; the history moves over. */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void merge(long kept, long merged) {
    em.createNativeQuery(
            "insert into topic_subscription (supporter_id, topic_code, subscribed, source,"
                + " wording, changed_at) select ?1, topic_code, subscribed, source, wording,"
                + " changed_at from topic_subscription where supporter_id = ?2"
                + " on conflict (supporter_id, topic_code) do update set"
                + " subscribed = excluded.subscribed, source = excluded.source,"
                + " wording = excluded.wording, changed_at = excluded.changed_at"
                + " where topic_subscription.changed_at < excluded.changed_at")
        .setParameter(1, kept)
        .setParameter(2, merged)
        .executeUpdate();
    em.createNativeQuery("delete from topic_subscription where supporter_id = ?1")
        .setParameter(1, merged)
        .executeUpdate();
    PersonRecords.move(em, "consent_event", kept, merged);
    PersonRecords.move(em, "subscription_request", kept, merged);
  }

  /**
   * Every topic answered no, and the subscription requests (they hold the address) deleted. The
   * history of yes and no stays, naming no one once the person row is anonymised.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Erasure erase(Person person, String actor) {
    int requests =
        em.createNativeQuery(
                "delete from subscription_request where supporter_id = ?1"
                    + " or lower(email) = any(cast(?2 as text[]))")
            .setParameter(1, person.id())
            .setParameter(2, texts(person.emails()))
            .executeUpdate();
    int topics =
        em.createNativeQuery(
                "update topic_subscription set subscribed = false, source = 'erased',"
                    + " wording = 'erased on request', changed_at = ?2"
                    + " where supporter_id = ?1 and subscribed")
            .setParameter(1, person.id())
            .setParameter(2, Timestamp.from(clock.instant()))
            .executeUpdate();
    List<String> removed = new ArrayList<>();
    if (topics > 0) {
      removed.add(PersonRecords.quantity(topics, "topic subscription", "topic subscriptions"));
    }
    if (requests > 0) {
      removed.add(
          "the address on "
              + PersonRecords.quantity(requests, "sign-up request", "sign-up requests"));
    }
    long history = holds(person.id()).get("consent changes");
    return new Erasure(
        removed,
        history == 0
            ? List.of()
            : List.of(
                new Kept(
                    PersonRecords.quantity(history, "consent change", "consent changes")
                        + ": topic, yes or no, source and date",
                    "Proof of what was agreed and withdrawn, if a regulator asks; nothing in it"
                        + " names the person once their record is erased.")));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Document> export(Person person) {
    return List.of(
        PersonRecords.rows(
            em,
            "email-consent.json",
            "select topic_code, subscribed, source, wording, changed_at from topic_subscription"
                + " where supporter_id = ?1 order by topic_code",
            person.id()),
        PersonRecords.rows(
            em,
            "email-consent-history.json",
            "select topic_code, subscribed, source, wording, at from consent_event"
                + " where supporter_id = ?1 order by at, id",
            person.id()),
        PersonRecords.rows(
            em,
            "sign-up-requests.json",
            "select email, first_name, topics, source, wording, created_at, confirmed_at"
                + " from subscription_request where supporter_id = ?1 order by created_at",
            person.id()));
  }

  private static String texts(List<String> values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i).toLowerCase(java.util.Locale.ROOT);
      v = v.replace("\\", "\\\\").replace("\"", "\\\"");
      b.append(i == 0 ? "" : ",").append('"').append(v).append('"');
    }
    return b.append('}').toString();
  }
}
