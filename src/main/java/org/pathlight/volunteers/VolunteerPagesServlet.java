package org.pathlight.volunteers;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.pathlight.common.Pages;

/** The volunteer pages: apply ({@code /volunteer/apply}) and home ({@code /volunteer/}). */
@WebServlet(urlPatterns = {"/volunteer/", "/volunteer/apply", "/volunteer/cancel"})
public class VolunteerPagesServlet extends HttpServlet {

  @Inject Pages pages;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    String html =
        path.endsWith("/apply")
            ? pages.render("volunteer-apply", "Volunteer with us", Map.of())
            : path.endsWith("/cancel")
                ? pages.render("volunteer-cancel", "Cancel a shift", Map.of())
                : pages.render("volunteer-home", "Volunteer shifts", Map.of());
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(html);
  }
}
