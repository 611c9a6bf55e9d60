package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pathlight.testing.Api.json;
import static org.pathlight.testing.Problems.assertProblem;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;
import org.pathlight.testing.PathlightIT;
import org.pathlight.testing.TcpProxy;
import org.pathlight.testing.TestEnvironment;

/**
 * A deployment whose database goes away: it reaches the real test PostgreSQL through a TCP proxy
 * that the test stops and starts, so other classes keep their database.
 */
@PathlightIT
class DatabaseOutageIT {

  private static TcpProxy proxy;
  private static AutoCloseable serverSettings;

  @Deployment(testable = false)
  static WebArchive deployment() throws Exception {
    String url = TestEnvironment.get().jdbcUrl();
    proxy = TcpProxy.toDatabase(url);
    // the data source takes its URL from the server's settings, not the deployment's
    serverSettings =
        TestEnvironment.get().serverSettings(Map.of("pathlight.db.url", proxy.through(url)));
    return Deployments.pathlight();
  }

  @BeforeAll
  static void restoreServerSettings() throws Exception {
    // this class's server is up: the next one gets the shared settings again
    if (serverSettings != null) {
      serverSettings.close();
    }
  }

  @AfterAll
  static void closeProxy() throws Exception {
    restoreServerSettings();
    if (proxy != null) {
      proxy.close();
    }
  }

  @ArquillianResource URL base;

  @Test
  void anOutageIsAQuick503WithRetryAfterAndOneLogLineAndTheServiceRecovers() throws Exception {
    Api api = new Api(base);
    assertThat(api.get("/api/funds").status()).isEqualTo(200);
    assertThat(proxy.connections())
        .as("the deployment reaches its database through the proxy")
        .isPositive();

    // loads the test-support resource, whose log handler then records warnings
    assertThat(api.get("/api/test-support/log?contains=none").status()).isEqualTo(200);

    proxy.stop();
    try {
      // the donation page's funds were just read: they answer from memory for a few seconds more
      assertThat(api.get("/api/funds").status()).isEqualTo(200);
      for (String path : List.of("/api/impact/public", "/api/campaigns/no-such-campaign")) {
        long started = System.nanoTime();
        Api.Reply reply = api.get(path);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertProblem(reply, 503, "service-unavailable");
        assertThat(reply.header("Retry-After")).isEqualTo("10");
        assertThat(reply.header("Content-Security-Policy")).isNotNull();
        assertThat(took).as(path).isLessThan(Duration.ofSeconds(4));
      }
      assertProblem(
          api.post("/api/manage/link", json("email", "outage@example.org")),
          503,
          "service-unavailable");
      // the donation page renders from the funds in memory; a page that needs the database says 503
      assertThat(api.get("/give").status()).isEqualTo(200);
      Api.Reply page = api.get("/impact", "Accept", "application/json");
      assertThat(page.status()).as(page.body()).isEqualTo(503);
      assertThat(page.header("Retry-After")).isEqualTo("10");
      assertThat(page.body()).contains("/problems/service-unavailable");
      assertThat(
              api.get(
                      "/api/test-support/log?contains=Database%20unavailable,%20answered%20503%20at%20/impact")
                  .json()
                  .getBoolean("found"))
          .isTrue();

      long started = System.nanoTime();
      assertThat(api.get("/health/live").status()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

      var logged =
          api.get(
                  "/api/test-support/log?contains=Database%20unavailable,%20answered%20503%20at%20/api/impact/public")
              .json();
      assertThat(logged.getBoolean("found")).isTrue();
      assertThat(logged.getBoolean("withTrace")).as("one line, no stack trace").isFalse();
      assertThat(
              api.get("/api/test-support/log?contains=Unexpected%20failure")
                  .json()
                  .getBoolean("found"))
          .isFalse();
    } finally {
      proxy.start();
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int status;
    do {
      Thread.sleep(500);
      status = api.get("/api/impact/public").status();
    } while (status != 200 && System.nanoTime() < deadline);
    assertThat(status).as("back once the database is").isEqualTo(200);
  }
}
