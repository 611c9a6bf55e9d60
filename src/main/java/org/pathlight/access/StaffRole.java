package org.pathlight.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a staff member may do. An admin may do everything. */
public enum StaffRole {
  ADMIN,
  FUNDRAISING,
  VOLUNTEERS,
  ADVOCACY,
  IMPACT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StaffRole> fromCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
  }
}
