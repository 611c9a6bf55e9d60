package org.pathlight.access;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Roles are stored by their lower-case code, as the table's check constraint expects. */
@Converter
public class StaffRoleConverter implements AttributeConverter<StaffRole, String> {
  @Override
  public String convertToDatabaseColumn(StaffRole role) {
    return role == null ? null : role.code();
  }

  @Override
  public StaffRole convertToEntityAttribute(String code) {
    return code == null
        ? null
        : StaffRole.fromCode(code)
            .orElseThrow(() -> new IllegalStateException("unknown role " + code));
  }
}
