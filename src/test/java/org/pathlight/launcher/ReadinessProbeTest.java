package org.pathlight.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadinessProbeTest {

  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicReference<String> body = new AtomicReference<>("");

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health/ready",
        exchange -> {
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private ReadinessProbe.Outcome probe() {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready");
    return ReadinessProbe.once(HttpClient.newHttpClient(), uri);
  }

  @Test
  void payaraHealthWithoutTheApplicationsChecksIsNotReady() {
    body.set("{\"status\":\"UP\",\"checks\":[]}");
    ReadinessProbe.Outcome outcome = probe();
    assertThat(outcome.ready()).isFalse();
    assertThat(outcome.detail()).contains("not deployed");
  }

  @Test
  void theApplicationsDatabaseCheckUpIsReady() {
    body.set(
        "{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\"},"
            + "{\"name\":\"jobs\",\"status\":\"UP\"}]}");
    assertThat(probe().ready()).isTrue();
  }

  @Test
  void aDownCheckIsNotReadyAndSaysWhy() {
    status.set(503);
    body.set("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"database\",\"status\":\"DOWN\"}]}");
    ReadinessProbe.Outcome outcome = probe();
    assertThat(outcome.ready()).isFalse();
    assertThat(outcome.detail()).contains("503", "DOWN");
  }

  @Test
  void noServerIsNotReady() {
    server.stop(0);
    assertThat(probe().ready()).isFalse();
  }

  @Test
  void passwordsStayOutOfTheLoggedDatabaseUrl() {
    assertThat(
            DatabaseWait.withoutSecrets(
                "jdbc:postgresql://db:5432/pathlight?user=p&password=hunter2&ssl=true"))
        .isEqualTo("jdbc:postgresql://db:5432/pathlight?user=p&password=***&ssl=true");
  }
}
