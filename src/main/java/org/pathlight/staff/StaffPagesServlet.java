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
 * Staff work pages: shifts and rosters ({@code /staff/shifts}), volunteer screening ({@code
 * /staff/volunteers}) and letter campaigns ({@code /staff/campaigns}). The pages hold no data;
 * their scripts call the staff API with the session cookie, so an expired session shows a sign-in
 * link and nothing else.
 */
@WebServlet(urlPatterns = {"/staff/shifts", "/staff/volunteers", "/staff/campaigns"})
public class StaffPagesServlet extends HttpServlet {

  @Inject Pages pages;
  @Inject Organization org;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getServletPath().endsWith("/shifts")) {
      pages.send(response, "staff-shifts", "Shifts", Map.of("zone", org.zone().getId()));
    } else if (request.getServletPath().endsWith("/campaigns")) {
      pages.send(response, "staff-campaigns", "Letter campaigns", Map.of());
    } else {
      pages.send(response, "staff-volunteers", "Volunteer screening", Map.of());
    }
  }
}
