package org.pathlight.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffRole;
import org.pathlight.common.Database;
import org.pathlight.supporters.PersonRecords;

/** A person's letters to their officials, campaign by campaign, on their profile (advocacy). */
@ApplicationScoped
class ActionRecords implements PersonRecords {

  @PersistenceContext EntityManager em;

  @Override
  public String name() {
    return "letters to officials";
  }

  @Override
  public Set<StaffRole> readers() {
    return Set.of(StaffRole.ADVOCACY);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> timeline(Person person, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select a.created_at, c.title, count(l.id), string_agg(l.official_name, ', '"
                    + " order by l.official_name) from campaign_action a"
                    + " join campaign c on c.id = a.campaign_id"
                    + " left join letter l on l.action_id = a.id"
                    + " where a.supporter_id = ?1 group by a.id, c.title"
                    + " order by a.created_at desc limit ?2")
            .setParameter(1, person.id())
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            a -> {
              long letters = ((Number) a[2]).longValue();
              return new Entry(
                  ((Timestamp) a[0]).toInstant(),
                  "letter",
                  "Wrote " + letters + (letters == 1 ? " letter" : " letters") + ": " + a[1],
                  a[3] == null ? null : "To " + a[3],
                  "/staff/campaigns");
            })
        .toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Map<String, Long> holds(long supporterId) {
    return java.util.Map.of(
        "campaign actions",
        PersonRecords.count(
            em, "select count(*) from campaign_action where supporter_id = ?1", supporterId));
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void merge(long kept, long merged) {
    PersonRecords.move(em, "campaign_action", kept, merged);
  }

  @jakarta.inject.Inject org.pathlight.mail.Outbox outbox;

  /**
   * Removes the writer from their actions (name, city, note, IP address, email) and the text of
   * their letters; letters not yet sent or printed are withdrawn. The letters stay counted on their
   * campaigns, by official and district.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Erasure erase(Person person, String actor) {
    long actions = holds(person.id()).get("campaign actions");
    if (actions == 0) {
      return new Erasure(List.of(), List.of());
    }
    @SuppressWarnings("unchecked")
    List<Number> outboxIds =
        em.createNativeQuery(
                "select l.outbox_id from letter l join campaign_action a on a.id = l.action_id"
                    + " where a.supporter_id = ?1 and l.outbox_id is not null")
            .setParameter(1, person.id())
            .getResultList();
    java.util.Set<Long> withdrawnMail =
        outbox.blank(outboxIds.stream().map(Number::longValue).toList());
    String withdrawn = "withdrawn: the writer's record was erased";
    int withdrawnLetters =
        em.createNativeQuery(
                "update letter set status = 'failed', failure_reason = ?2 where action_id in"
                    + " (select id from campaign_action where supporter_id = ?1) and ("
                    + " (channel = 'print' and status = 'queued' and batch_id is null)"
                    + " or outbox_id = any(cast(?3 as bigint[])))")
            .setParameter(1, person.id())
            .setParameter(2, withdrawn)
            .setParameter(3, Database.ids(withdrawnMail))
            .executeUpdate();
    int letters =
        em.createNativeQuery(
                "update letter set body = '(erased at the writer''s request)',"
                    + " address_block = null, contact_form = null where action_id in"
                    + " (select id from campaign_action where supporter_id = ?1)")
            .setParameter(1, person.id())
            .executeUpdate();
    em.createNativeQuery(
            "update campaign_action set first_name = '', last_name = '', city = null,"
                + " personal_note = null, client_ip = null, opt_in = false,"
                + " email_key = 'erased:' || id where supporter_id = ?1")
        .setParameter(1, person.id())
        .executeUpdate();
    List<String> removed = new ArrayList<>();
    removed.add(
        "the name, city, note and IP address on "
            + PersonRecords.quantity(actions, "campaign action", "campaign actions"));
    removed.add(
        "the text of " + PersonRecords.quantity(letters, "letter", "letters") + " to officials");
    if (withdrawnLetters > 0) {
      removed.add(
          PersonRecords.quantity(withdrawnLetters, "letter", "letters")
              + " not yet delivered (withdrawn)");
    }
    return new Erasure(
        removed,
        List.of(
            new Kept(
                PersonRecords.quantity(letters, "letter", "letters")
                    + ": campaign, official, date, ZIP code and district",
                "The campaigns' counts by official and district stay true; nothing in them names"
                    + " the person.")));
  }

  /** The actions taken (every column) and the letters written in them. */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Document> export(Person person) {
    return List.of(
        PersonRecords.rows(
            em,
            "campaign-actions.json",
            "select a.*, c.title as campaign from campaign_action a"
                + " join campaign c on c.id = a.campaign_id where a.supporter_id = ?1 order by a.id",
            person.id()),
        PersonRecords.rows(
            em,
            "letters.json",
            "select l.id, l.official_name, l.official_title, l.channel, l.status, l.subject, l.body,"
                + " l.created_at, l.sent_at from letter l join campaign_action a on a.id = l.action_id"
                + " where a.supporter_id = ?1 order by l.id",
            person.id()));
  }
}
