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

  /** A person as the components find them: their id, and every email they have been known by. */
  record Person(long id, List<String> emails) {}
}
