package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;
import org.pathlight.mail.Outbox;

/**
 * One person's timeline: what every component holds on them that the caller's roles may read, and
 * the emails sent to them (fundraising staff: subjects name gifts). A component that fails is named
 * as unavailable and logged; the others still show.
 */
@ApplicationScoped
class Profiles {

  private static final Logger LOG = Logger.getLogger(Profiles.class.getName());

  @Inject Instance<PersonRecords> sources;
  @Inject Outbox outbox;
  @Inject Supporters supporters;

  SupportersResource.Timeline timeline(Supporter s, StaffPrincipal who, int limit) {
    PersonRecords.Person person = new PersonRecords.Person(s.id(), supporters.emailsOf(s));
    List<PersonRecords.Entry> entries = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (PersonRecords source : sources) {
      if (source.readers().stream().noneMatch(who::has)) {
        hidden.add(source.name());
        continue;
      }
      try {
        entries.addAll(source.timeline(person, limit));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Profile: " + source.name() + " failed for supporter " + s.id(), e);
        unavailable.add(source.name());
      }
    }
    if (who.has(StaffRole.FUNDRAISING)) {
      for (Outbox.Sent m : outbox.toAddresses(person.emails(), limit)) {
        entries.add(
            new PersonRecords.Entry(
                m.queuedAt(),
                "email",
                "Email: " + m.subject(),
                switch (m.status()) {
                  case "sent" -> "Delivered to " + m.to();
                  case "failed" -> "Failed" + (m.lastError() == null ? "" : ": " + m.lastError());
                  default -> "Waiting to send to " + m.to();
                },
                null));
      }
    } else {
      hidden.add("emails");
    }
    entries.sort(Comparator.comparing(PersonRecords.Entry::at).reversed());
    return new SupportersResource.Timeline(
        entries.size() > limit ? entries.subList(0, limit) : entries,
        hidden.stream().sorted().toList(),
        unavailable.stream().sorted().toList());
  }
}
