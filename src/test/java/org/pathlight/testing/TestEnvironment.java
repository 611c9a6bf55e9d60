package org.pathlight.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every integration test runs against, started once per test JVM: a real PostgreSQL (embedded,
 * or {@code PATHLIGHT_TEST_DB_URL}) holding a fresh database, a real SMTP server (GreenMail), and
 * the settings handed to each Payara Micro that Arquillian starts ({@code --systemproperties}).
 * Registered before Arquillian's extension by {@link PathlightIT}.
 */
public final class TestEnvironment {

  /** The JUnit extension that makes sure the environment is up before Arquillian starts. */
  public static final class Starter implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      get();
    }
  }

  public static final String ADMIN_EMAIL = "admin@it.test";
  public static final String ADMIN_PASSWORD = "it-admin-password-1";

  private static TestEnvironment instance;
  private static IllegalStateException failure;

  private final Path work;
  private final String jdbcUrl;
  private final String dbUser;
  private final String dbPassword;
  private final int smtpPort;
  private final int imapPort;

  /** The mailbox bounces and complaints come back to, read over IMAP by the bounce-mailbox job. */
  public static final String BOUNCE_MAILBOX = "bounces@pathlight.test";

  public static final String BOUNCE_PASSWORD = "bounce-mailbox-password";

  /** Postmark's webhook password in the run's settings. */
  public static final String BOUNCE_WEBHOOK_SECRET = "postmark-webhook-test-secret";

  private final int httpPort;
  private GreenMail smtp;
  private final StripeStub stripe;
  private final CensusStub census;
  private final Map<String, String> appSettings = new LinkedHashMap<>();

  private TestEnvironment() throws Exception {
    work = Path.of(System.getProperty("pathlight.it.work", "target/it")).toAbsolutePath();
    Files.createDirectories(work);
    String external = System.getenv("PATHLIGHT_TEST_DB_URL");
    String database =
        "pathlight_it_" + System.currentTimeMillis() + "_" + ProcessHandle.current().pid();
    if (external != null && !external.isBlank()) {
      dbUser = envOr("PATHLIGHT_TEST_DB_USER", "postgres");
      dbPassword = envOr("PATHLIGHT_TEST_DB_PASSWORD", "");
      jdbcUrl = createDatabase(external, database);
    } else {
      deleteTree(work.resolve("postgres"));
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(work.resolve("postgres"))
              .setCleanDataDirectory(true)
              .setServerConfig("max_connections", "300")
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
      dbUser = "postgres";
      dbPassword = "postgres";
      jdbcUrl = createDatabase(pg.getJdbcUrl("postgres", "postgres"), database);
    }
    smtpPort = freePort();
    imapPort = freePort();
    startSmtp();
    stripe = new StripeStub();
    census = new CensusStub();

    // one fixed port for the run (one Payara at a time), so links in emails and redirects carry
    // the same base URL as the tests use
    httpPort = freePort();
    appSettings.put("pathlight.http.port", Integer.toString(httpPort));
    appSettings.put("pathlight.base.url", "http://localhost:" + httpPort);
    appSettings.put("pathlight.db.url", jdbcUrl);
    appSettings.put("pathlight.db.user", dbUser);
    appSettings.put("pathlight.db.password", dbPassword.isEmpty() ? "unused" : dbPassword);
    appSettings.put("pathlight.data.dir", work.resolve("data").toString());
    appSettings.put("pathlight.smtp.host", "localhost");
    appSettings.put("pathlight.smtp.port", Integer.toString(smtpPort));
    appSettings.put("pathlight.smtp.starttls", "false");
    appSettings.put("pathlight.smtp.timeout.seconds", "2");
    // bounces: GreenMail's IMAP holds the bounce mailbox; the job runs when a test asks
    appSettings.put("pathlight.mail.bounces.imap.host", "localhost");
    appSettings.put("pathlight.mail.bounces.imap.port", Integer.toString(imapPort));
    appSettings.put("pathlight.mail.bounces.imap.tls", "false");
    appSettings.put("pathlight.mail.bounces.imap.user", BOUNCE_MAILBOX);
    appSettings.put("pathlight.mail.bounces.imap.password", BOUNCE_PASSWORD);
    appSettings.put("pathlight.mail.bounces.poll.seconds", "3600");
    appSettings.put("pathlight.mail.bounces.webhook.secret", BOUNCE_WEBHOOK_SECRET);
    appSettings.put("pathlight.mail.from", "hello@pathlight.test");
    appSettings.put("pathlight.mail.poll.seconds", "1");
    appSettings.put("pathlight.mail.lease.seconds", "3");
    appSettings.put("pathlight.mail.retry.base.seconds", "1");
    // bulk sends: a tick a second, one message a second, so a test can pause one in flight
    appSettings.put("pathlight.newsletters.tick.seconds", "1");
    appSettings.put("pathlight.newsletters.rate.per.minute", "60");
    appSettings.put("pathlight.admin.email", ADMIN_EMAIL);
    appSettings.put("pathlight.admin.password", ADMIN_PASSWORD);
    appSettings.put("pathlight.tokens.secret", "integration-test-secret-of-at-least-32-bytes");
    appSettings.put("pathlight.org.name", "Safe Harbor Test Org");
    appSettings.put("pathlight.org.ein", "12-3456789");
    // every test calls from one address: keep the per-address limit out of the way (per email
    // stays at its default of 5 and is tested)
    appSettings.put("pathlight.giving.limit.per.address", "100000");
    appSettings.put("pathlight.staff.signin.limit.per.address", "100000");
    appSettings.put("pathlight.volunteers.limit.per.address", "100000");
    // the daily digest runs only when a test asks (test-support/volunteer-digest)
    appSettings.put("pathlight.volunteers.digest-hour", "24");
    Path props = serverSettingsFile();
    writeServerSettings(Map.of());

    // read by arquillian-payara-micro-managed when Arquillian starts, after this
    System.setProperty("payara.microJar", System.getProperty("pathlight.it.micro.jar"));
    // the launcher's own pre-boot commands (no product name in the Server header, ...), so the
    // servers under test are set up as in production
    Path preBoot = Path.of("config", "payara-pre-boot.asadmin").toAbsolutePath();
    System.setProperty(
        "payara.extraMicroOptions",
        "--nohazelcast --port "
            + httpPort
            + " --systemproperties "
            + props.toString().replace(" ", "\\ ")
            + (Files.isRegularFile(preBoot)
                ? " --prebootcommandfile " + preBoot.toString().replace(" ", "\\ ")
                : ""));
    System.setProperty("payara.cmdOptions", "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
  }

  private Path serverSettingsFile() {
    return work.resolve("payara-system.properties");
  }

  private void writeServerSettings(Map<String, String> overrides) throws IOException {
    Properties p = new Properties();
    p.putAll(appSettings);
    p.putAll(overrides);
    try (var out = Files.newOutputStream(serverSettingsFile())) {
      p.store(out, "written by TestEnvironment for the Payara Micro instances of this run");
    }
  }

  /**
   * Server-wide settings (system properties) for the next Payara Micro that starts, for what a
   * deployment's own config cannot set (the data source resolves its {@code MPCONFIG} values from
   * the server's). Restore the shared ones by closing the result, once that server is up.
   */
  public AutoCloseable serverSettings(Map<String, String> overrides) throws IOException {
    writeServerSettings(overrides);
    return () -> writeServerSettings(Map.of());
  }

  public static synchronized TestEnvironment get() {
    if (failure != null) {
      throw failure;
    }
    if (instance == null) {
      try {
        instance = new TestEnvironment();
      } catch (Exception | Error e) {
        failure = new IllegalStateException("could not start the test environment", e);
        throw failure;
      }
    }
    return instance;
  }

  /** The first column of the first row of a query, as a number; {@code ?} takes the parameters. */
  public static long count(String sql, Object... params) throws java.sql.SQLException {
    try (java.sql.Connection c = get().connect();
        java.sql.PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        q.setObject(i + 1, params[i]);
      }
      try (java.sql.ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String dbUser() {
    return dbUser;
  }

  public String dbPassword() {
    return dbPassword;
  }

  public Path work() {
    return work;
  }

  public StripeStub stripe() {
    return stripe;
  }

  public CensusStub census() {
    return census;
  }

  /** Settings for a deployment whose address lookups go to the Census geocoder (the stub). */
  public Map<String, String> censusSettings() {
    return Map.of(
        "pathlight.geocoder.census.url", census.baseUrl(), "pathlight.geocoder.timeout.ms", "1500");
  }

  /** Settings for a deployment that takes payments through Stripe (the stub). */
  public Map<String, String> stripeSettings() {
    return Map.of(
        "pathlight.stripe.secret.key",
        "sk_live_pathlight_stub",
        "pathlight.stripe.webhook.secret",
        StripeEvents.WEBHOOK_SECRET,
        "pathlight.stripe.api.base",
        stripe.baseUrl());
  }

  public synchronized GreenMail smtp() {
    return smtp;
  }

  public synchronized void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
      smtp = null;
    }
  }

  /** Starts the SMTP server on its fixed port; mail received before a stop is gone. */
  public synchronized void startSmtp() {
    if (smtp == null) {
      smtp =
          new GreenMail(
              new ServerSetup[] {
                new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "localhost", ServerSetup.PROTOCOL_IMAP)
              });
      smtp.start();
      smtp.setUser(BOUNCE_MAILBOX, BOUNCE_MAILBOX, BOUNCE_PASSWORD);
    }
  }

  /** A new empty database on the test server; for migrating from nothing. */
  public String createEmptyDatabase(String name) throws SQLException {
    return createDatabase(jdbcUrl, name);
  }

  private String createDatabase(String serverUrl, String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl, dbUserOr(), dbPasswordOr());
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
  }

  private String dbUserOr() {
    return dbUser == null ? "postgres" : dbUser;
  }

  private String dbPasswordOr() {
    return dbPassword == null ? "postgres" : dbPassword;
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null ? fallback : v;
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // the JVM is exiting
    }
  }
}
