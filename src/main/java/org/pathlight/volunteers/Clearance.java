package org.pathlight.volunteers;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may serve in a role on a given day: the rules that keep survivor-facing work to screened,
 * trained volunteers. Checked when a shift is listed, when it is booked, and again for the day of
 * the shift (a check or training that lapses before then does not count).
 */
public final class Clearance {

  private Clearance() {}

  /** A volunteer's screening as of now. Trainings: code → expiry (null: never expires). */
  public record Screening(
      VolunteerStatus status,
      LocalDate birthDate,
      BackgroundCheck backgroundStatus,
      LocalDate backgroundExpiresOn,
      LocalDate agreementSignedOn,
      Map<String, LocalDate> trainings) {}

  /** What a role asks for. */
  public record Requirements(boolean backgroundCheck, Set<String> trainings, int minAge) {}

  /** The reasons the volunteer is not cleared for the role on {@code day}; empty when cleared. */
  public static List<String> gaps(Screening s, Requirements r, LocalDate day) {
    List<String> gaps = new ArrayList<>();
    if (s.status() != VolunteerStatus.APPROVED) {
      gaps.add("the application is not approved yet");
    }
    if (s.agreementSignedOn() == null) {
      gaps.add("the confidentiality agreement is not signed");
    }
    if (s.birthDate() == null) {
      gaps.add("no date of birth is on record");
    } else if (Period.between(s.birthDate(), day).getYears() < r.minAge()) {
      gaps.add("this role needs volunteers aged " + r.minAge() + " or over");
    }
    if (r.backgroundCheck()) {
      if (s.backgroundStatus() != BackgroundCheck.CLEAR) {
        gaps.add("a clear background check is needed");
      } else if (s.backgroundExpiresOn() != null && !s.backgroundExpiresOn().isAfter(day)) {
        gaps.add("the background check expires before " + day);
      }
    }
    for (String training : new TreeSet<>(r.trainings())) {
      if (!s.trainings().containsKey(training)) {
        gaps.add("training " + training + " is not completed");
      } else {
        LocalDate expires = s.trainings().get(training);
        if (expires != null && !expires.isAfter(day)) {
          gaps.add("training " + training + " expires before " + day);
        }
      }
    }
    return gaps;
  }

  public static boolean cleared(Screening s, Requirements r, LocalDate day) {
    return gaps(s, r, day).isEmpty();
  }
}
