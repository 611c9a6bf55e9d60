package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.pathlight.common.ProblemException;
import org.pathlight.common.Recipient;
import org.pathlight.mail.MailTemplates;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * A newsletter as one person will get it, for staff: rendered for a supporter chosen by email (the
 * merge fields, the impact block, the safe-contact subject as theirs), and a test sent to the staff
 * member's own address, its subject marked [TEST], with no one-click unsubscribe.
 */
@ApplicationScoped
class NewsletterPreviews {

  @Inject Newsletters newsletters;
  @Inject NewsletterMail mail;
  @Inject Supporters supporters;
  @Inject Outbox outbox;

  @Transactional(Transactional.TxType.SUPPORTS)
  MailTemplates.Rendered preview(long id, String email) {
    Newsletter n = newsletters.find(id);
    Supporter person = person(email);
    return render(n, person, false);
  }

  @Transactional
  void test(long id, String staffEmail, String staffName) {
    Newsletter n = newsletters.find(id);
    Supporter person = supporters.findByEmail(staffEmail).orElse(null);
    MailTemplates.Rendered rendered = render(n, person, true);
    outbox.enqueue(
        Outbox.Envelope.to(new Recipient(staffEmail, staffName, false), "newsletter-test"),
        rendered);
  }

  private Supporter person(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    if (email.length() > 254) {
      throw ProblemException.invalid("email", "is too long");
    }
    return supporters
        .findByEmail(email.strip())
        .orElseThrow(() -> ProblemException.invalid("email", "nobody on record has this email"));
  }

  private MailTemplates.Rendered render(Newsletter n, Supporter person, boolean test) {
    NewsletterTemplate template = NewsletterTemplate.parse(n.body(), "body");
    if (person == null) {
      return mail.renderForNewcomer(n, template, test);
    }
    return mail.render(n, mail.batch(n, template, List.of(person.id())), person, test);
  }
}
