package org.pathlight.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.TestEnvironment;

/**
 * The README's run command, for real: {@code java -jar target/pathlight.jar} as its own process,
 * with the embedded PostgreSQL under the data directory, mail as .eml files, restarts (graceful and
 * SIGKILL) keeping the data, and an external database through PATHLIGHT_DB_URL.
 */
class LauncherIT {

  private static final Pattern READY =
      Pattern.compile("Pathlight is ready at (http://localhost:\\d+)/ .* started in ([0-9.]+) s");
  private static final Pattern ADMIN =
      Pattern.compile("First staff admin created:\\s+(\\S+)\\s+/\\s+(\\S+)");

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** A running launcher: its process, console file, base URL and boot time. */
  record Run(Process process, Path console, String url, double bootSeconds) {
    String text() throws IOException {
      return Files.readString(console);
    }
  }

  private Run launch(Path dataDir, int port, Map<String, String> extraEnv, String name)
      throws Exception {
    Path console = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
    Process process = start(dataDir, port, extraEnv, console);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      String text = Files.exists(console) ? Files.readString(console) : "";
      Matcher ready = READY.matcher(text);
      if (ready.find()) {
        // a start that logged SEVERE may print "ready" with a dead HTTP listener
        assertThat(text).as("console of the %s start", name).doesNotContain("[SEVERE]");
        return new Run(process, console, ready.group(1), Double.parseDouble(ready.group(2)));
      }
      assertThat(process.isAlive()).as("launcher exited early:%n%s", text).isTrue();
      Thread.sleep(250);
    }
    throw new AssertionError("not ready within 3 minutes:\n" + Files.readString(console));
  }

  /**
   * {@code java -jar target/pathlight.jar} with only these PATHLIGHT_ settings, console to a file.
   */
  private Process start(Path dataDir, int port, Map<String, String> extraEnv, Path console)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("pathlight.it.launcher", "target/pathlight.jar"))
            .redirectErrorStream(true)
            .redirectOutput(console.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("PATHLIGHT_"));
    builder.environment().put("PATHLIGHT_DATA_DIR", dataDir.toString());
    builder.environment().put("PATHLIGHT_HTTP_PORT", Integer.toString(port));
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static Path freshDir(String name) throws IOException {
    Path dir = TestEnvironment.get().work().resolve(name + "-" + System.nanoTime());
    Files.createDirectories(dir.getParent());
    return dir;
  }

  @Test
  void runsOnEmbeddedPostgresAndKeepsItsDataAcrossRestartsAndKills() throws Exception {
    Path data = freshDir("launcher-data");
    int port = TestEnvironment.freePort();

    Run first = launch(data, port, Map.of("PATHLIGHT_OFFICIALS_DIR", officialsFixtures()), "first");
    assertThat(first.url()).isEqualTo("http://localhost:" + port);
    Matcher admin = ADMIN.matcher(first.text());
    assertThat(admin.find()).as("the generated admin password is printed").isTrue();
    String email = admin.group(1);
    String password = admin.group(2);
    assertThat(Files.isDirectory(data.resolve("postgres"))).isTrue();
    assertEmbeddedClusterIsDurableAndLocked(data);

    Api api = new Api(new URL(first.url()));
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    assertThat(api.signIn(email, password).status()).isEqualTo(200);
    String colleague = "colleague" + System.nanoTime() + "@example.org";
    assertThat(
            api.post(
                    "/api/staff/accounts",
                    Api.json(
                        "email",
                        colleague,
                        "displayName",
                        "Colleague",
                        "password",
                        "a good long password",
                        "roles",
                        jakarta.json.Json.createArrayBuilder().add("impact").build()))
                .status())
        .isEqualTo(201);
    Path eml = awaitEml(data.resolve("mail"), colleague);
    assertThat(Files.readString(eml)).contains("Message-ID: <", "staff access");
    lettersGoToTheTestInboxWhileTheOrganisationIsTheDemo(api, new Api(new URL(first.url())), data);

    // SIGKILL leaves PostgreSQL orphaned; the next start takes the cluster over: same data, no
    // second admin
    first.process().destroyForcibly();
    first.process().waitFor();
    Run second = launch(data, port, Map.of(), "second");
    assertThat(second.text()).doesNotContain("First staff admin created");
    Api again = new Api(new URL(second.url()));
    assertThat(again.signIn(email, password).status()).isEqualTo(200);
    assertThat(again.get("/api/staff/accounts").body()).contains(colleague);

    // a graceful stop ends the process and stops the embedded PostgreSQL with it
    second.process().destroy();
    assertThat(second.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    System.out.printf(
        "launcher boot seconds: first %.1f, after kill %.1f%n",
        first.bootSeconds(), second.bootSeconds());
  }

  @Test
  void usesTheConfiguredDatabaseWithoutABuild() throws Exception {
    TestEnvironment env = TestEnvironment.get();
    String url = env.createEmptyDatabase("pathlight_launcher_" + System.nanoTime());
    Path data = freshDir("launcher-external");
    Run run =
        launch(
            data,
            TestEnvironment.freePort(),
            Map.of(
                "PATHLIGHT_DB_URL",
                url,
                "PATHLIGHT_DB_USER",
                env.dbUser(),
                "PATHLIGHT_DB_PASSWORD",
                env.dbPassword().isEmpty() ? "unused" : env.dbPassword(),
                "PATHLIGHT_ADMIN_EMAIL",
                "boss@example.org",
                "PATHLIGHT_ADMIN_PASSWORD",
                "the configured password"),
            "external");
    assertThat(run.text()).doesNotContain("Embedded PostgreSQL");
    assertThat(Files.exists(data.resolve("postgres"))).isFalse();
    assertThat(
            new Api(new URL(run.url()))
                .signIn("boss@example.org", "the configured password")
                .status())
        .isEqualTo(200);
    try (Connection c = DriverManager.getConnection(url, env.dbUser(), env.dbPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select email, password_hash from staff_account")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("boss@example.org");
      // the built jar hashes at the production cost (test deployments use fewer iterations)
      assertThat(rs.getString(2)).startsWith("PBKDF2WithHmacSHA256:600000:");
    }
  }

  /**
   * The embedded cluster commits durably, asks every connection for a password (kept in the data
   * directory), and Pathlight connects as the database's owner, not as a superuser.
   */
  private static void assertEmbeddedClusterIsDurableAndLocked(Path data) throws Exception {
    java.util.Properties credentials = new java.util.Properties();
    Path file = data.resolve("postgres.credentials");
    try (var in = Files.newInputStream(file)) {
      credentials.load(in);
    }
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    String port = Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(3).trim();
    String url = "jdbc:postgresql://localhost:" + port + "/pathlight";
    try (Connection c =
            DriverManager.getConnection(url, "pathlight", credentials.getProperty("pathlight"));
        Statement s = c.createStatement()) {
      ResultSet sync = s.executeQuery("show synchronous_commit");
      sync.next();
      assertThat(sync.getString(1)).isEqualTo("on");
      ResultSet fsync = s.executeQuery("show fsync");
      fsync.next();
      assertThat(fsync.getString(1)).isEqualTo("on");
      ResultSet role = s.executeQuery("select rolsuper from pg_roles where rolname = current_user");
      role.next();
      assertThat(role.getBoolean(1)).as("Pathlight's role is no superuser").isFalse();
      ResultSet owner = s.executeQuery("select tableowner from pg_tables where tablename = 'gift'");
      owner.next();
      assertThat(owner.getString(1)).isEqualTo("pathlight");
    }
    for (String[] wrong :
        new String[][] {{"postgres", ""}, {"postgres", "postgres"}, {"pathlight", "x"}}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> DriverManager.getConnection(url, wrong[0], wrong[1]).close())
          .as("%s with a wrong password", wrong[0])
          .isInstanceOf(java.sql.SQLException.class);
    }
  }

  private static String officialsFixtures() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath()
        .resolve("src/test/resources/officials")
        .toString();
  }

  /**
   * A fresh install runs on the demo organisation settings, so advocacy is in test mode: a letter
   * goes to the test inbox (the sending address), says whom it was for, and the page says TEST.
   */
  private static void lettersGoToTheTestInboxWhileTheOrganisationIsTheDemo(
      Api staff, Api visitor, Path data) throws Exception {
    String ceoEmail = "ceo" + System.nanoTime() + "@example.org";
    Api.Reply ceo =
        staff.post(
            "/api/officials/custom",
            Api.json(
                "name",
                "Pat Chen",
                "title",
                "Chief Executive",
                "organisation",
                "Acme",
                "email",
                ceoEmail));
    assertThat(ceo.status()).as(ceo.body()).isEqualTo(201);
    String slug = "launcher-" + System.nanoTime();
    Api.Reply created =
        staff.post(
            "/api/campaigns",
            Api.json(
                "slug", slug,
                "title", "Clean supply chains",
                "subject", "Please audit your suppliers",
                "letterTemplate", "Dear {{officialName}},\n\nPlease act.\n\n{{personalNote}}",
                "targets", List.of(ceo.json().getString("id"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(staff.post("/api/campaigns/" + slug + "/publish", "{}").status()).isEqualTo(200);
    assertThat(visitor.get("/act/" + slug).body()).contains("TEST MODE");

    Api.Reply wrote =
        visitor.post(
            "/api/campaigns/" + slug + "/letters",
            Api.json(
                "firstName",
                "Ana",
                "lastName",
                "Lopez",
                "email",
                "ana@example.org",
                "zip",
                "10018"));
    assertThat(wrote.status()).as(wrote.body()).isBetween(200, 201);
    assertThat(wrote.json().getBoolean("test")).isTrue();
    String letter = Files.readString(awaitEml(data.resolve("mail"), "[TEST] Please audit"));
    assertThat(letter)
        .contains("To: \"TEST: Pat Chen\" <no-reply@pathlight.local>")
        .contains("in real use this letter goes to Chief Executive Pat Chen <" + ceoEmail + ">");
    try (Stream<Path> files = Files.list(data.resolve("mail"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
        assertThat(Files.readString(f)).doesNotContainPattern("(?m)^To: .*" + ceoEmail);
      }
    }
  }

  @Test
  void anUnreachableDatabaseIsAClearFailureNotAReadyLine() throws Exception {
    Path data = freshDir("launcher-nodb");
    Path console = data.resolveSibling(data.getFileName() + "-nodb.log");
    Process process =
        start(
            data,
            TestEnvironment.freePort(),
            Map.of(
                "PATHLIGHT_DB_URL",
                "jdbc:postgresql://localhost:" + TestEnvironment.freePort() + "/pathlight",
                "PATHLIGHT_DB_WAIT_SECONDS",
                "3"),
            console);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
        .as("the launcher gives up by itself")
        .isTrue();
    String text = Files.readString(console);
    assertThat(process.exitValue()).as(text).isNotZero();
    assertThat(text)
        .contains("Waiting for PostgreSQL at jdbc:postgresql://localhost:")
        .contains("is not reachable after 3 s")
        .doesNotContain("Pathlight is ready");
  }

  private static Path awaitEml(Path folder, String recipient) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
            if (Files.readString(f).contains(recipient)) {
              return f;
            }
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no .eml to " + recipient + " in " + folder);
  }
}
