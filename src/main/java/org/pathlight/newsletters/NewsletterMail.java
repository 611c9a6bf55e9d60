package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.pathlight.common.Organization;
import org.pathlight.donations.DonorFacts;
import org.pathlight.donations.ManageLinks;
import org.pathlight.impact.DonorImpactSentence;
import org.pathlight.mail.MailTemplates;
import org.pathlight.supporters.Consents;
import org.pathlight.supporters.Supporter;

/**
 * One newsletter made for one person: the merge fields worked out (only those the body uses), the
 * Markdown body merged into the HTML and text templates with the CAN-SPAM footer (the
 * organisation's postal address, why they get it, one-click unsubscribe, their preferences), and
 * for a supporter whose safe-contact flag asks for it, a neutral subject (the outbox gives the
 * neutral sender name).
 */
@ApplicationScoped
class NewsletterMail {

  /** {@code {{impact}}} for someone with no gifts. */
  static final String NO_GIFTS_YET =
      "Thank you for standing with survivors of trafficking: every voice and every hour helps.";

  /** {@code {{impact}}} for a donor whose gifts have nothing published yet. */
  static final String NOTHING_PUBLISHED =
      "Your gifts are at work: we report what they funded once each quarter's numbers are"
          + " published.";

  @Inject DonorFacts donorFacts;
  @Inject DonorImpactSentence impact;
  @Inject ManageLinks manageLinks;
  @Inject ConsentLinks links;
  @Inject MailTemplates templates;
  @Inject Consents consents;
  @Inject Organization org;

  /** What a batch of recipients needs, looked up at once. */
  record Batch(
      NewsletterTemplate template,
      String topicName,
      Map<Long, DonorFacts.Facts> facts,
      DonorImpactSentence.Year thisYear,
      DonorImpactSentence.Year lastYear) {}

  Batch batch(Newsletter n, NewsletterTemplate template, Collection<Long> supporterIds) {
    int year = org.today().getYear();
    Map<Long, DonorFacts.Facts> facts =
        template.used().contains("givingTotal") || template.used().contains("impact")
            ? donorFacts.of(supporterIds, year)
            : Map.of();
    // the year's published figures once for the batch, not once per donor
    boolean impacts = template.used().contains("impact");
    return new Batch(
        template,
        consents.requireTopic("topic", n.topic()).name(),
        facts,
        impacts ? impact.year(year) : null,
        impacts ? impact.year(year - 1) : null);
  }

  /** The message for {@code person}; {@code test} marks the subject. */
  MailTemplates.Rendered render(Newsletter n, Batch batch, Supporter person, boolean test) {
    Map<String, String> values = new HashMap<>();
    NewsletterTemplate t = batch.template();
    values.put(
        "firstName",
        person.firstName() == null || person.firstName().isBlank() ? "friend" : person.firstName());
    DonorFacts.Facts facts = batch.facts().get(person.id());
    if (t.used().contains("givingTotal")) {
      values.put("givingTotal", facts == null ? "$0.00" : facts.givingTotal());
    }
    if (t.used().contains("impact")) {
      values.put("impact", impactLine(batch, facts));
    }
    if (t.used().contains("manageLink")) {
      values.put("manageLink", manageLinks.url(person.id()));
    }
    values.put("preferencesLink", links.preferencesUrl(person.id()));
    return render(
        n,
        t,
        values,
        batch.topicName(),
        links.unsubscribePageUrl(person.id(), n.topic()),
        person.safeContact().discreetSender(),
        test);
  }

  /** As someone with no record would see it: no gifts, and links that ask for their email. */
  MailTemplates.Rendered renderForNewcomer(Newsletter n, NewsletterTemplate t, boolean test) {
    Map<String, String> values = new HashMap<>();
    values.put("firstName", "friend");
    values.put("givingTotal", "$0.00");
    values.put("impact", NO_GIFTS_YET);
    values.put("manageLink", links.page("/give/manage"));
    values.put("preferencesLink", links.page("/preferences"));
    return render(
        n,
        t,
        values,
        consents.requireTopic("topic", n.topic()).name(),
        links.page("/preferences"),
        false,
        test);
  }

  /** The body merged into the newsletter's templates with its footer's links. */
  private MailTemplates.Rendered render(
      Newsletter n,
      NewsletterTemplate t,
      Map<String, String> values,
      String topicName,
      String unsubscribePage,
      boolean discreet,
      boolean test) {
    Map<String, Object> model = new HashMap<>();
    model.put("subject", (test ? "[TEST] " : "") + n.subject());
    model.put("preheader", n.preheader() == null ? "" : n.preheader());
    model.put("bodyHtml", t.html(values));
    model.put("bodyText", t.text(values));
    model.put("topicName", topicName);
    model.put("unsubscribeLink", unsubscribePage);
    model.put("preferencesLink", values.get("preferencesLink"));
    model.put("discreet", discreet);
    return templates.render("newsletter", model);
  }

  private static String impactLine(Batch batch, DonorFacts.Facts facts) {
    if (facts == null || facts.giftIds().isEmpty()) {
      return NO_GIFTS_YET;
    }
    return batch
        .thisYear()
        .of(facts.giftIds())
        .or(() -> batch.lastYear().of(facts.giftIds()))
        .orElse(NOTHING_PUBLISHED);
  }
}
