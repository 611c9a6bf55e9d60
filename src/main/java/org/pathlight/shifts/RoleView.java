package org.pathlight.shifts;

import java.util.List;

/** A role and its requirements. */
public record RoleView(
    String code, String name, boolean survivorFacing, Requirements requirements) {

  public record Requirements(boolean backgroundCheck, List<String> trainings, int minAge) {}

  static RoleView of(Role r) {
    var req = r.requirements();
    return new RoleView(
        r.code(),
        r.name(),
        r.survivorFacing(),
        new Requirements(req.backgroundCheck(), List.copyOf(req.trainings()), req.minAge()));
  }
}
