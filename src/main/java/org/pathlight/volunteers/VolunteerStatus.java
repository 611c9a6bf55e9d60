package org.pathlight.volunteers;

import java.util.Set;
import org.pathlight.common.Words;

/** Where an application stands; the database and the API use the lower-case words. */
public enum VolunteerStatus {
  APPLIED,
  APPROVED,
  REJECTED;

  public String word() {
    return Words.of(this);
  }

  static Set<String> words() {
    return Words.all(VolunteerStatus.class, VolunteerStatus::word);
  }

  static VolunteerStatus of(String word) {
    return Words.parse(VolunteerStatus.class, VolunteerStatus::word, word).orElseThrow();
  }

  /** The {@code volunteer.status} column's values. */
  @jakarta.persistence.Converter
  public static class Column extends Words.Column<VolunteerStatus>
      implements jakarta.persistence.AttributeConverter<VolunteerStatus, String> {
    public Column() {
      super(VolunteerStatus.class);
    }
  }
}
