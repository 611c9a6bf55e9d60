package org.pathlight.volunteers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffRole;
import org.pathlight.supporters.PersonRecords;

/** A person's volunteer application, decision and screening, on their profile (volunteer staff). */
@ApplicationScoped
class VolunteerRecords implements PersonRecords {

  @PersistenceContext EntityManager em;

  @Override
  public String name() {
    return "volunteering";
  }

  @Override
  public Set<StaffRole> readers() {
    return Set.of(StaffRole.VOLUNTEERS);
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> timeline(Person person, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select created_at, status, decided_at, decided_by, decision_reason,"
                    + " background_status, background_completed_on, agreement_signed_on"
                    + " from volunteer where supporter_id = ?1")
            .setParameter(1, person.id())
            .getResultList();
    List<Entry> out = new ArrayList<>();
    String link = "/staff/volunteers";
    for (Object[] v : rows) {
      out.add(
          new Entry(
              ((Timestamp) v[0]).toInstant(), "volunteer", "Applied to volunteer", null, link));
      if (v[2] != null) {
        out.add(
            new Entry(
                ((Timestamp) v[2]).toInstant(),
                "volunteer",
                "approved".equals(v[1]) ? "Approved as a volunteer" : "Application not accepted",
                v[4] == null ? null : (String) v[4],
                link));
      }
      if (v[6] != null) {
        out.add(
            new Entry(
                day((java.sql.Date) v[6]), "screening", "Background check " + v[5], null, link));
      }
      if (v[7] != null) {
        out.add(
            new Entry(
                day((java.sql.Date) v[7]),
                "screening",
                "Signed the confidentiality agreement",
                null,
                link));
      }
    }
    out.sort(Comparator.comparing(Entry::at).reversed());
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private static Instant day(java.sql.Date d) {
    return d.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Map<String, Long> holds(long supporterId) {
    return java.util.Map.of(
        "volunteer applications",
        PersonRecords.count(
            em, "select count(*) from volunteer where supporter_id = ?1", supporterId));
  }

  @Override
  public String whyNotMergeable(long kept, long merged) {
    return holds(kept).get("volunteer applications") > 0
            && holds(merged).get("volunteer applications") > 0
        ? "Both records have a volunteer application, with its own screening and bookings. Ask the"
            + " volunteer team which one stands, and reject the other before merging."
        : null;
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void merge(long kept, long merged) {
    PersonRecords.move(em, "volunteer", kept, merged);
  }

  /**
   * Removes the application's personal content (date of birth, skills, availability, the decision's
   * reason, screening and trainings) and ends every sign-in link. The application's status and
   * dates stay, so the volunteer counts the organisation reports stay true.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public Erasure erase(Person person, String actor) {
    if (holds(person.id()).get("volunteer applications") == 0) {
      return new Erasure(List.of(), List.of());
    }
    em.createNativeQuery(
            "delete from volunteer_training where volunteer_id in"
                + " (select id from volunteer where supporter_id = ?1)")
        .setParameter(1, person.id())
        .executeUpdate();
    em.createNativeQuery(
            "update volunteer set birth_date = null, skills = '', availability = '',"
                + " decision_reason = null, background_status = 'none',"
                + " background_completed_on = null, background_expires_on = null,"
                + " agreement_signed_on = null, signin_epoch = signin_epoch + 1,"
                + " version = version + 1 where supporter_id = ?1")
        .setParameter(1, person.id())
        .executeUpdate();
    return new Erasure(
        List.of(
            "the volunteer application's date of birth, skills and availability",
            "screening: the background check, the signed agreement and trainings",
            "every sign-in link sent to them"),
        List.of(
            new Kept(
                "that they applied, and when, and the decision",
                "The organisation's counts of volunteers and applications stay true; nothing in"
                    + " them names the person.")));
  }

  /** The application with its screening, and the trainings recorded (every column). */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Document> export(Person person) {
    return List.of(
        PersonRecords.rows(
            em,
            "volunteering.json",
            "select * from volunteer where supporter_id = ?1",
            person.id()),
        PersonRecords.rows(
            em,
            "trainings.json",
            "select t.* from volunteer_training t join volunteer v on v.id = t.volunteer_id"
                + " where v.supporter_id = ?1",
            person.id()));
  }
}
