package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.mail.Outbox;
import org.pathlight.payments.PlanFact;
import org.pathlight.payments.Subscriptions;
import org.pathlight.supporters.Supporters;

/**
 * The donor's side of recurring gifts, from the manage link (no login): their plans and gifts, a
 * pause, resume, new amount or cancellation, a new card, and the link itself by email.
 */
@ApplicationScoped
public class DonorPlans {

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Funds funds;
  @Inject Subscriptions subscriptions;
  @Inject Plans plans;
  @Inject ManageLinks manageLinks;
  @Inject Outbox outbox;
  @Inject GivingSettings settings;
  @Inject Organization org;

  /** What the manage page shows: the donor's plans and gifts, newest first. */
  public record DonorView(
      String firstName,
      String email,
      List<PlanView> plans,
      List<GiftLine> gifts,
      List<Integer> statementYears) {}

  public record PlanView(
      UUID id,
      String status,
      long amount,
      String currency,
      String frequency,
      String fund,
      boolean test,
      LocalDate pausedUntil,
      java.time.Instant startedAt,
      java.time.Instant canceledAt,
      boolean canUpdateCard) {}

  public record GiftLine(
      UUID id,
      java.time.Instant paidAt,
      long amount,
      long refunded,
      String currency,
      String status,
      String fund,
      String receipt,
      String source,
      boolean recurring) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public DonorView donor(long supporterId) {
    var person = supporters.find(supporterId).orElseThrow(() -> ProblemException.notFound("."));
    Map<String, String> fundNames = funds.names();
    List<PlanView> plans =
        em.createNamedQuery("Plan.bySupporter", Plan.class)
            .setParameter("id", supporterId)
            .getResultStream()
            .filter(p -> p.status() != PlanStatus.PENDING)
            .map(p -> view(p, fundNames))
            .toList();
    @SuppressWarnings("unchecked")
    List<Gift> gifts =
        em.createQuery(
                "select g from Gift g where g.supporterId = :id and g.paidAt is not null"
                    + " order by g.paidAt desc")
            .setParameter("id", supporterId)
            .setMaxResults(200)
            .getResultList();
    return new DonorView(
        person.firstName(),
        person.email(),
        plans,
        gifts.stream()
            .map(
                g ->
                    new GiftLine(
                        g.publicId(),
                        g.paidAt(),
                        g.amountCharged(),
                        g.refundedAmount(),
                        g.currency(),
                        g.status().word(),
                        fundNames.getOrDefault(g.fundCode(), g.fundCode()),
                        g.receiptLabel(),
                        g.source().word(),
                        g.planId() != null))
            .toList(),
        em.createQuery(
                "select distinct g.receiptYear from Gift g where g.supporterId = :id"
                    + " and g.paidAt is not null and g.receiptYear is not null"
                    + " order by g.receiptYear desc",
                Integer.class)
            .setParameter("id", supporterId)
            .getResultList());
  }

  PlanView view(Plan p, Map<String, String> fundNames) {
    return new PlanView(
        p.publicId(),
        p.status().word(),
        p.amount(),
        p.currency(),
        p.frequency().word(),
        fundNames.getOrDefault(p.fundCode(), p.fundCode()),
        p.test(),
        p.pausedUntil(),
        p.startedAt(),
        p.canceledAt(),
        "stripe".equals(p.processor()) && !p.ended());
  }

  /** A donor's change to one of their plans (from the manage link). */
  public PlanView change(
      long supporterId, String planId, String action, LocalDate until, Long amount, String reason) {
    Plan plan = owned(supporterId, planId);
    if (plan.status() == PlanStatus.CANCELED) {
      throw ProblemException.conflict("plan-canceled", "This recurring gift has been canceled.");
    }
    if (plan.ended()) {
      throw ProblemException.conflict(
          "plan-ended", "This recurring gift has ended: nothing more will be charged.");
    }
    var handle = plan.handle();
    PlanFact.State answer =
        switch (action) {
          case "pause" -> {
            if (until == null) {
              throw ProblemException.invalid("until", "give the date to resume on");
            }
            LocalDate today = org.today();
            if (!until.isAfter(today) || until.isAfter(today.plusYears(1))) {
              throw ProblemException.invalid(
                  "until", "choose a date after today and within a year");
            }
            yield subscriptions.pause(
                handle, until.atStartOfDay(org.zone()).toInstant().getEpochSecond());
          }
          case "resume" -> subscriptions.resume(handle);
          case "change_amount" -> {
            if (amount == null) {
              throw ProblemException.invalid("amount", "give the new amount in cents");
            }
            if (amount < settings.minAmount() || amount > settings.maxAmount()) {
              throw ProblemException.invalid(
                  "amount",
                  "choose between "
                      + Money.format(settings.minAmount(), plan.currency())
                      + " and "
                      + Money.format(settings.maxAmount(), plan.currency()));
            }
            yield subscriptions.changeAmount(handle, amount);
          }
          case "cancel" -> subscriptions.cancel(handle, reason);
          default ->
              throw ProblemException.invalid(
                  "action", "choose pause, resume, change_amount or cancel");
        };
    Plan after =
        plans.applyAnswer(plan.id(), answer, "cancel".equals(action) ? reason : null, "donor");
    return view(after, Map.of(after.fundCode(), funds.name(after.fundCode())));
  }

  /** The Stripe-hosted page for a new card; the test processor has none. */
  public String cardUpdateUrl(long supporterId, String planId, String returnUrl) {
    Plan plan = owned(supporterId, planId);
    if (plan.ended()) {
      throw ProblemException.conflict(
          "plan-ended",
          "This recurring gift has ended: there is no card to update. Start a new gift instead.");
    }
    if (!"stripe".equals(plan.processor()) || plan.subscriptionId() == null) {
      throw ProblemException.conflict(
          "no-card", "This gift went through the test processor: there is no card to update.");
    }
    return subscriptions.cardUpdateUrl(plan.handle(), returnUrl);
  }

  private Plan owned(long supporterId, String planId) {
    Plan plan = plans.byPublicId(planId);
    if (plan.supporterId() != supporterId) {
      throw ProblemException.notFound("No recurring gift " + planId + ".");
    }
    return plan;
  }

  /**
   * Emails a manage link when the email belongs to a donor (a paid gift or a plan); silent
   * otherwise, so the answer never tells whether an email is known.
   */
  @Transactional
  public void emailManageLink(String email) {
    supporters
        .findByEmail(email.trim())
        .filter(
            s ->
                ((Number)
                            em.createNativeQuery(
                                    "select (select count(*) from gift where supporter_id = ?1"
                                        + " and paid_at is not null)"
                                        + " + (select count(*) from recurring_plan"
                                        + " where supporter_id = ?1 and status <> 'pending')")
                                .setParameter(1, s.id())
                                .getSingleResult())
                        .longValue()
                    > 0)
        .ifPresent(
            s ->
                outbox.enqueue(
                    Outbox.Envelope.to(s.recipient(), "receipt"),
                    "manage-link",
                    Map.of(
                        "discreet",
                        s.safeContact().discreetSender(),
                        "firstName",
                        s.firstName() == null ? "friend" : s.firstName(),
                        "manageLink",
                        manageLinks.url(s.id()))));
  }
}
