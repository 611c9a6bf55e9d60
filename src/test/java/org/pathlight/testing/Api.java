package org.pathlight.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A small HTTP client for black-box tests: JSON in and out, cookies kept per instance. */
public final class Api {

  private final URI base;
  private final HttpClient client;
  private final CookieManager cookies = new CookieManager();
  private String csrfToken;
  private String bearer;

  public Api(URL base) {
    this.base = URI.create(base.toString().replaceFirst("/$", ""));
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public URI base() {
    return base;
  }

  /** An answer: status, headers, body text, and the body parsed as JSON when asked. */
  public record Reply(int status, HttpHeaders headers, String body) {
    public JsonObject json() {
      return (JsonObject) parse();
    }

    public JsonArray array() {
      return (JsonArray) parse();
    }

    private JsonStructure parse() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.read();
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public List<String> all(String name) {
      return headers.allValues(name);
    }

    public String contentType() {
      return header("Content-Type");
    }
  }

  /** Signs in as staff with a cookie session; later unsafe calls send the CSRF token. */
  public Reply signIn(String email, String password, String... headers) {
    return signIn(
        Json.createObjectBuilder().add("email", email).add("password", password), headers);
  }

  private Reply signIn(jakarta.json.JsonObjectBuilder credentials, String... headers) {
    Reply reply = post("/api/staff/session", credentials.build().toString(), headers);
    if (reply.status() == 200) {
      csrfToken = reply.json().getString("csrfToken");
    }
    return reply;
  }

  private static final java.util.Map<String, Api> SHARED_ADMINS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * One admin session per server, reused across tests (a sign-in costs a 600,000-round PBKDF2);
   * tests that sign out or change the session use {@link #admin(URL)}.
   */
  public static Api sharedAdmin(URL base) {
    return SHARED_ADMINS.computeIfAbsent(base.toString(), b -> admin(base));
  }

  /** A client signed in as the run's first admin (TestEnvironment's credentials). */
  public static Api admin(URL base) {
    Api api = new Api(base);
    Reply reply = api.signIn(TestEnvironment.ADMIN_EMAIL, TestEnvironment.ADMIN_PASSWORD);
    if (reply.status() != 200) {
      throw new AssertionError("admin sign-in failed: " + reply.body());
    }
    return api;
  }

  /** Makes a staff account with these roles through {@code admin}: the account as answered. */
  public static JsonObject createStaff(
      Api admin, String email, String displayName, String password, String... roles) {
    var list = Json.createArrayBuilder();
    for (String r : roles) {
      list.add(r);
    }
    Reply made =
        admin.post(
            "/api/staff/accounts",
            json(
                "email",
                email,
                "displayName",
                displayName,
                "password",
                password,
                "roles",
                list.build()));
    org.assertj.core.api.Assertions.assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json();
  }

  public Api withBearer(String token) {
    this.bearer = token;
    return this;
  }

  /** Sends this cookie from now on (a session opened elsewhere, such as by single sign-on). */
  public Api withCookie(String name, String value) {
    java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(base, cookie);
    return this;
  }

  public Api withoutCsrf() {
    this.csrfToken = null;
    return this;
  }

  public Reply get(String path, String... headers) {
    return send("GET", path, null, null, headers);
  }

  public Reply delete(String path, String... headers) {
    return send("DELETE", path, null, null, headers);
  }

  public Reply post(String path, String json, String... headers) {
    return send("POST", path, "application/json", json, headers);
  }

  public Reply put(String path, String json, String... headers) {
    return send("PUT", path, "application/json", json, headers);
  }

  public Reply patch(String path, String json, String... headers) {
    return send("PATCH", path, "application/json", json, headers);
  }

  public Reply send(
      String method, String path, String contentType, String body, String... headers) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    return exchange(method, path, contentType, publisher, headers);
  }

  /** Sends the body without a Content-Length (chunked), as a streaming client would. */
  public Reply sendChunked(String method, String path, String contentType, byte[] body) {
    return exchange(
        method,
        path,
        contentType,
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
  }

  /** A binary answer (a PDF): status, content type, disposition and the bytes. */
  public record Download(
      int status, String contentType, String disposition, byte[] body, HttpHeaders headers) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  /** GETs bytes, asking for {@code accept}. */
  public Download download(String path, String accept) {
    return download("GET", path, accept);
  }

  /** A download made by {@code method} (a POST that creates what it answers with). */
  public Download download(String method, String path, String accept) {
    HttpResponse<byte[]> response =
        call(
            request(method, path, null, HttpRequest.BodyPublishers.noBody(), "Accept", accept),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Download(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Content-Disposition").orElse(null),
        response.body(),
        response.headers());
  }

  private Reply exchange(
      String method,
      String path,
      String contentType,
      HttpRequest.BodyPublisher publisher,
      String... headers) {
    HttpResponse<String> response =
        call(
            request(method, path, contentType, publisher, headers),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Reply(response.statusCode(), response.headers(), response.body());
  }

  private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest request(
      String method,
      String path,
      String contentType,
      HttpRequest.BodyPublisher publisher,
      String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, publisher);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (!hasHeader(headers, "Accept")) {
      request.header("Accept", "application/json");
    }
    if (csrfToken != null && !method.equals("GET")) {
      request.header("X-CSRF-Token", csrfToken);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.build();
  }

  private static boolean hasHeader(String[] headers, String name) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** A JSON object literal from name/value pairs (strings, numbers, booleans). */
  public static String json(Object... pairs) {
    var builder = Json.createObjectBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      String name = (String) pairs[i];
      Object v = pairs[i + 1];
      if (v == null) {
        builder.addNull(name);
      } else if (v instanceof Integer n) {
        builder.add(name, n);
      } else if (v instanceof Long n) {
        builder.add(name, n);
      } else if (v instanceof Boolean b) {
        builder.add(name, b);
      } else if (v instanceof jakarta.json.JsonValue j) {
        builder.add(name, j);
      } else if (v instanceof java.util.Collection<?> items) {
        var array = Json.createArrayBuilder();
        items.forEach(item -> array.add(String.valueOf(item)));
        builder.add(name, array);
      } else {
        builder.add(name, v.toString());
      }
    }
    return builder.build().toString();
  }
}
