package org.pathlight.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The page folders typed without their trailing slash ({@code /staff}, {@code /volunteer}) go to
 * the page, with the query kept, as {@code /act} does, instead of a 404.
 */
@WebServlet(urlPatterns = {"/staff", "/volunteer"})
public class SlashRedirects extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) {
    String query = request.getQueryString();
    response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
    response.setHeader(
        "Location", request.getServletPath() + "/" + (query == null ? "" : "?" + query));
    response.setHeader("Cache-Control", "no-store");
  }
}
