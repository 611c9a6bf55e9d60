package org.pathlight.impact;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Optional;
import org.pathlight.common.Words;

/** The three programs every service type belongs to. */
enum Program {
  PREVENTION,
  RESCUE,
  RECOVERY;

  public String code() {
    return Words.of(this);
  }

  static Optional<Program> fromCode(String code) {
    return Words.parse(Program.class, Program::code, code);
  }

  /** Stored as its word ({@code prevention}, {@code rescue}, {@code recovery}). */
  @Converter
  public static class Column extends Words.Column<Program>
      implements AttributeConverter<Program, String> {
    public Column() {
      super(Program.class);
    }
  }
}
