package org.pathlight.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Organization;
import org.pathlight.mail.MailSettings;

/**
 * Advocacy's test mode, as payments have their TEST processor: while it is on, every emailed letter
 * goes to the test inbox instead of the official (subject "[TEST]", the real recipient named in the
 * first line), printed letters say "do not mail", letters are marked test, and the action page says
 * so. On by default while the organisation settings are the demo values, so a staging server with
 * real SMTP never writes to a legislator while staff try the tool.
 */
@ApplicationScoped
class LetterTestMode {

  @Inject Organization org;

  @Inject
  @ConfigProperty(name = "pathlight.advocacy.test.mode")
  Optional<Boolean> configured;

  @Inject
  @ConfigProperty(name = "pathlight.advocacy.test.inbox")
  Optional<String> inbox;

  @Inject MailSettings mail;

  boolean on() {
    return configured.orElse(org.isDemo());
  }

  /** Where test letters go: the configured inbox, else the organisation's own sending address. */
  String inbox() {
    return inbox.filter(s -> !s.isBlank()).orElseGet(mail::fromAddress).strip();
  }

  /** The first lines of a test letter: that it is one, and whom it would have gone to. */
  static String preface(String title, String name, String address) {
    return "TEST LETTER (advocacy test mode): in real use this letter goes to "
        + (title == null || title.isBlank() ? "" : title + " ")
        + name
        + " <"
        + address
        + ">.\n\n";
  }
}
