package org.pathlight.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The strict check of a JSON request body (parsed by {@link StrictJsonReader}), before JSON-B binds
 * it: every value of the JSON type its field declares (a number is not a string, {@code "12"} is
 * not a number, {@code 4294967298} is not an {@code int}, {@code 2.5} is not a whole number), no
 * {@code null} inside a list, no control character in any text. Each finding names its field, so
 * the answer says what to fix.
 */
final class JsonShape {

  /** What kind of mistake a finding is; the worst kind decides the problem type. */
  enum Kind {
    UNKNOWN_FIELD,
    WRONG_TYPE,
    INVALID
  }

  record Finding(Kind kind, String field, String message) {}

  private final List<Finding> findings = new ArrayList<>();

  private JsonShape() {}

  /** The findings for {@code value} read as {@code target}; empty when it fits. */
  static List<Finding> check(JsonValue value, Type target) {
    JsonShape shape = new JsonShape();
    shape.controlCharacters(value, "");
    if (shape.findings.isEmpty()) {
      shape.fits(value, target, "");
    }
    return List.copyOf(shape.findings);
  }

  /** The problem for a list of findings: the worst kind names the type, every finding is listed. */
  static ProblemException problem(List<Finding> findings) {
    List<Problem.FieldError> errors =
        findings.stream()
            .map(f -> new Problem.FieldError(f.field().isEmpty() ? "body" : f.field(), f.message()))
            .distinct()
            .toList();
    Kind worst = findings.stream().map(Finding::kind).min(Enum::compareTo).orElseThrow();
    return switch (worst) {
      case UNKNOWN_FIELD ->
          new ProblemException(
              Problem.of(
                      400,
                      "unknown-field",
                      "Unknown field",
                      "The request has a field this call does not take; check its spelling.")
                  .withErrors(errors));
      case WRONG_TYPE ->
          malformed(
              "The request body is not valid JSON of the expected shape: a value has the wrong"
                  + " type; correct the fields listed in errors.",
              errors);
      case INVALID ->
          new ProblemException(
              Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
                  .withErrors(errors));
    };
  }

  static ProblemException malformed(String detail, List<Problem.FieldError> errors) {
    return new ProblemException(
        Problem.of(400, "malformed-json", "Malformed request body", detail).withErrors(errors));
  }

  // --- control characters -----------------------------------------------------------------

  /** True when {@code text} holds a C0 control character other than tab, line feed, return. */
  static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return true;
      }
    }
    return false;
  }

  private void controlCharacters(JsonValue value, String path) {
    switch (value.getValueType()) {
      case STRING -> {
        if (hasControlCharacter(((JsonString) value).getString())) {
          add(Kind.INVALID, path, "must not contain control characters such as U+0000");
        }
      }
      case OBJECT ->
          value
              .asJsonObject()
              .forEach(
                  (name, member) -> {
                    if (hasControlCharacter(name)) {
                      add(Kind.INVALID, path, "has a field name with control characters");
                    } else {
                      controlCharacters(member, join(path, name));
                    }
                  });
      case ARRAY -> {
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
          controlCharacters(array.get(i), path + "[" + i + "]");
        }
      }
      default -> {}
    }
  }

  // --- types ------------------------------------------------------------------------------

  private static final Map<Class<?>, long[]> WHOLE =
      Map.of(
          byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
          Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
          short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
          Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
          int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
          Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});

  private void fits(JsonValue value, Type target, String path) {
    Class<?> type = raw(target);
    if (JsonValue.class.isAssignableFrom(type) || type == Object.class) {
      return;
    }
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      if (type.isPrimitive()) {
        add(Kind.WRONG_TYPE, path, "must not be null");
      }
      return;
    }
    if (type == String.class || type == CharSequence.class) {
      expect(value, JsonValue.ValueType.STRING, path, "must be a string (in double quotes)");
    } else if (type == char.class || type == Character.class) {
      if (expect(value, JsonValue.ValueType.STRING, path, "must be a one-character string")
          && ((JsonString) value).getString().length() != 1) {
        add(Kind.WRONG_TYPE, path, "must be a one-character string");
      }
    } else if (type == boolean.class || type == Boolean.class) {
      if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
        add(Kind.WRONG_TYPE, path, "must be true or false");
      }
    } else if (WHOLE.containsKey(type)) {
      whole(value, WHOLE.get(type), path);
    } else if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      expect(value, JsonValue.ValueType.NUMBER, path, "must be a number");
    } else if (type.isEnum()) {
      enumeration(value, type, path);
    } else if (type.isRecord()) {
      record(value, type, path);
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      list(value, target, type, path);
    } else if (Map.class.isAssignableFrom(type)) {
      if (expect(value, JsonValue.ValueType.OBJECT, path, "must be an object")) {
        Type values = argument(target, 1);
        value.asJsonObject().forEach((k, v) -> fits(v, values, join(path, k)));
      }
    } else if (type.getName().startsWith("java.time.")
        || type == java.util.UUID.class
        || type == java.net.URI.class) {
      expect(value, JsonValue.ValueType.STRING, path, "must be a string (in double quotes)");
    }
  }

  private boolean expect(JsonValue value, JsonValue.ValueType wanted, String path, String message) {
    if (value.getValueType() != wanted) {
      add(Kind.WRONG_TYPE, path, message);
      return false;
    }
    return true;
  }

  /** A whole number, said in plain words: no quotes, no fraction, and within the type's range. */
  private void whole(JsonValue value, long[] range, String path) {
    String message = "must be a whole number such as 25, without quotes";
    if (!expect(value, JsonValue.ValueType.NUMBER, path, message)) {
      return;
    }
    BigDecimal number = ((JsonNumber) value).bigDecimalValue();
    if (number.scale() != 0) {
      add(Kind.WRONG_TYPE, path, message);
    } else if (number.compareTo(BigDecimal.valueOf(range[0])) < 0) {
      add(Kind.WRONG_TYPE, path, "is too small");
    } else if (number.compareTo(BigDecimal.valueOf(range[1])) > 0) {
      add(Kind.WRONG_TYPE, path, "is too large");
    }
  }

  private void enumeration(JsonValue value, Class<?> type, String path) {
    List<String> names =
        Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).sorted().toList();
    String message = "use one of " + names;
    if (expect(value, JsonValue.ValueType.STRING, path, message)
        && !names.contains(((JsonString) value).getString())) {
      add(Kind.WRONG_TYPE, path, message);
    }
  }

  private void record(JsonValue value, Class<?> type, String path) {
    if (!expect(value, JsonValue.ValueType.OBJECT, path, "must be a JSON object {…}")) {
      return;
    }
    JsonObject object = value.asJsonObject();
    Map<String, RecordComponent> components = new java.util.LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      components.put(jsonName(c), c);
    }
    object.forEach(
        (name, member) -> {
          RecordComponent component = components.get(name);
          if (component == null) {
            add(Kind.UNKNOWN_FIELD, join(path, name), "is not a known field");
          } else {
            fits(member, component.getGenericType(), join(path, name));
          }
        });
  }

  private void list(JsonValue value, Type target, Class<?> type, String path) {
    if (!expect(value, JsonValue.ValueType.ARRAY, path, "must be a list [...]")) {
      return;
    }
    Type element =
        type.isArray()
            ? (target instanceof GenericArrayType g
                ? g.getGenericComponentType()
                : type.getComponentType())
            : argument(target, 0);
    JsonArray array = value.asJsonArray();
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      if (array.get(i).getValueType() == JsonValue.ValueType.NULL) {
        add(Kind.INVALID, at, "must not be null");
      } else {
        fits(array.get(i), element, at);
      }
    }
  }

  private static String jsonName(RecordComponent c) {
    JsonbProperty property = c.getAccessor().getAnnotation(JsonbProperty.class);
    if (property == null) {
      property = c.getAnnotation(JsonbProperty.class);
    }
    return property == null || property.value().isEmpty() ? c.getName() : property.value();
  }

  private static Type argument(Type target, int index) {
    if (target instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      Type argument = p.getActualTypeArguments()[index];
      if (argument instanceof WildcardType w) {
        return w.getUpperBounds()[0];
      }
      return argument;
    }
    return Object.class;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
    }
    if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    return Object.class;
  }

  private void add(Kind kind, String path, String message) {
    findings.add(new Finding(kind, printable(path), message));
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A field name fit to echo: control characters shown as U+FFFD. */
  static String printable(String field) {
    StringBuilder out = new StringBuilder(field.length());
    field.codePoints().forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? 0xFFFD : c));
    return out.toString();
  }
}
