package org.pathlight.launcher;

import fish.payara.micro.boot.PayaraMicroLauncher;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Pathlight: an embedded PostgreSQL under the data directory when no database is configured,
 * then Payara Micro in this JVM with the Pathlight WAR at {@code /}. Every setting is an
 * environment variable ({@code PATHLIGHT_…}) or system property ({@code pathlight.…}); see
 * config/pathlight.env.example.
 */
public final class Launcher {

  private static final Logger LOG = Logger.getLogger(Launcher.class.getName());
  private static final Logger EMBEDDED_DB_LOG = Logger.getLogger("io.zonky");

  private Launcher() {}

  public static void main(String[] args) {
    try {
      run(Settings.fromEnvironment());
    } catch (Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      LOG.log(Level.SEVERE, "Pathlight could not start: " + cause, e);
      System.exit(1);
    }
  }

  static void run(Settings settings) throws Exception {
    long started = System.nanoTime();
    // the embedded server's own log lines are for debugging, not for the console
    EMBEDDED_DB_LOG.setLevel(Level.WARNING);
    int port = settings.port("pathlight.http.port", 8080);
    Path dataDir = Path.of(settings.get("pathlight.data.dir").orElse("data")).toAbsolutePath();
    Files.createDirectories(dataDir);
    System.setProperty("pathlight.data.dir", dataDir.toString());
    System.setProperty("pathlight.http.port", Integer.toString(port));

    if (settings.get("pathlight.db.url").isEmpty()) {
      EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"));
      System.setProperty("pathlight.db.url", db.jdbcUrl());
      System.setProperty("pathlight.db.user", db.user());
      System.setProperty("pathlight.db.password", db.password());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(db), "pathlight-db-stop"));
      LOG.info("Embedded PostgreSQL is serving " + dataDir.resolve("postgres"));
    } else {
      DatabaseWait.until(settings, Duration.ofSeconds(waitSeconds(settings)));
    }

    Path war = locateWar(settings);
    List<String> micro = new ArrayList<>();
    micro.addAll(List.of("--deploy", war.toString(), "--contextroot", "/"));
    // no data grid: instances coordinate through PostgreSQL (and it saves seconds of boot)
    micro.addAll(List.of("--port", Integer.toString(port), "--nohazelcast"));
    Path configDir = Path.of(settings.get("pathlight.config.dir").orElse("config"));
    Path preBoot = configDir.resolve("payara-pre-boot.asadmin");
    if (Files.isRegularFile(preBoot)) {
      micro.addAll(List.of("--prebootcommandfile", preBoot.toAbsolutePath().toString()));
    }
    Path logging = configDir.resolve("logging.properties");
    if (Files.isRegularFile(logging)) {
      micro.addAll(List.of("--logproperties", logging.toAbsolutePath().toString()));
    }
    PayaraMicroLauncher.main(micro.toArray(String[]::new));

    // Payara Micro returns from a boot whose deployment failed too: ready means ready
    ReadinessProbe.Outcome ready =
        ReadinessProbe.await(
            java.net.URI.create("http://localhost:" + port + "/health/ready"),
            Duration.ofSeconds(waitSeconds(settings)));
    if (!ready.ready()) {
      throw new IllegalStateException(
          "Pathlight did not become ready: " + ready.detail() + ". See the log above.");
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    String url = settings.get("pathlight.base.url").orElse("http://localhost:" + port);
    // the one line a person looks for: where the app is
    LOG.info(
        String.format(
            "%n%n  Pathlight is ready at %s/  (staff sign-in: %s/staff/)  — started in %.1f s%n",
            url, url, millis / 1000.0));
  }

  private static long waitSeconds(Settings settings) {
    String raw = settings.get("pathlight.db.wait.seconds").orElse("60");
    try {
      long seconds = Long.parseLong(raw);
      if (seconds < 0) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "PATHLIGHT_DB_WAIT_SECONDS must be a whole number of seconds, not '" + raw + "'");
    }
  }

  private static Path locateWar(Settings settings) throws URISyntaxException, IOException {
    var configured = settings.get("pathlight.war");
    if (configured.isPresent()) {
      return Path.of(configured.get()).toAbsolutePath();
    }
    Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path war = jar.resolveSibling("pathlight.war");
    if (!Files.isRegularFile(war)) {
      throw new IOException("pathlight.war is not beside " + jar + ": build with ./mvnw package");
    }
    return war;
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "while stopping the embedded database", e);
    }
  }
}
