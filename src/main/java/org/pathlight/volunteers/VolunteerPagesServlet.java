package org.pathlight.volunteers;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.pathlight.web.Pages;

/** The volunteer pages: apply ({@code /volunteer/apply}) and home ({@code /volunteer/}). */
@WebServlet(urlPatterns = {"/volunteer/", "/volunteer/apply", "/volunteer/cancel"})
public class VolunteerPagesServlet extends HttpServlet {

  @Inject Pages pages;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    if (path.endsWith("/apply")) {
      pages.send(response, "volunteer-apply", "Volunteer with us", Map.of());
    } else if (path.endsWith("/cancel")) {
      pages.send(response, "volunteer-cancel", "Cancel a shift", Map.of());
    } else {
      pages.send(response, "volunteer-home", "Volunteer shifts", Map.of());
    }
  }
}
