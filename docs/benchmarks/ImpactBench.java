// Impact benchmark, plain JDK and the PostgreSQL JDBC driver. Against a server seeded by
// impact-seed.sql it times, each beside a hand-written SQL aggregate of the same numbers run in the
// same database in the same run:
//   1. the public report (GET /api/impact/public)   vs  one grouped, suppressed SQL aggregate;
//   2. one donor's impact (GET /api/manage/{token}/impact?year=)  vs  the same figures in SQL;
//   3. a re-release of the last month (POST /api/impact/releases/{month})  vs  a set-based FIFO
//      (running sums) of that month in SQL.
// Reads warm up for WARM seconds, then run for RUN seconds each, alternating app and SQL.
//   java -cp postgresql.jar docs/benchmarks/ImpactBench.java <baseUrl> <mailDir> <email> <password> <jdbcUrl> <dbUser> <dbPassword>
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ImpactBench {

  static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
  static String base;
  static String csrf = "";
  static final int WARM = Integer.getInteger("warm", 10);
  static final int RUN = Integer.getInteger("run", 15);

  public static void main(String[] args) throws Exception {
    base = args[0].replaceFirst("/$", "");
    Path mail = Path.of(args[1]);
    csrf = field(send("POST", "/api/staff/session", "{\"email\":\"" + args[2] + "\",\"password\":\"" + args[3] + "\"}").body(), "csrfToken");
    Connection db = DriverManager.getConnection(args[4], args[5], args[6]);
    YearMonth last = YearMonth.now().minusMonths(1);
    YearMonth first = last.minusMonths(35);

    long t0 = System.nanoTime();
    HttpResponse<String> all = send("POST", "/api/impact/releases/" + first, "");
    System.out.printf("full release of 36 months (once): %d in %.1f s: %s%n", all.statusCode(), (System.nanoTime() - t0) / 1e9, all.body());
    try (ResultSet r = db.createStatement().executeQuery("select count(*), sum(amount) from fund_release")) {
      r.next();
      System.out.printf("fund_release rows: %,d, released $%,.2f%n", r.getLong(1), r.getLong(2) / 100.0);
    }

    // 1. the public report
    String publicSql =
        "select p.period, c.service_type, case when sum(c.count) between 1 and 10 then null else sum(c.count) end"
            + " from service_count c join impact_publication p"
            + " on p.period = substr(c.month, 1, 4) || '-Q' || ((cast(substr(c.month, 6, 2) as integer) + 2) / 3)"
            + " join service_type t on t.code = c.service_type group by 1, 2, t.position order by 1, t.position";
    compare("public report", () -> get("/api/impact/public"), () -> rows(db, publicSql, null));

    // 2. one donor's impact for the latest year with published quarters
    String email = "bench-7@example.org";
    send("POST", "/api/manage/link", "{\"email\":\"" + email + "\"}");
    String token = token(mail, email);
    int year = Integer.parseInt(rows1(db, "select max(substr(period, 1, 4)) from impact_publication"));
    String donorSql =
        "with mine as (select g.id from gift g join supporter s on s.id = g.supporter_id where s.email_key = ?),"
            + " months as (select substr(period,1,4) || '-' || lpad(((cast(substr(period,7,1) as integer) - 1) * 3 + k)::text, 2, '0') m"
            + "   from impact_publication, generate_series(1,3) k where period like '" + year + "-%'),"
            + " restricted as (select service_type, sum(units) u from fund_release where month in (select m from months)"
            + "   and gift_id in (select id from mine) group by 1),"
            + " pool as (select sum(net) total, sum(net) filter (where id in (select id from mine)) own from impact_gift"
            + "   where not restricted and given_at >= make_date(" + year + ",1,1) and given_at < make_date(" + (year + 1) + ",1,1)),"
            + " basis as (select c.service_type, c.month, c.count,"
            + "   (select sum(amount) from service_spending s where s.service_type = c.service_type"
            + "      and s.month between to_char(to_date(c.month,'YYYY-MM') - interval '11 months','YYYY-MM') and c.month) spent,"
            + "   (select sum(count) from service_count u where u.service_type = c.service_type"
            + "      and u.month between to_char(to_date(c.month,'YYYY-MM') - interval '11 months','YYYY-MM') and c.month) units"
            + "   from service_count c where c.month in (select m from months) and c.count > 0),"
            + " rel as (select month, service_type, sum(amount) a, sum(units) u from fund_release where month in (select m from months) group by 1, 2),"
            + " uncovered as (select b.service_type, greatest(0, b.count - coalesce(r.u, 0)) u,"
            + "   round(b.spent * b.count / b.units) - coalesce(r.a, 0) cost from basis b"
            + "   left join rel r on r.month = b.month and r.service_type = b.service_type where b.units > 0),"
            + " share as (select least(p.total, (select sum(cost) from uncovered where cost > 0)) / (select sum(cost) from uncovered where cost > 0)"
            + "   * p.own / p.total f from pool p)"
            + " select coalesce(r.service_type, x.service_type), coalesce(r.u, 0) + coalesce(x.u, 0) from restricted r full join"
            + "   (select service_type, sum(u) * (select f from share) u from uncovered where cost > 0 group by 1) x"
            + "   on x.service_type = r.service_type";
    compare("one donor's impact (" + year + ")", () -> get("/api/manage/" + token + "/impact?year=" + year), () -> rows(db, donorSql, email));

    // 3. a re-release of the last month
    String fifoSql =
        "with cost as (select f.fund_code, sum(round(s.spent * c.count / u0.units)) cost from service_count c"
            + "   join service_type_fund f on f.service_type = c.service_type and f.position = 0"
            + "   join (select service_type, sum(amount) spent from service_spending where month between '" + last.minusMonths(11) + "' and '" + last + "' group by 1) s on s.service_type = c.service_type"
            + "   join (select service_type, sum(count) units from service_count where month between '" + last.minusMonths(11) + "' and '" + last + "' group by 1) u0 on u0.service_type = c.service_type"
            + "   where c.month = '" + last + "' group by 1),"
            + " spent as (select gift_id, sum(amount) a from fund_release where month < '" + last + "' group by 1),"
            + " open as (select g.fund_code, g.id, g.given_at, g.net - coalesce(s.a, 0) balance from impact_gift g left join spent s on s.gift_id = g.id"
            + "   where g.restricted and g.given_at < date_trunc('month', now()) and g.net > coalesce(s.a, 0)),"
            + " running as (select o.*, sum(balance) over (partition by fund_code order by given_at, id) - balance before from open o)"
            + " select r.fund_code, count(*), sum(least(r.balance, c.cost - r.before)) from running r join cost c on c.fund_code = r.fund_code"
            + " where r.before < c.cost group by 1";
    fixedRuns("re-release of " + last, 5,
        () -> { HttpResponse<String> r = send("POST", "/api/impact/releases/" + last, ""); if (r.statusCode() != 200) throw new IllegalStateException(r.body()); return r.body().length(); },
        () -> rows(db, fifoSql, null));
    try (ResultSet r = db.createStatement().executeQuery("select fund_code, count(*), sum(amount) from fund_release where month = '" + last + "' group by 1 order by 1")) {
      while (r.next()) System.out.printf("  app released in %s: %s %,d releases $%,.2f%n", last, r.getString(1), r.getLong(2), r.getLong(3) / 100.0);
    }
    try (ResultSet r = db.createStatement().executeQuery(fifoSql)) {
      while (r.next()) System.out.printf("  SQL FIFO for %s:    %s %,d gifts    $%,.2f%n", last, r.getString(1), r.getLong(2), r.getLong(3) / 100.0);
    }
  }

  /** Warms both up, then runs each for RUN seconds in alternating 1-second slices. */
  static void compare(String what, Callable<Integer> app, Callable<Integer> sql) throws Exception {
    System.out.printf("%s: app answer %,d bytes, SQL %,d rows%n", what, app.call(), sql.call());
    long warmEnd = System.nanoTime() + WARM * 1_000_000_000L;
    while (System.nanoTime() < warmEnd) { app.call(); sql.call(); }
    List<Long> a = new ArrayList<>(), s = new ArrayList<>();
    long end = System.nanoTime() + 2L * RUN * 1_000_000_000L;
    boolean appTurn = true;
    while (System.nanoTime() < end) {
      long slice = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < slice) {
        long t = System.nanoTime();
        (appTurn ? app : sql).call();
        (appTurn ? a : s).add(System.nanoTime() - t);
      }
      appTurn = !appTurn;
    }
    report(what, a, s);
  }

  /** For a slow write: one warm-up each, then n timed runs each, alternating. */
  static void fixedRuns(String what, int n, Callable<Integer> app, Callable<Integer> sql) throws Exception {
    app.call(); sql.call();
    List<Long> a = new ArrayList<>(), s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime(); app.call(); a.add(System.nanoTime() - t);
      t = System.nanoTime(); sql.call(); s.add(System.nanoTime() - t);
    }
    report(what, a, s);
  }

  static void report(String what, List<Long> a, List<Long> s) {
    Collections.sort(a); Collections.sort(s);
    double am = a.get(a.size() / 2) / 1e6, sm = s.get(s.size() / 2) / 1e6;
    System.out.printf("%-32s app median %8.1f ms p95 %8.1f ms (n=%d) | hand SQL median %8.1f ms p95 %8.1f ms (n=%d) | ratio %.2f%n",
        what, am, a.get((int) (a.size() * 0.95)) / 1e6, a.size(), sm, s.get((int) (s.size() * 0.95)) / 1e6, s.size(), am / sm);
  }

  static int rows(Connection db, String sql, String param) throws Exception {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      if (param != null) p.setString(1, param);
      try (ResultSet r = p.executeQuery()) {
        int n = 0;
        while (r.next()) { r.getObject(1); r.getObject(2); n++; }
        return n;
      }
    }
  }

  static String rows1(Connection db, String sql) throws Exception {
    try (ResultSet r = db.createStatement().executeQuery(sql)) { r.next(); return r.getString(1); }
  }

  static int get(String path) {
    HttpResponse<String> r = send("GET", path, null);
    if (r.statusCode() != 200) throw new IllegalStateException(path + " " + r.statusCode() + " " + r.body());
    return r.body().length();
  }

  static HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(30)).header("Accept", "application/json");
    b = json == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    if (!csrf.isEmpty()) b.header("X-CSRF-Token", csrf);
    try { return client.send(b.build(), HttpResponse.BodyHandlers.ofString()); } catch (Exception e) { throw new IllegalStateException(e); }
  }

  static String token(Path mail, String email) throws Exception {
    Pattern token = Pattern.compile("#token=([A-Za-z0-9_.-]+)");
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.isDirectory(mail)) {
        try (var files = Files.list(mail)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
            String text = Files.readString(f).replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
            Matcher m = token.matcher(text);
            if (text.contains(email) && m.find()) return m.group(1);
          }
        }
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no manage link for " + email + " in " + mail);
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
    if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
    return m.group(1);
  }
}
