package org.pathlight.access;

import java.util.Optional;
import org.pathlight.common.Words;

/** What a staff member may do. An admin may do everything. */
public enum StaffRole {
  ADMIN,
  FUNDRAISING,
  VOLUNTEERS,
  ADVOCACY,
  IMPACT;

  public String code() {
    return Words.of(this);
  }

  public static Optional<StaffRole> fromCode(String code) {
    return Words.parse(StaffRole.class, StaffRole::code, code);
  }
}
