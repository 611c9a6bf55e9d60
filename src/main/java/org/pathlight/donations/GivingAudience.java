package org.pathlight.donations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pathlight.common.Organization;
import org.pathlight.common.ProblemException;
import org.pathlight.supporters.AudienceRules;

/**
 * Audience rules over giving, counted as the reports count it (paid, not test, not voided, net of
 * refunds and chargebacks, on the day received in the organisation's zone):
 *
 * <ul>
 *   <li>{@code {"gave": {from?, to?, minTotal?, fund?}}}: gave in the period (dates inclusive), at
 *       least {@code minTotal} cents in all, to the fund if one is named;
 *   <li>{@code {"firstGift": {from?, to?}}}: first gift in the period;
 *   <li>{@code {"lybunt": {year?}}}, {@code {"sybunt": {year?}}}: gave last year but not this year
 *       (LYBUNT), or some year before last but neither last year nor this (SYBUNT); this year by
 *       default;
 *   <li>{@code {"recurring": status}}: has a recurring gift in that state ({@code active}, …).
 * </ul>
 */
@ApplicationScoped
class GivingAudience implements AudienceRules {

  private static final String NET = "g.amount_charged - g.refunded_amount - g.charged_back_amount";
  private static final String COUNTED =
      "g.paid_at is not null and not g.test and g.voided_at is null";
  private static final String DAY = GivingReports.receivedDay("?");

  @Inject Organization org;
  @Inject Funds funds;

  @Override
  public Set<String> keys() {
    return Set.of("gave", "firstGift", "lybunt", "sybunt", "recurring");
  }

  @Override
  public Condition condition(String key, JsonValue argument, String field) {
    String zone = org.zone().getId();
    return switch (key) {
      case "gave" ->
          gave(
              AudienceRules.object(argument, field, Set.of("from", "to", "minTotal", "fund")),
              field,
              zone);
      case "firstGift" -> {
        JsonObject o = AudienceRules.object(argument, field, Set.of("from", "to"));
        LocalDate from = AudienceRules.date(o, "from", field);
        LocalDate to = AudienceRules.date(o, "to", field);
        List<Object> params = new ArrayList<>();
        String having = "true";
        if (from != null) {
          having += " and min(" + DAY + ") >= ?";
          params.add(zone);
          params.add(Date.valueOf(from));
        }
        if (to != null) {
          having += " and min(" + DAY + ") <= ?";
          params.add(zone);
          params.add(Date.valueOf(to));
        }
        yield new Condition(
            "s.id in (select g.supporter_id from gift g where "
                + COUNTED
                + " and "
                + NET
                + " > 0 group by g.supporter_id having "
                + having
                + ")",
            params);
      }
      case "lybunt", "sybunt" -> {
        JsonObject o = AudienceRules.object(argument, field, Set.of("year"));
        Long y = AudienceRules.number(o, "year", field, 2000);
        int year = y == null ? org.today().getYear() : y.intValue();
        String yearOf = "extract(year from " + DAY + ")";
        String having =
            key.equals("lybunt")
                ? "bool_or(" + yearOf + " = ?) and not bool_or(" + yearOf + " = ?)"
                : "bool_or(" + yearOf + " < ?) and not bool_or(" + yearOf + " >= ?)";
        yield new Condition(
            "s.id in (select g.supporter_id from gift g where "
                + COUNTED
                + " and "
                + NET
                + " > 0 group by g.supporter_id having "
                + having
                + ")",
            List.of(zone, year - 1, zone, key.equals("lybunt") ? year : year - 1));
      }
      case "recurring" -> {
        String status = AudienceRules.text(argument, field);
        if (!PlanStatus.words().contains(status)) {
          throw ProblemException.invalid(
              field,
              "use one of " + String.join(", ", new java.util.TreeSet<>(PlanStatus.words())));
        }
        yield new Condition(
            "s.id in (select p.supporter_id from recurring_plan p where p.status = ? and not p.test)",
            List.of(status));
      }
      default -> throw new IllegalArgumentException(key);
    };
  }

  private Condition gave(JsonObject o, String field, String zone) {
    LocalDate from = AudienceRules.date(o, "from", field);
    LocalDate to = AudienceRules.date(o, "to", field);
    Long min = AudienceRules.number(o, "minTotal", field, 1);
    String fund = AudienceRules.text(o, "fund", field);
    if (fund != null && funds.all().stream().noneMatch(f -> f.code().equals(fund))) {
      throw ProblemException.invalid(field + ".fund", "there is no fund '" + fund + "'");
    }
    StringBuilder where = new StringBuilder(COUNTED);
    List<Object> params = new ArrayList<>();
    if (from != null) {
      where.append(" and ").append(DAY).append(" >= ?");
      params.add(zone);
      params.add(Date.valueOf(from));
    }
    if (to != null) {
      where.append(" and ").append(DAY).append(" <= ?");
      params.add(zone);
      params.add(Date.valueOf(to));
    }
    if (fund != null) {
      where.append(" and g.fund_code = ?");
      params.add(fund);
    }
    params.add(min == null ? 1 : min);
    return new Condition(
        "s.id in (select g.supporter_id from gift g where "
            + where
            + " group by g.supporter_id having sum("
            + NET
            + ") >= ?)",
        params);
  }
}
