package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * Two records of one person become one. Both person rows are locked (in id order, so two merges
 * never deadlock); each component moves what it holds ({@link PersonRecords#merge}); the kept
 * record takes in what the other knew; the other stays as a tombstone pointing at it, so its email
 * still finds the person. A gift written for the merged record while the merge runs waits for it
 * and lands on the kept one (the {@code follow_supporter_merge} trigger). Audited.
 */
@ApplicationScoped
class Merges {

  @PersistenceContext EntityManager em;
  @Inject Instance<PersonRecords> sources;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** What each record holds, by kind, and what stops the merge (null when nothing does). */
  @Transactional(Transactional.TxType.SUPPORTS)
  SupportersResource.MergePreview preview(long keep, long merge) {
    Supporter kept = standing(keep, "keep");
    Supporter merged = standing(merge, "merge");
    return new SupportersResource.MergePreview(
        SupporterView.of(kept),
        SupporterView.of(merged),
        holds(keep),
        holds(merge),
        whyNot(keep, merge));
  }

  @Transactional
  SupporterView merge(long keep, long merge, String actor, String clientIp) {
    if (keep == merge) {
      throw ProblemException.invalid("merge", "choose two different records");
    }
    Supporter first =
        em.find(Supporter.class, Math.min(keep, merge), LockModeType.PESSIMISTIC_WRITE);
    Supporter second =
        em.find(Supporter.class, Math.max(keep, merge), LockModeType.PESSIMISTIC_WRITE);
    if (first == null || second == null) {
      throw ProblemException.notFound(
          "No supporter with id "
              + (first == null ? Math.min(keep, merge) : Math.max(keep, merge))
              + ".");
    }
    Supporter kept = first.id() == keep ? first : second;
    Supporter merged = first.id() == keep ? second : first;
    if (kept.mergedInto() != null || merged.mergedInto() != null) {
      throw new ProblemException(
          Problem.of(
              409,
              "already-merged",
              "Already merged",
              "One of these records was already merged into another: open the person again."));
    }
    if (kept.erasedAt() != null || merged.erasedAt() != null) {
      throw Erasures.erased(kept.erasedAt() != null ? kept : merged);
    }
    String why = whyNot(keep, merge);
    if (why != null) {
      throw new ProblemException(Problem.of(409, "not-mergeable", "Cannot merge yet", why));
    }
    Map<String, Object> before =
        Map.of("kept", SupporterView.of(kept), "merged", SupporterView.of(merged));
    Map<String, Long> moved = holds(merge);
    for (PersonRecords source : sources) {
      source.merge(keep, merge);
    }
    kept.absorb(merged, clock.instant());
    merged.mergeInto(keep, clock.instant());
    em.flush();
    audit.record(
        actor,
        "supporter.merged",
        "supporter",
        keep,
        before,
        Map.of("kept", SupporterView.of(kept), "mergedId", merge, "moved", moved),
        clientIp);
    return SupporterView.of(kept);
  }

  private Supporter standing(long id, String field) {
    Supporter s = em.find(Supporter.class, id);
    if (s == null) {
      throw ProblemException.invalid(field, "is not a supporter");
    }
    if (s.mergedInto() != null) {
      throw ProblemException.invalid(field, "was already merged into record " + s.mergedInto());
    }
    if (s.erasedAt() != null) {
      throw ProblemException.invalid(field, "was erased: there is nothing left to merge");
    }
    return s;
  }

  private Map<String, Long> holds(long id) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (PersonRecords source : sources) {
      out.putAll(source.holds(id));
    }
    return out;
  }

  private String whyNot(long keep, long merge) {
    List<String> reasons = new ArrayList<>();
    for (PersonRecords source : sources) {
      String why = source.whyNotMergeable(keep, merge);
      if (why != null) {
        reasons.add(why);
      }
    }
    return reasons.isEmpty() ? null : String.join(" ", reasons);
  }

  /** Pairs that look like one person, each with why, newest records first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  List<SupportersResource.Duplicate> suggestions(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> pairs =
        em.createNativeQuery(
                "with live as (select * from supporter where merged_into is null and erased_at is null),"
                    + " pairs as ("
                    + " select a.id a, b.id b, 'the same email' why from live a join live b"
                    + "   on lower(a.email) = lower(b.email) and a.id < b.id"
                    + " union all select a.id, b.id, 'the same name and postal code' from live a"
                    + "   join live b on lower(a.last_name) = lower(b.last_name)"
                    + "   and lower(a.first_name) = lower(b.first_name)"
                    + "   and upper(replace(a.postal_code, ' ', ''))"
                    + "     = upper(replace(b.postal_code, ' ', '')) and a.id < b.id"
                    + " union all select a.id, b.id, 'the same name and phone' from live a"
                    + "   join live b on lower(a.last_name) = lower(b.last_name)"
                    + "   and lower(a.first_name) = lower(b.first_name)"
                    + "   and regexp_replace(a.phone, '[^0-9]', '', 'g')"
                    + "     = regexp_replace(b.phone, '[^0-9]', '', 'g')"
                    + "   and length(regexp_replace(a.phone, '[^0-9]', '', 'g')) >= 7 and a.id < b.id)"
                    + " select a, b, string_agg(why, ', ' order by why) from pairs"
                    + " group by a, b order by b desc, a desc limit ?1")
            .setParameter(1, limit)
            .getResultList();
    List<SupportersResource.Duplicate> out = new ArrayList<>();
    for (Object[] p : pairs) {
      Supporter a = em.find(Supporter.class, ((Number) p[0]).longValue());
      Supporter b = em.find(Supporter.class, ((Number) p[1]).longValue());
      out.add(
          new SupportersResource.Duplicate(
              SupporterView.of(a), SupporterView.of(b), List.of(((String) p[2]).split(", "))));
    }
    return out;
  }
}
