package org.pathlight.donations;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.pathlight.access.StaffOnly;
import org.pathlight.access.StaffRole;
import org.pathlight.common.MoneyText;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.common.QueryParams;
import org.pathlight.documents.Csv;

/**
 * {@code /api/reports}: fundraising reports, each with a CSV. Totals by fund and month (net of
 * refunds, lost chargebacks and processing fees), and donor retention: how many of last year's
 * donors gave again, first-year retention, and the LYBUNT and SYBUNT donors to call.
 */
@Path("reports")
@Produces(MediaType.APPLICATION_JSON)
@StaffOnly(StaffRole.FUNDRAISING)
public class ReportsResource {

  /** The longest span the fund report covers, in months. */
  static final int MAX_MONTHS = 60;

  /** One fund's gifts in one month and currency. */
  public record FundMonth(
      String month,
      String fundCode,
      String fundName,
      String currency,
      long gifts,
      long gross,
      long refunded,
      long chargedBack,
      long net,
      long fees,
      long feesEstimated,
      long netAfterFees) {}

  /** How many of last year's donors gave again this year, and who did not. */
  public record Retention(
      int year,
      long donorsThisYear,
      long donorsLastYear,
      long retained,
      long newThisYear,
      long lybunt,
      long sybunt,
      long newLastYear,
      long newLastYearRetained,
      Double retentionRate,
      Double firstYearRetentionRate) {}

  /** A donor who gave before and not this year: who to call, with what they gave. */
  public record Lapsed(
      long supporterId,
      String email,
      String firstName,
      String lastName,
      LocalDate lastGift,
      String currency,
      long lastYearTotal,
      long lifetimeTotal) {}

  /** The retention figures with the first of the donors who lapsed. */
  public record RetentionReport(Retention retention, List<Lapsed> lybunt, List<Lapsed> sybunt) {}

  @Inject GivingReports reports;
  @Inject Organization org;

  @GET
  @Path("funds")
  public List<FundMonth> funds(@QueryParam("from") String from, @QueryParam("to") String to) {
    YearMonth[] span = span(from, to);
    return reports.byFundAndMonth(span[0], span[1]);
  }

  @GET
  @Path("funds.csv")
  @Produces("text/csv")
  public Response fundsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
    YearMonth[] span = span(from, to);
    StringBuilder csv =
        new StringBuilder(
            "month,fund,fund_name,currency,gifts,gross,refunded,charged_back,net,"
                + "fees,fees_estimated_for,net_after_fees\r\n");
    for (FundMonth m : reports.byFundAndMonth(span[0], span[1])) {
      Csv.row(
          csv,
          m.month(),
          m.fundCode(),
          m.fundName(),
          m.currency(),
          m.gifts(),
          MoneyText.decimal(m.gross(), m.currency()),
          MoneyText.decimal(m.refunded(), m.currency()),
          MoneyText.decimal(m.chargedBack(), m.currency()),
          MoneyText.decimal(m.net(), m.currency()),
          MoneyText.decimal(m.fees(), m.currency()),
          m.feesEstimated(),
          MoneyText.decimal(m.netAfterFees(), m.currency()));
    }
    return csv(csv, "funds-" + span[0] + "-to-" + span[1] + ".csv");
  }

  @GET
  @Path("retention")
  public RetentionReport retention(@QueryParam("year") String year) {
    int y = year(year);
    return new RetentionReport(
        reports.retention(y), reports.lapsed(y, true, 50), reports.lapsed(y, false, 50));
  }

  /** Every LYBUNT ({@code segment=lybunt}) or SYBUNT donor of the year, as a call list. */
  @GET
  @Path("lapsed.csv")
  @Produces("text/csv")
  public Response lapsedCsv(
      @QueryParam("year") String year, @QueryParam("segment") String segment) {
    int y = year(year);
    if (segment == null || !List.of("lybunt", "sybunt").contains(segment)) {
      throw ProblemException.invalid("segment", "use lybunt or sybunt");
    }
    StringBuilder csv =
        new StringBuilder(
            "email,first_name,last_name,last_gift,currency,last_year_total,lifetime_total\r\n");
    for (Lapsed d : reports.lapsed(y, segment.equals("lybunt"), 100_000)) {
      Csv.row(
          csv,
          d.email(),
          d.firstName(),
          d.lastName(),
          d.lastGift(),
          d.currency(),
          MoneyText.decimal(d.lastYearTotal(), d.currency()),
          MoneyText.decimal(d.lifetimeTotal(), d.currency()));
    }
    return csv(csv, segment + "-" + y + ".csv");
  }

  private static Response csv(StringBuilder body, String name) {
    return Response.ok(body.toString())
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private int year(String text) {
    int current = org.today().getYear();
    if (text == null || text.isBlank()) {
      return current;
    }
    if (!text.matches("\\d{4}")) {
      throw ProblemException.invalid("year", "give a year such as " + current);
    }
    int y = Integer.parseInt(text);
    if (y < 2000 || y > current) {
      throw ProblemException.invalid("year", "must be from 2000 to " + current);
    }
    return y;
  }

  /** The months asked for: by default the last twelve, this one included. */
  private YearMonth[] span(String from, String to) {
    YearMonth now = YearMonth.from(org.today());
    YearMonth end = to == null || to.isBlank() ? now : month("to", to);
    YearMonth start = from == null || from.isBlank() ? end.minusMonths(11) : month("from", from);
    if (start.isAfter(end)) {
      throw ProblemException.invalid("to", "must not be before the first month");
    }
    if (start.plusMonths(MAX_MONTHS).isBefore(end.plusMonths(1))) {
      throw ProblemException.invalid("from", "cover at most " + MAX_MONTHS + " months at once");
    }
    return new YearMonth[] {start, end};
  }

  private static YearMonth month(String field, String text) {
    try {
      return YearMonth.parse(QueryParams.maxLength(field, text, 7));
    } catch (DateTimeParseException e) {
      throw ProblemException.invalid(field, "give a month as YYYY-MM, such as 2026-11");
    }
  }
}
