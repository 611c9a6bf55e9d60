package org.pathlight.launcher;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The few settings the launcher reads before Payara Micro (and MicroProfile Config) exists: a
 * system property {@code pathlight.x.y} wins over the environment variable {@code PATHLIGHT_X_Y},
 * the same mapping MicroProfile Config applies inside the application.
 */
final class Settings {

  private final Map<String, String> env;

  Settings(Map<String, String> env) {
    this.env = env;
  }

  static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  Optional<String> get(String key) {
    String fromProperty = System.getProperty(key);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return Optional.of(fromProperty.trim());
    }
    String fromEnv = env.get(envName(key));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.trim());
    }
    return Optional.empty();
  }

  int port(String key, int fallback) {
    String raw = get(key).orElse(null);
    if (raw == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(raw);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          envName(key) + " must be a port number between 1 and 65535, not '" + raw + "'");
    }
  }

  static String envName(String key) {
    return key.replace('.', '_').toUpperCase(Locale.ROOT);
  }
}
