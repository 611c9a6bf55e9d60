package org.pathlight.payments;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.pathlight.common.MoneyText;
import org.pathlight.web.Pages;

/**
 * The test processor's hosted checkout page, {@code /give/test-checkout/{session}}: marked TEST,
 * with a button to pay and one to decline. Only exists while no Stripe key is configured.
 */
@WebServlet("/give/test-checkout/*")
public class TestCheckoutServlet extends HttpServlet {

  @Inject TestCheckout checkout;
  @Inject PaymentSettings settings;
  @Inject Pages pages;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<TestCheckout.Session> session = session(request);
    if (session.isEmpty()) {
      response.sendError(404);
      return;
    }
    render(response, session.get(), null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<TestCheckout.Session> found = session(request);
    if (found.isEmpty()) {
      response.sendError(404);
      return;
    }
    String outcome = request.getParameter("outcome");
    if (!"succeeded".equals(outcome) && !"declined".equals(outcome)) {
      response.sendError(400);
      return;
    }
    TestCheckout.Session session =
        checkout.complete(found.get().id(), "succeeded".equals(outcome)).orElseThrow();
    if ("complete".equals(session.status())) {
      response.sendRedirect(session.successUrl());
    } else {
      render(response, session, "declined");
    }
  }

  private void render(HttpServletResponse response, TestCheckout.Session s, String note)
      throws IOException {
    pages.send(
        response,
        "test-checkout",
        "TEST checkout",
        Map.of(
            "id", s.id(),
            "amount", MoneyText.format(s.amount(), s.currency()),
            "description", s.description(),
            "email", s.email(),
            "open", "open".equals(s.status()),
            "declined", "declined".equals(s.status()) || "declined".equals(note),
            "complete", "complete".equals(s.status()),
            "successUrl", s.successUrl(),
            "cancelUrl", s.cancelUrl()));
  }

  private Optional<TestCheckout.Session> session(HttpServletRequest request) {
    if (settings.stripe() || request.getPathInfo() == null) {
      return Optional.empty();
    }
    String id = request.getPathInfo().substring(1);
    return id.matches("test_cs_[0-9a-f]{32}") ? checkout.find(id) : Optional.empty();
  }
}
