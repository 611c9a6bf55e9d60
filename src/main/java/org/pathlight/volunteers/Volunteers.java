package org.pathlight.volunteers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.ProblemException;
import org.pathlight.common.PublicUrls;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/** Applications, sign-in links, screening and decisions. */
@ApplicationScoped
public class Volunteers {

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject VolunteerTokens tokens;
  @Inject PublicUrls urls;
  @Inject AuditTrail audit;
  @Inject Clock clock;
  @Inject org.pathlight.common.Organization org;

  /** An application as the public form sends it. */
  public record Application(
      String email,
      String firstName,
      String lastName,
      String phone,
      LocalDate birthDate,
      List<String> skills,
      String availability) {}

  /**
   * Records an application and emails a welcome with a sign-in link. For an email that has applied
   * already nothing changes and its owner is emailed a note instead (with a sign-in link unless the
   * application was turned down): the caller answers both alike, so the form never tells whether an
   * email has applied.
   */
  @Transactional
  public void apply(Application a) {
    Supporter person =
        supporters.findOrCreate(a.email(), a.firstName(), a.lastName(), a.phone()).supporter();
    Optional<Volunteer> earlier = bySupporter(person.id());
    if (earlier.isPresent()) {
      Volunteer v = earlier.get();
      boolean signsIn = v.status() != VolunteerStatus.REJECTED;
      outbox.enqueue(
          Outbox.Envelope.to(person.recipient(), "volunteer"),
          "volunteer-already-applied",
          Map.of(
              "firstName",
              String.valueOf(person.firstName()),
              "hasLink",
              signsIn,
              "link",
              signsIn ? urls.to("/volunteer/#token=" + tokens.issue(v)) : ""));
      return;
    }
    Volunteer v =
        new Volunteer(
            person.id(),
            a.birthDate(),
            String.join(", ", a.skills() == null ? List.of() : a.skills()),
            a.availability() == null ? "" : a.availability(),
            org.today(),
            clock.instant());
    em.persist(v);
    em.flush();
    sendLink(v, person, "volunteer-welcome");
  }

  /** Emails a sign-in link when the email belongs to a volunteer; silent otherwise. */
  @Transactional
  public void emailSignInLink(String email) {
    supporters
        .findByEmail(email)
        .flatMap(p -> bySupporter(p.id()).map(v -> Map.entry(v, p)))
        .ifPresent(e -> sendLink(e.getKey(), e.getValue(), "volunteer-signin"));
  }

  private void sendLink(Volunteer v, Supporter person, String template) {
    String link = urls.to("/volunteer/#token=" + tokens.issue(v));
    outbox.enqueue(
        Outbox.Envelope.to(person.recipient(), "volunteer"),
        template,
        Map.of("firstName", String.valueOf(person.firstName()), "link", link));
  }

  /** Ends every sign-in link of the volunteer, this one included ("sign out everywhere"). */
  @Transactional
  public void signOutEverywhere(long volunteerId) {
    require(volunteerId).signOutEverywhere();
  }

  /** Background check, trainings and agreement, as staff record them. */
  public record ScreeningUpdate(
      BackgroundCheck backgroundStatus,
      LocalDate backgroundCompletedOn,
      LocalDate backgroundExpiresOn,
      List<Volunteer.Training> trainings,
      LocalDate agreementSignedOn) {}

  @Transactional
  public Volunteer screen(long id, ScreeningUpdate u, String actor, String ip) {
    Volunteer v = require(id);
    VolunteerView before = VolunteerView.of(v, null);
    v.screen(
        u.backgroundStatus(),
        u.backgroundCompletedOn(),
        u.backgroundExpiresOn(),
        u.trainings(),
        u.agreementSignedOn());
    audit.record(
        actor, "volunteer.screened", "volunteer", id, before, VolunteerView.of(v, null), ip);
    return v;
  }

  @Transactional
  public Volunteer decide(long id, boolean approve, String reason, String actor, String ip) {
    Volunteer v = require(id);
    VolunteerView before = VolunteerView.of(v, null);
    v.decide(approve, reason, actor, clock.instant());
    audit.record(
        actor,
        approve ? "volunteer.approved" : "volunteer.rejected",
        "volunteer",
        id,
        before,
        VolunteerView.of(v, null),
        ip);
    Supporter person = supporters.find(v.supporterId()).orElseThrow();
    outbox.enqueue(
        Outbox.Envelope.to(person.recipient(), "volunteer")
            .dedupedBy("volunteer-decision:" + id + ":" + v.status().word()),
        approve ? "volunteer-approved" : "volunteer-rejected",
        decisionModel(person, reason, urls.to("/volunteer/")));
    return v;
  }

  /** What the decision email says: the staff member's reason only when there is one. */
  static Map<String, Object> decisionModel(Supporter person, String reason, String link) {
    Map<String, Object> model = new java.util.HashMap<>();
    model.put("firstName", String.valueOf(person.firstName()));
    model.put("link", link);
    if (reason != null && !reason.isBlank()) {
      model.put("reason", reason.strip());
    }
    return model;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Volunteer require(long id) {
    return Optional.ofNullable(em.find(Volunteer.class, id))
        .orElseThrow(() -> ProblemException.notFound("No volunteer with id " + id + "."));
  }

  /** Approved volunteers whose background check or a training expires within {@code days}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Volunteer> expiring(int days) {
    LocalDate today = org.today();
    LocalDate horizon = today.plusDays(days);
    return byStatus(VolunteerStatus.APPROVED).stream()
        .filter(
            v ->
                within(v.backgroundExpiresOn(), today, horizon)
                    || v.trainings().stream().anyMatch(t -> within(t.expiresOn(), today, horizon)))
        .toList();
  }

  /** Whether a date (may be null) falls in [from, to]. */
  public static boolean within(LocalDate date, LocalDate from, LocalDate to) {
    return date != null && !date.isBefore(from) && !date.isAfter(to);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Volunteer> byStatus(VolunteerStatus status) {
    return em.createNamedQuery("Volunteer.byStatus", Volunteer.class)
        .setParameter("status", status)
        .getResultList();
  }

  private Optional<Volunteer> bySupporter(long supporterId) {
    return em.createNamedQuery("Volunteer.bySupporter", Volunteer.class)
        .setParameter("supporterId", supporterId)
        .getResultStream()
        .findFirst();
  }
}
