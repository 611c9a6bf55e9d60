package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.payments.Checkouts;
import org.pathlight.web.Pages;

/** The donation page ({@code /give}) and the thank-you page ({@code /give/thanks}). */
@WebServlet(urlPatterns = {"/give", "/give/thanks", "/give/manage"})
public class GivePagesServlet extends HttpServlet {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  @Inject Pages pages;
  @Inject Funds funds;
  @Inject GivingSettings settings;
  @Inject Checkouts checkouts;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, Object> model = new HashMap<>();
    model.put("test", checkouts.testMode());
    if (request.getServletPath().endsWith("/manage")) {
      pages.send(response, "manage", "Your giving", model);
    } else if (request.getServletPath().endsWith("/thanks")) {
      model.put("giftId", String.valueOf(request.getParameter("gift")));
      model.put("plan", request.getParameter("plan") != null);
      pages.send(response, "thanks", "Thank you", model);
    } else {
      List<Funds.View> active = funds.active();
      model.put("funds", active.stream().map(GivePagesServlet::fundModel).toList());
      model.put("firstAsks", active.isEmpty() ? List.of() : asks(active.get(0).askAmounts()));
      model.put("feeBasisPoints", settings.feeBasisPoints());
      model.put("feeFixed", settings.feeFixed());
      model.put("minDollars", settings.minAmount() / 100.0);
      model.put("cancelled", request.getParameter("cancelled") != null);
      pages.send(response, "give", "Give", model);
    }
  }

  private static Map<String, Object> fundModel(Funds.View f) {
    JsonArrayBuilder asks = JSON.createArrayBuilder();
    f.askAmounts()
        .forEach(
            a ->
                asks.add(
                    JSON.createObjectBuilder().add("amount", a.amount()).add("label", a.label())));
    return Map.of(
        "code", f.code(),
        "name", f.name(),
        "description", f.description(),
        "restricted", f.restricted(),
        "asksJson", asks.build().toString());
  }

  private static List<Map<String, Object>> asks(List<Funds.AskView> asks) {
    return asks.stream()
        .map(
            a ->
                Map.<String, Object>of(
                    "amount", a.amount(), "dollars", a.amount() / 100, "label", a.label()))
        .toList();
  }
}
