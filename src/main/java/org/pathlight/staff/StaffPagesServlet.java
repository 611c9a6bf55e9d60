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

  @Inject Pages pages;
  @Inject Organization org;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    boolean one = request.getPathInfo() != null && request.getPathInfo().length() > 1;
    if (path.equals("/staff/gifts") && "/new".equals(request.getPathInfo())) {
      pages.send(response, "staff-gift-new", "Record an offline gift", Map.of());
    } else if (path.equals("/staff/gifts") && one) {
      pages.send(response, "staff-gift", "Gift", Map.of());
    } else if (path.equals("/staff/plans") && one) {
      pages.send(response, "staff-plan", "Recurring gift", Map.of());
    } else if (path.equals("/staff/batches") && one) {
      pages.send(response, "staff-batch", "Deposit batch", Map.of());
    } else if (path.equals("/staff/people") && "/duplicates".equals(request.getPathInfo())) {
      pages.send(response, "staff-duplicates", "Possible duplicates", Map.of());
    } else if (path.equals("/staff/people") && "/import".equals(request.getPathInfo())) {
      pages.send(response, "staff-import", "Import people", Map.of());
    } else if (path.equals("/staff/people") && one) {
      pages.send(response, "staff-person", "Person", Map.of());
    } else if (path.equals("/staff/people")) {
      pages.send(response, "staff-people", "People", Map.of());
    } else if (path.equals("/staff/accounts")) {
      pages.send(response, "staff-accounts", "Staff accounts", Map.of());
    } else if (path.equals("/staff/targets")) {
      pages.send(response, "staff-targets", "Custom targets", Map.of());
    } else if (path.equals("/staff/officials")) {
      pages.send(response, "staff-officials", "Officials directory", Map.of());
    } else if (path.equals("/staff/audit")) {
      pages.send(response, "staff-audit", "Audit trail", Map.of());
    } else if (path.equals("/staff/tokens")) {
      pages.send(response, "staff-tokens", "API tokens", Map.of());
    } else if (path.equals("/staff/outbox")) {
      pages.send(response, "staff-outbox", "Email outbox", Map.of());
    } else if (path.equals("/staff/forgot")) {
      pages.send(response, "staff-forgot", "Forgot your password?", Map.of());
    } else if (path.equals("/staff/reset")) {
      pages.send(response, "staff-reset", "Choose a new password", Map.of());
    } else if (path.equals("/staff/two-factor")) {
      pages.send(response, "staff-two-factor", "Two-step sign-in", Map.of());
    } else if (path.equals("/staff/password")) {
      pages.send(response, "staff-password", "Change your password", Map.of());
    } else if (path.equals("/staff/accept")) {
      pages.send(response, "staff-accept", "Choose your password", Map.of());
    } else if (path.equals("/staff/reports")) {
      pages.send(response, "staff-reports", "Fundraising reports", Map.of());
    } else if (path.equals("/staff/funds")) {
      pages.send(response, "staff-funds", "Funds", Map.of());
    } else if (path.equals("/staff/batches")) {
      pages.send(response, "staff-batches", "Deposit batches", Map.of());
    } else if (path.equals("/staff/plans")) {
      pages.send(response, "staff-plans", "Recurring gifts", Map.of());
    } else if (path.equals("/staff/gifts")) {
      pages.send(response, "staff-gifts", "Gifts", Map.of());
    } else if (path.endsWith("/shifts")) {
      pages.send(response, "staff-shifts", "Shifts", Map.of("zone", org.zone().getId()));
    } else if (path.endsWith("/campaigns")) {
      pages.send(response, "staff-campaigns", "Letter campaigns", Map.of());
    } else {
      pages.send(response, "staff-volunteers", "Volunteer screening", Map.of());
    }
  }
}
