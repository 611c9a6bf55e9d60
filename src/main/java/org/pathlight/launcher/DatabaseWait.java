package org.pathlight.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Before Payara Micro boots against a configured PostgreSQL: wait for it (a database container that
 * starts after the app, a failover) with one clear line every few seconds, and give up with a
 * non-zero exit after {@code PATHLIGHT_DB_WAIT_SECONDS}. Wrong credentials or an unknown database
 * fail at once: waiting cannot mend them.
 */
final class DatabaseWait {

  private static final Logger LOG = Logger.getLogger(DatabaseWait.class.getName());

  /** invalid authorization, invalid password, unknown database: final answers. */
  private static final Set<String> FINAL = Set.of("28000", "28P01", "3D000");

  private DatabaseWait() {}

  static void until(Settings settings, Duration patience) throws InterruptedException {
    String url = settings.get("pathlight.db.url").orElseThrow();
    Properties login = new Properties();
    login.setProperty("user", settings.get("pathlight.db.user").orElse("pathlight"));
    login.setProperty("password", settings.get("pathlight.db.password").orElse("pathlight"));
    login.setProperty("connectTimeout", "5");
    login.setProperty("loginTimeout", "10");
    Instant deadline = Instant.now().plus(patience);
    Instant nextReport = Instant.EPOCH;
    while (true) {
      try (Connection c = DriverManager.getConnection(url, login)) {
        return;
      } catch (SQLException e) {
        String reason = reason(e);
        if (FINAL.contains(e.getSQLState())) {
          throw new IllegalStateException(
              "PostgreSQL at "
                  + withoutSecrets(url)
                  + " refused Pathlight: "
                  + reason
                  + ". Check PATHLIGHT_DB_URL, PATHLIGHT_DB_USER and PATHLIGHT_DB_PASSWORD.");
        }
        if (!Instant.now().isBefore(deadline)) {
          throw new IllegalStateException(
              "PostgreSQL at "
                  + withoutSecrets(url)
                  + " is not reachable after "
                  + patience.toSeconds()
                  + " s ("
                  + reason
                  + "). Start it, or check PATHLIGHT_DB_URL; PATHLIGHT_DB_WAIT_SECONDS sets the wait.");
        }
        if (!Instant.now().isBefore(nextReport)) {
          LOG.warning(
              "Waiting for PostgreSQL at "
                  + withoutSecrets(url)
                  + ": "
                  + reason
                  + " (trying again until "
                  + deadline
                  + ")");
          nextReport = Instant.now().plusSeconds(10);
        }
        Thread.sleep(1000);
      }
    }
  }

  private static String reason(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** The URL as shown in the log: no password parameter. */
  static String withoutSecrets(String url) {
    return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }
}
