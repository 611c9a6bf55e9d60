package org.pathlight.volunteers;

import java.time.LocalDate;
import java.util.List;

/** A volunteer and their screening, as they and staff see it. */
public record VolunteerView(
    long id,
    String status,
    String email,
    String firstName,
    String lastName,
    LocalDate birthDate,
    String skills,
    String availability,
    String decisionReason,
    Background backgroundCheck,
    List<TrainingView> trainings,
    LocalDate agreementSignedOn) {

  public record Background(String status, LocalDate completedOn, LocalDate expiresOn) {}

  public record TrainingView(String code, LocalDate completedOn, LocalDate expiresOn) {}

  public static VolunteerView of(Volunteer v, org.pathlight.supporters.Supporter person) {
    return new VolunteerView(
        v.id(),
        v.status().word(),
        person == null ? null : person.email(),
        person == null ? null : person.firstName(),
        person == null ? null : person.lastName(),
        v.birthDate(),
        v.skills(),
        v.availability(),
        v.decisionReason(),
        new Background(
            v.backgroundStatus().word(), v.backgroundCompletedOn(), v.backgroundExpiresOn()),
        v.trainings().stream()
            .map(t -> new TrainingView(t.code(), t.completedOn(), t.expiresOn()))
            .toList(),
        v.agreementSignedOn());
  }
}
