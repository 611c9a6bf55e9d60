package org.pathlight.newsletters;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.pathlight.common.ProblemException;
import org.pathlight.supporters.Consents;
import org.pathlight.web.Pages;

/**
 * The pages a supporter reaches from an email: their preferences ({@code /preferences#token=…}), a
 * sign-up's confirmation ({@code /subscribe/confirm#token=…}) and unsubscribe ({@code
 * /unsubscribe/{token}}), which asks first: a GET changes nothing, because link scanners follow
 * links in email; and the staff page {@code /staff/newsletters}.
 */
@WebServlet(
    urlPatterns = {"/preferences", "/subscribe/confirm", "/unsubscribe/*", "/staff/newsletters"})
public class ConsentPagesServlet extends HttpServlet {

  @Inject Pages pages;
  @Inject ConsentLinks links;
  @Inject Consents consents;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getServletPath();
    if (path.equals("/staff/newsletters")) {
      pages.send(response, "staff-newsletters", "Newsletters", Map.of());
    } else if (path.equals("/preferences")) {
      pages.send(response, "preferences", "Your email preferences", Map.of());
    } else if (path.equals("/subscribe/confirm")) {
      pages.send(response, "subscribe-confirm", "Confirm your sign-up", Map.of());
    } else {
      String token = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
      Map<String, Object> model = new HashMap<>();
      try {
        ConsentLinks.Unsubscribe who = links.unsubscribe(token);
        model.put("topicName", consents.requireTopic("topic", who.topic()).name());
        model.put("token", token);
        model.put("valid", true);
      } catch (ProblemException e) {
        model.put("valid", false);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      }
      pages.send(response, "unsubscribe", "Unsubscribe", model);
    }
  }
}
