package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;

/**
 * Creates or matches the person behind an email. Every component that meets a person (a gift, an
 * application, a letter) comes here, so one email is one supporter, even under concurrent requests:
 * the unique index on {@code email_key} ({@link Emails#normalize}) and {@code ON CONFLICT} decide,
 * not Java.
 */
@ApplicationScoped
public class Supporters {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject AuditTrail audit;

  /** The person behind an email, and whether this call created them. */
  public record Match(Supporter supporter, boolean created) {}

  /** The supporter with this email, created if new; blank names are filled in on a match. */
  @Transactional(Transactional.TxType.REQUIRED)
  public Match findOrCreate(String email, String firstName, String lastName, String phone) {
    String clean = normalise(email);
    String key = Emails.normalize(clean);
    Instant now = clock.instant();
    for (int attempt = 1; ; attempt++) {
      int inserted =
          em.createNativeQuery(
                  "insert into supporter (email, email_key, first_name, last_name, phone,"
                      + " created_at, updated_at) values (?1, ?6, ?2, ?3, ?4, ?5, ?5)"
                      + " on conflict (email_key) do nothing")
              .setParameter(1, clean)
              .setParameter(2, blankToNull(firstName))
              .setParameter(3, blankToNull(lastName))
              .setParameter(4, blankToNull(phone))
              .setParameter(5, Timestamp.from(now))
              .setParameter(6, key)
              .executeUpdate();
      // FOR KEY SHARE until commit: a merge or an erasure of this person waits for what this
      // transaction writes for them, and one that ran first is seen (an erased row no longer has
      // the email, so the next round creates the person afresh)
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "select id, merged_into from supporter where email_key = ?1 for key share")
              .setParameter(1, key)
              .getResultList();
      if (!rows.isEmpty()) {
        Object[] row = rows.get(0);
        long id =
            row[1] == null
                ? ((Number) row[0]).longValue()
                : followMerges(((Number) row[1]).longValue());
        Supporter supporter = em.find(Supporter.class, id);
        supporter.completeWith(firstName, lastName, phone, now);
        return new Match(supporter, inserted == 1);
      }
      if (attempt == 3) {
        throw new IllegalStateException("the record for " + key + " kept changing; try again");
      }
    }
  }

  /** The record a merged one points at, each row on the way held FOR KEY SHARE. */
  private long followMerges(long id) {
    long at = id;
    for (int hops = 0; hops < 10; hops++) {
      @SuppressWarnings("unchecked")
      List<Number> next =
          em.createNativeQuery("select merged_into from supporter where id = ?1 for key share")
              .setParameter(1, at)
              .getResultList();
      if (next.isEmpty() || next.get(0) == null) {
        return at;
      }
      at = next.get(0).longValue();
    }
    return at;
  }

  /** The person with this id; a record merged into another answers the one kept. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Supporter> find(long id) {
    return Optional.ofNullable(em.find(Supporter.class, id)).map(this::kept);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Supporter> findByEmail(String email) {
    return em.createNamedQuery("Supporter.byEmail", Supporter.class)
        .setParameter("emailKey", Emails.normalize(normalise(email)))
        .getResultStream()
        .findFirst()
        .map(this::kept);
  }

  /**
   * These records as they are, by id, in one query: for work over a batch of people (a bulk send).
   * A merged record is answered as itself; the caller decides what to do with it.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public java.util.Map<Long, Supporter> findAll(java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return java.util.Map.of();
    }
    return em.createQuery("select s from Supporter s where s.id in :ids", Supporter.class)
        .setParameter("ids", ids)
        .getResultStream()
        .collect(java.util.stream.Collectors.toMap(Supporter::id, s -> s));
  }

  /** The record a merged one points at (following a chain), or the record itself. */
  private Supporter kept(Supporter s) {
    Supporter at = s;
    for (int hops = 0; at.mergedInto() != null && hops < 10; hops++) {
      at = em.find(Supporter.class, at.mergedInto());
    }
    return at;
  }

  /** Every address a person has been known by: theirs, and those of records merged into them. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<String> emailsOf(Supporter s) {
    @SuppressWarnings("unchecked")
    List<String> merged =
        em.createNativeQuery(
                "with recursive m(id, email) as (select id, email from supporter"
                    + " where merged_into = ?1 union all select s.id, s.email from supporter s"
                    + " join m on s.merged_into = m.id) select email from m")
            .setParameter(1, s.id())
            .getResultList();
    List<String> all = new java.util.ArrayList<>(List.of(s.email()));
    merged.stream().filter(e -> !all.contains(e)).forEach(all::add);
    return all;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Supporter> search(String query, int limit) {
    String like = "%" + query.toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
    return em.createNamedQuery("Supporter.search", Supporter.class)
        .setParameter("q", like)
        .setMaxResults(limit)
        .getResultList();
  }

  @Transactional
  public Supporter update(long id, Supporter.SupporterChange change, String actor, String ip) {
    Supporter supporter =
        find(id).orElseThrow(() -> ProblemException.notFound("No supporter with id " + id + "."));
    if (supporter.erasedAt() != null) {
      throw Erasures.erased(supporter);
    }
    SupporterView before = SupporterView.of(supporter);
    supporter.update(change, actor, clock.instant());
    audit.record(
        actor, "supporter.updated", "supporter", id, before, SupporterView.of(supporter), ip);
    return supporter;
  }

  static String normalise(String email) {
    if (email == null || email.isBlank()) {
      throw ProblemException.invalid("email", "enter an email address");
    }
    return email.trim();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
