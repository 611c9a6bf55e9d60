package org.pathlight.web;

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
    if (request.getServletPath().startsWith("/staff")) {
      pages.send(response, "staff", "Staff sign-in", Map.of());
    } else {
      pages.send(response, "home", "Home", Map.of());
    }
  }
}
