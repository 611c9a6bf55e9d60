package org.pathlight.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClearanceTest {

  private static final LocalDate SHIFT = LocalDate.of(2026, 12, 10);
  private static final Clearance.Requirements SAFE_HOUSE =
      new Clearance.Requirements(true, Set.of("trauma-informed-care", "mandatory-reporting"), 21);

  private static Clearance.Screening screened(
      String status,
      LocalDate birth,
      String background,
      LocalDate bgExpires,
      LocalDate agreement,
      Map<String, LocalDate> trainings) {
    return new Clearance.Screening(
        VolunteerStatus.of(status),
        birth,
        BackgroundCheck.of(background),
        bgExpires,
        agreement,
        trainings);
  }

  private static Clearance.Screening cleared() {
    return screened(
        "approved",
        LocalDate.of(1990, 1, 1),
        "clear",
        LocalDate.of(2027, 6, 1),
        LocalDate.of(2026, 1, 1),
        Map.of(
            "trauma-informed-care",
            LocalDate.of(2027, 1, 1),
            "mandatory-reporting",
            LocalDate.of(2027, 1, 1)));
  }

  @Test
  void aFullyScreenedVolunteerIsCleared() {
    assertThat(Clearance.gaps(cleared(), SAFE_HOUSE, SHIFT)).isEmpty();
  }

  @Test
  void everyMissingRequirementIsNamed() {
    var s = screened("applied", LocalDate.of(2010, 1, 1), "pending", null, null, Map.of());
    assertThat(Clearance.gaps(s, SAFE_HOUSE, SHIFT))
        .containsExactly(
            "the application is not approved yet",
            "the confidentiality agreement is not signed",
            "this role needs volunteers aged 21 or over",
            "a clear background check is needed",
            "training mandatory-reporting is not completed",
            "training trauma-informed-care is not completed");
  }

  @Test
  void aCheckOrTrainingThatLapsesBeforeTheShiftDoesNotCount() {
    var lapsing =
        screened(
            "approved",
            LocalDate.of(1990, 1, 1),
            "clear",
            SHIFT,
            LocalDate.of(2026, 1, 1),
            Map.of(
                "trauma-informed-care",
                SHIFT.minusDays(1),
                "mandatory-reporting",
                LocalDate.of(2027, 1, 1)));
    assertThat(Clearance.gaps(lapsing, SAFE_HOUSE, SHIFT))
        .containsExactly(
            "the background check expires before 2026-12-10",
            "training trauma-informed-care expires before 2026-12-10");
    assertThat(Clearance.cleared(lapsing, SAFE_HOUSE, SHIFT.minusDays(2))).isTrue();
  }

  @Test
  void ageCountsOnTheDayOfTheShift() {
    var neverExpire = new java.util.HashMap<String, LocalDate>();
    neverExpire.put("trauma-informed-care", null);
    neverExpire.put("mandatory-reporting", null);
    var turning21 =
        screened(
            "approved", SHIFT.minusYears(21), "clear", null, LocalDate.of(2026, 1, 1), neverExpire);
    assertThat(Clearance.cleared(turning21, SAFE_HOUSE, SHIFT)).isTrue();
    assertThat(Clearance.cleared(turning21, SAFE_HOUSE, SHIFT.minusDays(1))).isFalse();
  }
}
