package org.pathlight.staff;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.pathlight.common.Organization;
import org.pathlight.web.Pages;

/**
 * Staff work pages: gifts ({@code /staff/gifts}) and one gift ({@code /staff/gifts/{id}}), an
 * offline gift's entry ({@code /staff/gifts/new}), deposit batches ({@code /staff/batches}) and one
 * batch ({@code /staff/batches/{id}}), recurring gifts ({@code /staff/plans}) and one plan ({@code
 * /staff/plans/{id}}), shifts and rosters ({@code /staff/shifts}), volunteer screening ({@code
 * /staff/volunteers}), letter campaigns ({@code /staff/campaigns}), staff accounts ({@code
 * /staff/accounts}) and an invited colleague's password ({@code /staff/accept}, no session). The
 * pages hold no data; their scripts call the staff API with the session cookie, so an expired
 * session shows a sign-in link and nothing else.
 */
@WebServlet(
    urlPatterns = {
      "/staff/shifts",
      "/staff/volunteers",
      "/staff/campaigns",
      "/staff/gifts",
      "/staff/gifts/*",
      "/staff/plans",
      "/staff/plans/*",
      "/staff/batches",
      "/staff/batches/*",
      "/staff/funds",
      "/staff/reports",
      "/staff/people",
      "/staff/people/*",
      "/staff/accounts",
      "/staff/accept",
      "/staff/forgot",
      "/staff/reset",
      "/staff/password",
      "/staff/two-factor",
      "/staff/audit",
      "/staff/targets",
      "/staff/officials",
      "/staff/tokens",
      "/staff/outbox"
    })
public class StaffPagesServlet extends HttpServlet {

  private record Page(String template, String title) {}

  /**
   * The page at each address: a path, a path with a fixed sub-path ({@code /staff/gifts/new}), or
   * {@code {path}/*} for the page of one record.
   */
  private static final Map<String, Page> PAGES =
      Map.ofEntries(
          Map.entry("/staff/gifts", new Page("staff-gifts", "Gifts")),
          Map.entry("/staff/gifts/new", new Page("staff-gift-new", "Record an offline gift")),
          Map.entry("/staff/gifts/*", new Page("staff-gift", "Gift")),
          Map.entry("/staff/plans", new Page("staff-plans", "Recurring gifts")),
          Map.entry("/staff/plans/*", new Page("staff-plan", "Recurring gift")),
          Map.entry("/staff/batches", new Page("staff-batches", "Deposit batches")),
          Map.entry("/staff/batches/*", new Page("staff-batch", "Deposit batch")),
          Map.entry("/staff/funds", new Page("staff-funds", "Funds")),
          Map.entry("/staff/reports", new Page("staff-reports", "Fundraising reports")),
          Map.entry("/staff/people", new Page("staff-people", "People")),
          Map.entry(
              "/staff/people/duplicates", new Page("staff-duplicates", "Possible duplicates")),
          Map.entry("/staff/people/import", new Page("staff-import", "Import people")),
          Map.entry("/staff/people/*", new Page("staff-person", "Person")),
          Map.entry("/staff/shifts", new Page("staff-shifts", "Shifts")),
          Map.entry("/staff/volunteers", new Page("staff-volunteers", "Volunteer screening")),
          Map.entry("/staff/campaigns", new Page("staff-campaigns", "Letter campaigns")),
          Map.entry("/staff/targets", new Page("staff-targets", "Custom targets")),
          Map.entry("/staff/officials", new Page("staff-officials", "Officials directory")),
          Map.entry("/staff/accounts", new Page("staff-accounts", "Staff accounts")),
          Map.entry("/staff/accept", new Page("staff-accept", "Choose your password")),
          Map.entry("/staff/forgot", new Page("staff-forgot", "Forgot your password?")),
          Map.entry("/staff/reset", new Page("staff-reset", "Choose a new password")),
          Map.entry("/staff/password", new Page("staff-password", "Change your password")),
          Map.entry("/staff/two-factor", new Page("staff-two-factor", "Two-step sign-in")),
          Map.entry("/staff/audit", new Page("staff-audit", "Audit trail")),
          Map.entry("/staff/tokens", new Page("staff-tokens", "API tokens")),
          Map.entry("/staff/outbox", new Page("staff-outbox", "Email outbox")));

  @Inject Pages pages;
  @Inject Organization org;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    String sub = request.getPathInfo();
    String key =
        sub == null || sub.length() <= 1
            ? path
            : PAGES.containsKey(path + sub) ? path + sub : path + "/*";
    Page page = PAGES.get(key);
    if (page == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    pages.send(
        response,
        page.template(),
        page.title(),
        path.equals("/staff/shifts") ? Map.of("zone", org.zone().getId()) : Map.of());
  }
}
