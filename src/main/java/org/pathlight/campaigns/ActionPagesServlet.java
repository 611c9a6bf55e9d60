package org.pathlight.campaigns;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pathlight.common.Organization;
import org.pathlight.officials.CensusGeocoder;
import org.pathlight.officials.Officials;
import org.pathlight.web.Pages;

/**
 * The public advocacy pages: {@code /act/} lists the campaigns taking letters, {@code /act/{slug}}
 * is a campaign's action page (ZIP, then the letters, then where they went).
 */
@WebServlet(urlPatterns = {"/act", "/act/*"})
public class ActionPagesServlet extends HttpServlet {

  @Inject Pages pages;
  @Inject Campaigns campaigns;
  @Inject Officials officials;
  @Inject Organization org;
  @Inject CensusGeocoder geocoder;
  @Inject LetterTestMode testMode;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect("/act/");
      return;
    }
    String slug = path.startsWith("/") ? path.substring(1) : path;
    LocalDate today = org.today();
    if (slug.isEmpty()) {
      List<Map<String, Object>> open = new ArrayList<>();
      campaigns.all().stream()
          .filter(c -> c.open(today))
          .forEach(c -> open.add(Map.of("slug", c.slug(), "title", c.title(), "intro", text(c))));
      pages.send(response, "act-list", "Speak up", Map.of("campaigns", open));
      return;
    }
    Optional<Campaigns.CampaignView> found =
        slug.matches("[a-z0-9-]{1,80}")
            ? campaigns.find(slug).filter(c -> !"draft".equals(c.status()))
            : Optional.empty();
    if (found.isEmpty()) {
      response.setStatus(404);
      pages.send(
          response,
          "error",
          "No such campaign",
          Map.of("detail", "There is no campaign at this address. See the open ones at /act/."));
      return;
    }
    Campaigns.CampaignView c = found.get();
    Map<String, Object> model = new HashMap<>();
    model.put("slug", c.slug());
    model.put("testMode", testMode.on());
    model.put("campaignTitle", c.title());
    model.put("intro", text(c));
    model.put("subject", c.subject());
    model.put("open", c.open(today));
    model.put("notYet", c.startsOn() != null && today.isBefore(c.startsOn()));
    model.put("startsOn", c.startsOn() == null ? "" : c.startsOn().toString());
    model.put("targets", String.join(" ", c.targets()));
    model.put("congress", c.targets().stream().anyMatch(t -> t.startsWith("us-")));
    model.put("stateUpper", c.targets().contains("state-upper"));
    model.put("stateLower", c.targets().contains("state-lower"));
    model.put("geocoder", geocoder.enabled());
    List<Map<String, Object>> custom = new ArrayList<>();
    c.targets().stream()
        .filter(t -> !Campaigns.OFFICES.contains(t))
        .forEach(
            t ->
                officials
                    .findCurrent(t)
                    .ifPresent(
                        o ->
                            custom.add(
                                Map.of(
                                    "name",
                                    o.name(),
                                    "title",
                                    o.title() == null ? "" : o.title(),
                                    "organisation",
                                    o.organisation() == null ? "" : o.organisation()))));
    // the street address is asked whenever a letter may be printed: Congress, state legislators
    // (some publish no email) and custom targets with only a postal address
    boolean printable =
        c.targets().stream()
            .anyMatch(
                t ->
                    Campaigns.OFFICES.contains(t)
                        || officials
                            .findCurrent(t)
                            .map(
                                o ->
                                    o.channels().stream()
                                        .noneMatch(ch -> "email".equals(ch.type())))
                            .orElse(false));
    model.put("printable", printable);
    model.put("custom", custom);
    model.put("hasCustom", !custom.isEmpty());
    pages.send(response, "act", c.title(), model);
  }

  private static String text(Campaigns.CampaignView c) {
    return c.intro() == null ? "" : c.intro();
  }
}
