package org.pathlight.common;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** The public home page and the staff sign-in page. */
@WebServlet(urlPatterns = {"", "/staff/"})
public class PageServlet extends HttpServlet {

  @Inject Pages pages;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean staff = request.getServletPath().startsWith("/staff");
    String html =
        staff
            ? pages.render("staff", "Staff sign-in", Map.of())
            : pages.render("home", "Home", Map.of());
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(html);
  }
}
