package org.pathlight.newsletters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import org.pathlight.mail.Outbox;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/** The email with a link to the preferences page, for a person who asks for it. */
@ApplicationScoped
class ConsentMail {

  @Inject Supporters supporters;
  @Inject ConsentLinks links;
  @Inject Outbox outbox;

  /** Emails the person with this address their preferences link; nothing for an unknown one. */
  @Transactional
  void preferencesLink(String email) {
    Supporter s = supporters.findByEmail(email).orElse(null);
    if (s == null || s.erasedAt() != null) {
      return;
    }
    Map<String, Object> model = new HashMap<>();
    model.put("firstName", s.firstName() == null ? "friend" : s.firstName());
    model.put("preferencesLink", links.preferencesUrl(s.id()));
    model.put("discreet", s.safeContact().discreetSender());
    outbox.enqueue(Outbox.Envelope.to(s.recipient(), "consent"), "preferences-link", model);
  }
}
