package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Database;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.mail.Outbox;

/**
 * A privacy request's erasure: the person is anonymised everywhere, and what the law or the reports
 * need is kept without their name. The person row and any merged into it are locked FOR UPDATE; a
 * gift or an action being written for them finishes first (it holds the row FOR KEY SHARE, {@link
 * Supporters#findOrCreate}) and is anonymised with the rest, and one that comes after no longer
 * finds the email, so it starts a new record. Each component anonymises its own records ({@link
 * PersonRecords#erase}); the outbox forgets the address and text of mail to them; the audit trail
 * keeps its entries without their details; the person row keeps only its id and dates. The answer
 * says what was removed, and what was kept and why. Audited (without the person's details).
 */
@ApplicationScoped
class Erasures {

  @PersistenceContext EntityManager em;
  @Inject Instance<PersonRecords> sources;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** The 409 for a change to a record that was erased. */
  static ProblemException erased(Supporter s) {
    return new ProblemException(
        Problem.of(
            409,
            "erased",
            "Erased",
            "Record " + s.id() + " was erased at the person's request on " + s.erasedAt() + "."));
  }

  /** What the records hold on the person, what stops an erasure, and a past erasure's report. */
  @Transactional(Transactional.TxType.SUPPORTS)
  SupportersResource.ErasurePreview preview(long id) {
    Supporter s = standing(id);
    Map<String, Long> holds = new LinkedHashMap<>();
    for (PersonRecords source : sources) {
      holds.putAll(source.holds(id));
    }
    return new SupportersResource.ErasurePreview(
        s.id(), s.erasedAt(), holds, s.erasedAt() == null ? whyNot(id) : null, report(s));
  }

  @Transactional
  SupportersResource.ErasureReport erase(long id, String reason, String actor, String clientIp) {
    Supporter s = em.find(Supporter.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (s == null) {
      throw ProblemException.notFound("No supporter with id " + id + ".");
    }
    if (s.mergedInto() != null) {
      throw new ProblemException(
          Problem.of(
              409,
              "already-merged",
              "Merged into another record",
              "Record " + id + " was merged into record " + s.mergedInto() + ": erase that one."));
    }
    if (s.erasedAt() != null) {
      throw erased(s);
    }
    String why = whyNot(id);
    if (why != null) {
      throw new ProblemException(Problem.of(409, "not-erasable", "Cannot erase yet", why));
    }
    List<Supporter> rows = new ArrayList<>(List.of(s));
    for (Number merged : mergedInto(id)) {
      rows.add(em.find(Supporter.class, merged.longValue(), LockModeType.PESSIMISTIC_WRITE));
    }
    PersonRecords.Person person = new PersonRecords.Person(id, supporters.emailsOf(s));
    List<String> removed = new ArrayList<>();
    List<PersonRecords.Kept> kept = new ArrayList<>();
    for (PersonRecords source : sources) {
      PersonRecords.Erasure done = source.erase(person, actor);
      removed.addAll(done.removed());
      kept.addAll(done.kept());
    }
    String address = "erased-" + id + "@" + Outbox.ERASED_DOMAIN;
    int emails = outbox.eraseRecipient(person.emails(), address);
    if (emails > 0) {
      removed.add(
          "the address and text of "
              + PersonRecords.quantity(emails, "email", "emails")
              + " sent or waiting to be sent to them (those waiting are withdrawn)");
    }
    int entries = audit.redact(details(rows));
    if (entries > 0) {
      removed.add(
          "their details from "
              + PersonRecords.quantity(entries, "entry", "entries")
              + " of the audit trail");
    }
    Instant now = clock.instant();
    em.createNativeQuery(
            "update supporter set email = 'erased-' || id || '@"
                + Outbox.ERASED_DOMAIN
                + "',"
                + " email_key = 'erased-' || id || '@"
                + Outbox.ERASED_DOMAIN
                + "',"
                + " first_name = null, last_name = null, phone = null, address_line1 = null,"
                + " address_line2 = null, city = null, region = null, postal_code = null,"
                + " country = null, sms_opt_in = false, erased_at = ?2, updated_at = ?2,"
                + " version = version + 1 where id = any(cast(?1 as bigint[]))")
        .setParameter(1, Database.ids(rows.stream().map(Supporter::id).toList()))
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    removed.add(
        0,
        "their name, email"
            + (rows.size() > 1 ? " addresses (" + rows.size() + " records merged)" : "")
            + ", phone, postal address and consent");
    kept.add(
        new PersonRecords.Kept(
            "record " + id + ", with the day it was created and the day it was erased",
            "So the gifts and hours kept add up to one anonymous supporter, and anyone can see"
                + " the request was carried out."));
    kept.add(
        new PersonRecords.Kept(
            "this erasure in the audit trail: who, when and the reason given",
            "Staff must be able to show that the request was honoured, and by whom."));
    SupportersResource.ErasureReport report =
        new SupportersResource.ErasureReport(id, now, actor, reason, removed, kept);
    audit.record(actor, "supporter.erased", "supporter", id, null, report, clientIp);
    for (Supporter row : rows) {
      em.refresh(row);
    }
    return report;
  }

  private Supporter standing(long id) {
    Supporter s = em.find(Supporter.class, id);
    if (s == null) {
      throw ProblemException.notFound("No supporter with id " + id + ".");
    }
    return s;
  }

  private String whyNot(long id) {
    List<String> reasons = new ArrayList<>();
    for (PersonRecords source : sources) {
      String why = source.whyNotErasable(id);
      if (why != null) {
        reasons.add(why);
      }
    }
    return reasons.isEmpty() ? null : String.join(" ", reasons);
  }

  @SuppressWarnings("unchecked")
  private List<Number> mergedInto(long id) {
    return em.createNativeQuery(
            "with recursive m(id) as (select id from supporter where merged_into = ?1"
                + " union all select s.id from supporter s join m on s.merged_into = m.id)"
                + " select id from m order by id")
        .setParameter(1, id)
        .getResultList();
  }

  /** What names the person in free text: each record's email, names, phone and address. */
  private static List<String> details(List<Supporter> rows) {
    List<String> out = new ArrayList<>();
    for (Supporter r : rows) {
      out.add(r.email());
      out.add(r.firstName());
      out.add(r.lastName());
      out.add(r.fullName());
      out.add(r.phone());
      if (r.address() != null) {
        out.add(r.address().line1());
        out.add(r.address().line2());
        out.add(r.address().postalCode());
      }
    }
    return out;
  }

  /** The report an erasure left in the audit trail, or null for a record never erased. */
  private static final Jsonb JSON = JsonbBuilder.create();

  private SupportersResource.ErasureReport report(Supporter s) {
    if (s.erasedAt() == null) {
      return null;
    }
    return audit.find("supporter", String.valueOf(s.id()), 50).stream()
        .filter(e -> "supporter.erased".equals(e.action()) && e.after() != null)
        .findFirst()
        .map(e -> JSON.fromJson(e.after(), SupportersResource.ErasureReport.class))
        .orElse(null);
  }
}
