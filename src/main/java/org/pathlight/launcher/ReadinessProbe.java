package org.pathlight.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Asks {@code /health/ready} whether Pathlight itself is up: a 200 that carries the application's
 * own database check. (Payara Micro answers the health endpoint even when the application failed to
 * deploy, with no checks at all: that is not ready.) Also the container health check: {@code java
 * -cp pathlight.jar org.pathlight.launcher.ReadinessProbe [url]} exits 0 when ready.
 */
final class ReadinessProbe {

  private static final Pattern APP_CHECK = Pattern.compile("\"name\"\\s*:\\s*\"database\"");

  record Outcome(boolean ready, String detail) {}

  private ReadinessProbe() {}

  public static void main(String[] args) {
    String url =
        args.length > 0
            ? args[0]
            : "http://localhost:"
                + Settings.fromEnvironment().port("pathlight.http.port", 8080)
                + "/health/ready";
    Outcome outcome = once(HttpClient.newHttpClient(), URI.create(url));
    System.exit(outcome.ready() ? 0 : 1);
  }

  static Outcome await(URI ready, Duration patience) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(patience);
    Outcome last = once(http, ready);
    while (!last.ready() && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      last = once(http, ready);
    }
    return last;
  }

  static Outcome once(HttpClient http, URI ready) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (!APP_CHECK.matcher(answer.body()).find()) {
        return new Outcome(
            false, "the application is not deployed (no database check at " + ready + ")");
      }
      if (answer.statusCode() != 200) {
        return new Outcome(
            false, ready + " answered " + answer.statusCode() + ": " + answer.body());
      }
      return new Outcome(true, "ready");
    } catch (IOException e) {
      return new Outcome(false, ready + " did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted");
    }
  }
}
