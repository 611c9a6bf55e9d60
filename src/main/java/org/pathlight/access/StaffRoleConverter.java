package org.pathlight.access;

import jakarta.persistence.Converter;
import org.pathlight.common.Words;

/** Roles are stored by their lower-case code, as the table's check constraint expects. */
@Converter
public class StaffRoleConverter extends Words.Column<StaffRole>
    implements jakarta.persistence.AttributeConverter<StaffRole, String> {
  public StaffRoleConverter() {
    super(StaffRole.class, StaffRole::code);
  }
}
