package org.pathlight.impact;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathlight.web.Pages;

/**
 * {@code /impact}: the published quarters as server-rendered SVG charts (no script, no library)
 * with a table beside each for screen readers, and the unit costs with their basis; {@code
 * /staff/impact}: the impact staff page (its script calls the API).
 */
@WebServlet(urlPatterns = {"/impact", "/staff/impact"})
public class ImpactPagesServlet extends HttpServlet {

  private static final int BAR_WIDTH = 56;
  private static final int CHART_HEIGHT = 140;

  @Inject Pages pages;
  @Inject ImpactReports reports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getServletPath().startsWith("/staff")) {
      pages.send(response, "staff-impact", "Impact", Map.of());
      return;
    }
    ImpactReports.Public report = reports.publicReport();
    List<Map<String, Object>> charts = new ArrayList<>();
    Map<String, List<ImpactReports.ServiceCount>> byType = new LinkedHashMap<>();
    for (ImpactReports.Period p : report.periods()) {
      for (ImpactReports.ServiceCount s : p.services()) {
        byType.computeIfAbsent(s.serviceType(), k -> new ArrayList<>()).add(s);
      }
    }
    List<String> periods = report.periods().stream().map(ImpactReports.Period::period).toList();
    for (List<ImpactReports.ServiceCount> cells : byType.values()) {
      if (cells.stream().allMatch(c -> Long.valueOf(0).equals(c.count()))) {
        continue;
      }
      List<Map<String, String>> rows = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        rows.add(Map.of("period", label(periods.get(i)), "display", cells.get(i).display()));
      }
      charts.add(
          Map.of(
              "name", cells.get(0).name(),
              "unitPlural", cells.get(0).unitPlural(),
              "svg", svg(cells, periods, report.threshold()),
              "rows", rows));
    }
    List<Map<String, String>> costs = new ArrayList<>();
    for (ImpactReports.UnitCost u : reports.publicUnitCosts()) {
      if (u.unitCost() != null) {
        costs.add(Map.of("text", u.basis().text()));
      }
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("charts", charts);
    model.put("costs", costs);
    model.put("threshold", report.threshold());
    model.put("nothing", charts.isEmpty());
    pages.send(response, "impact", "Our impact", model);
  }

  /** "2026-Q3" → "Jul–Sep 2026". */
  static String label(String period) {
    String[] names = {"Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec"};
    return names[period.charAt(6) - '1'] + " " + period.substring(0, 4);
  }

  /**
   * Bars per quarter. A hidden count has no bar (its height would tell the number): a hatched stub
   * at the base line, the same for every hidden cell, labelled "fewer than 11".
   */
  static String svg(List<ImpactReports.ServiceCount> cells, List<String> periods, int threshold) {
    long max =
        cells.stream().filter(c -> c.count() != null).mapToLong(c -> c.count()).max().orElse(1);
    max = Math.max(max, 1);
    int width = Math.max(cells.size() * (BAR_WIDTH + 16) + 16, 200);
    StringBuilder svg = new StringBuilder();
    // drawn at its own size (12 px text), narrower on a small screen, never blown up
    svg.append("<svg class=\"chart\" aria-hidden=\"true\" focusable=\"false\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(CHART_HEIGHT + 40)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(CHART_HEIGHT + 40)
        .append("\" preserveAspectRatio=\"xMinYMin meet\">")
        .append(
            "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"")
        .append(" patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" class=\"hatch\"/>")
        .append("</pattern></defs>");
    int base = CHART_HEIGHT + 4;
    for (int i = 0; i < cells.size(); i++) {
      ImpactReports.ServiceCount c = cells.get(i);
      int x = 16 + i * (BAR_WIDTH + 16);
      if (c.count() == null) {
        svg.append("<rect x=\"")
            .append(x)
            .append("\" y=\"")
            .append(base - 10)
            .append("\" width=\"")
            .append(BAR_WIDTH)
            .append("\" height=\"10\" fill=\"url(#hatch)\" class=\"hidden-cell\"/>");
        text(svg, x + BAR_WIDTH / 2, base - 16, "<" + threshold);
      } else {
        int h = (int) Math.round((double) c.count() / max * (CHART_HEIGHT - 24));
        svg.append("<rect x=\"")
            .append(x)
            .append("\" y=\"")
            .append(base - h)
            .append("\" width=\"")
            .append(BAR_WIDTH)
            .append("\" height=\"")
            .append(h)
            .append("\" class=\"bar\"/>");
        text(svg, x + BAR_WIDTH / 2, base - h - 6, c.display());
      }
      text(svg, x + BAR_WIDTH / 2, base + 16, periods.get(i).replace("-", " "));
    }
    svg.append("<line x1=\"8\" x2=\"")
        .append(width - 8)
        .append("\" y1=\"")
        .append(base)
        .append("\" y2=\"")
        .append(base)
        .append("\" class=\"axis\"/></svg>");
    return svg.toString();
  }

  private static void text(StringBuilder svg, int x, int y, String text) {
    svg.append("<text x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" text-anchor=\"middle\">")
        .append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        .append("</text>");
  }
}
