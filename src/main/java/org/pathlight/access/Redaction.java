package org.pathlight.access;

/** Takes an erased person's values out of an audit entry's JSON ({@link AuditTrail#redact}). */
final class Redaction {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  private Redaction() {}

  /** The JSON document with the person's values redacted (see {@link #redact}); null stays null. */
  static String redacted(String json, java.util.Set<String> lowerValues) {
    if (json == null) {
      return null;
    }
    try (jakarta.json.JsonReader reader = JSON.createReader(new java.io.StringReader(json))) {
      return redacted(reader.readValue(), lowerValues).toString();
    }
  }

  private static jakarta.json.JsonValue redacted(
      jakarta.json.JsonValue value, java.util.Set<String> lowerValues) {
    switch (value.getValueType()) {
      case STRING -> {
        String text = ((jakarta.json.JsonString) value).getString();
        String l = text.strip().toLowerCase(java.util.Locale.ROOT);
        boolean hit =
            lowerValues.contains(l)
                || lowerValues.stream().anyMatch(v -> v.contains("@") && l.contains(v));
        return hit ? JSON.createValue(AuditTrail.ERASED) : value;
      }
      case OBJECT -> {
        jakarta.json.JsonObjectBuilder out = JSON.createObjectBuilder();
        value.asJsonObject().forEach((k, v) -> out.add(k, redacted(v, lowerValues)));
        return out.build();
      }
      case ARRAY -> {
        jakarta.json.JsonArrayBuilder out = JSON.createArrayBuilder();
        value.asJsonArray().forEach(v -> out.add(redacted(v, lowerValues)));
        return out.build();
      }
      default -> {
        return value;
      }
    }
  }
}
