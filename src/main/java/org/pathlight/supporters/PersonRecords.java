package org.pathlight.supporters;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.pathlight.access.StaffRole;

/**
 * What one component holds on a person, for the person's profile. Each component implements it
 * beside its own tables (gifts in donations, applications in volunteers, bookings in shifts,
 * letters in campaigns, emails in mail), so the profile reads no component's tables and the person
 * record depends on none of them.
 */
public interface PersonRecords {

  /** One thing that happened, as the profile's timeline shows it; {@code link} may be null. */
  record Entry(Instant at, String kind, String title, String detail, String link) {}

  /** What these records are, in staff's words ("gifts", "volunteering"). */
  String name();

  /** The staff roles that may see these entries (an admin sees all). */
  Set<StaffRole> readers();

  /** The person's entries, newest first, at most {@code limit}. */
  List<Entry> timeline(Person person, int limit);

  /** How many records of each kind it holds on a person ("gifts" to 3), for a merge's preview. */
  java.util.Map<String, Long> holds(long supporterId);

  /** Why these two records of one person cannot be merged, in staff's words; null when they can. */
  default String whyNotMergeable(long kept, long merged) {
    return null;
  }

  /**
   * Moves what it holds on {@code merged} to {@code kept}, in the merge's transaction (both person
   * rows are locked). Gifts, receipts and bookings keep their numbers.
   */
  void merge(long kept, long merged);

  /** Something an erasure keeps, in staff's words, and why the law or the reports need it. */
  record Kept(String what, String why) {}

  /** What an erasure did to one component's records: what it removed, and what it kept and why. */
  record Erasure(List<String> removed, List<Kept> kept) {}

  /**
   * Why the person cannot be erased yet, in staff's words (a recurring gift still charging them);
   * null when they can.
   */
  default String whyNotErasable(long supporterId) {
    return null;
  }

  /**
   * Anonymises what this component holds on the person, in the erasure's transaction (the person
   * rows are locked): everything that names or describes them goes, and what tax, accounting or the
   * organisation's reports need stays without their name. Says what it removed and kept, and why.
   */
  Erasure erase(Person person, String actor);

  /** A file of a privacy export: its name in the ZIP and its bytes. */
  record Document(String name, byte[] bytes) {}

  /**
   * Everything this component holds on the person, for a privacy export: JSON files (one per kind
   * of record, every column) and documents (PDFs). Never a shift's address or a sign-in link.
   */
  List<Document> export(Person person);

  /** Every row a query finds, as one JSON array (PostgreSQL's {@code row_to_json}), for exports. */
  static Document rows(
      jakarta.persistence.EntityManager em, String name, String select, long supporterId) {
    Object json =
        em.createNativeQuery(
                "select coalesce(json_agg(row_to_json(x)), '[]')::text from (" + select + ") x")
            .setParameter(1, supporterId)
            .getSingleResult();
    return new Document(
        name, String.valueOf(json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** "1 gift", "3 gifts": a number of things in staff's words, for an erasure's report. */
  static String quantity(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** A count a native query answers for one person ({@code ?1}), for {@link #holds}. */
  static long count(jakarta.persistence.EntityManager em, String sql, long supporterId) {
    return ((Number) em.createNativeQuery(sql).setParameter(1, supporterId).getSingleResult())
        .longValue();
  }

  /** Points every row of {@code table} that names {@code merged} at {@code kept}, for a merge. */
  static void move(jakarta.persistence.EntityManager em, String table, long kept, long merged) {
    em.createNativeQuery("update " + table + " set supporter_id = ?1 where supporter_id = ?2")
        .setParameter(1, kept)
        .setParameter(2, merged)
        .executeUpdate();
  }

  /** A person as the components find them: their id, and every email they have been known by. */
  record Person(long id, List<String> emails) {}
}
