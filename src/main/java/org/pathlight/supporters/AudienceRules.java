package org.pathlight.supporters;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.pathlight.common.ProblemException;

/**
 * The rules a component answers for saved audiences ("gave", "acted"), each as a SQL condition on
 * the person {@code s.id}, so segments compose them without reading any component's tables
 * themselves. Each component implements it beside its own tables, as it does {@link PersonRecords}.
 */
public interface AudienceRules {

  /** A condition on {@code s.id}: SQL with a {@code ?} for each parameter, in order. */
  record Condition(String sql, List<Object> params) {}

  /** The rule keys this component answers. */
  Set<String> keys();

  /**
   * The condition for {@code key} with {@code argument}; a bad argument is a 400 problem naming
   * {@code field} (such as {@code rules.all[1].gave.minTotal}).
   */
  Condition condition(String key, JsonValue argument, String field);

  /** The argument as an object of only these members, or a 400 naming the field. */
  static JsonObject object(JsonValue argument, String field, Set<String> members) {
    if (!(argument instanceof JsonObject o)) {
      throw ProblemException.invalid(field, "must be an object with " + String.join(", ", members));
    }
    for (String name : o.keySet()) {
      if (!members.contains(name)) {
        throw ProblemException.invalid(
            field + "." + name, "is not part of this rule; it takes " + String.join(", ", members));
      }
    }
    return o;
  }

  /** A string member, or null when absent; a 400 for another type or more than 200 characters. */
  static String text(JsonObject o, String name, String field) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 200) {
      throw ProblemException.invalid(field + "." + name, "must be text");
    }
    return s.getString();
  }

  /** The argument itself as a non-blank string of at most 200 characters, or a 400. */
  static String text(JsonValue argument, String field) {
    if (!(argument instanceof JsonString s)
        || s.getString().isBlank()
        || s.getString().length() > 200) {
      throw ProblemException.invalid(field, "must be text");
    }
    return s.getString();
  }

  /** A date member (YYYY-MM-DD), or null when absent. */
  static LocalDate date(JsonObject o, String name, String field) {
    String s = text(o, name, field);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field + "." + name, "must be a date such as 2026-01-31");
    }
  }

  /** A whole number member at least {@code min}, or null when absent. */
  static Long number(JsonObject o, String name, String field, long min) {
    JsonValue v = o.get(name);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(v instanceof JsonNumber n)
        || !n.isIntegral()
        || n.longValue() < min
        || n.longValue() > 1_000_000_000_000L) {
      throw ProblemException.invalid(
          field + "." + name, "must be a whole number of at least " + min);
    }
    return n.longValue();
  }
}
