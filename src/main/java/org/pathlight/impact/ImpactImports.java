package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.documents.CsvReader;

/**
 * CSV imports of services delivered ({@code serviceType,month,count}) and program spending ({@code
 * serviceType,month,amount,currency}). All or nothing: every line is checked first, and a file with
 * any bad line writes nothing and answers 400 with each bad line's number. A column the import does
 * not take (a name, a date, a note) is refused, so nothing but aggregates can come in.
 */
@ApplicationScoped
class ImpactImports {

  private static final int MAX_ERRORS = 50;
  private static final int MAX_ROWS = 100_000;
  private static final Pattern WHOLE = Pattern.compile("\\d{1,12}");
  private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");

  @Inject ServiceCounts counts;
  @Inject ServiceTypes types;
  @Inject ImpactSettings settings;

  /** What an import changed. */
  public record Result(int lines, int changed) {}

  private record Row(long line, String type, YearMonth month, long value) {}

  @Transactional
  public Result services(InputStream body, String actor, String ip) throws IOException {
    List<Row> rows = read(body, List.of("serviceType", "month", "count"), ServiceCounts.MAX_COUNT);
    int changed = 0;
    for (Row r : rows) {
      changed += counts.set(r.type(), r.month(), r.value(), actor, ip) ? 1 : 0;
    }
    return new Result(rows.size(), changed);
  }

  @Transactional
  public Result spending(InputStream body, String actor, String ip) throws IOException {
    List<Row> rows =
        read(body, List.of("serviceType", "month", "amount", "currency"), 1_000_000_000_000L);
    int changed = 0;
    for (Row r : rows) {
      changed +=
          counts.spend(r.type(), r.month(), r.value(), settings.currency(), actor, ip) ? 1 : 0;
    }
    return new Result(rows.size(), changed);
  }

  private List<Row> read(InputStream body, List<String> columns, long max) throws IOException {
    String valueColumn = columns.get(2);
    List<String> codes = types.all().stream().map(ServiceType::code).toList();
    Set<String> known = Set.copyOf(codes);
    YearMonth latest = counts.latest();
    List<Problem.FieldError> errors = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, decoder), 1 << 16)) {
      CsvReader csv = new CsvReader(reader, 200).require(columns.toArray(String[]::new));
      for (String header : csv.header()) {
        if (!columns.contains(header)) {
          throw invalid(
              List.of(
                  new Problem.FieldError(
                      "line 1",
                      "the column '"
                          + header
                          + "' is not taken: only "
                          + String.join(", ", columns)
                          + " (aggregates, never a person, a day or a note)")));
        }
      }
      for (List<String> r = csv.next(); r != null; r = csv.next()) {
        long line = csv.recordLine();
        if (rows.size() >= MAX_ROWS) {
          errors.add(
              new Problem.FieldError(
                  "line " + line, "a file may have " + MAX_ROWS + " lines at most"));
          break;
        }
        try {
          String type = csv.cell(r, "serviceType");
          if (!known.contains(type)) {
            throw new IllegalArgumentException(
                "serviceType '"
                    + type
                    + "' is not a service type; the codes are "
                    + String.join(", ", codes));
          }
          YearMonth month;
          try {
            month = Periods.month("month", csv.cell(r, "month"), latest);
          } catch (ProblemException e) {
            throw new IllegalArgumentException("month " + e.problem().errors().get(0).message());
          }
          String text = csv.cell(r, valueColumn);
          if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(
                valueColumn
                    + (text.startsWith("-")
                        ? " must not be negative"
                        : " must be a whole number ("
                            + (valueColumn.equals("amount") ? "in cents" : "of services")
                            + "), not '"
                            + shorten(text)
                            + "'"));
          }
          long value = Long.parseLong(text);
          if (value > max) {
            throw new IllegalArgumentException(valueColumn + " is larger than " + max);
          }
          if (columns.contains("currency")) {
            String currency = csv.cell(r, "currency").toLowerCase(java.util.Locale.ROOT);
            if (!CURRENCY.matcher(currency).matches() || !currency.equals(settings.currency())) {
              throw new IllegalArgumentException(
                  "currency must be " + settings.currency() + ", the organisation's currency");
            }
          }
          Long first = seen.putIfAbsent(type + " " + month, line);
          if (first != null) {
            throw new IllegalArgumentException(type + " " + month + " is already on line " + first);
          }
          rows.add(new Row(line, type, month, value));
        } catch (IllegalArgumentException e) {
          errors.add(new Problem.FieldError("line " + line, e.getMessage()));
        }
        if (errors.size() >= MAX_ERRORS) {
          break;
        }
      }
    } catch (CsvReader.Malformed e) {
      throw invalid(List.of(new Problem.FieldError("file", e.getMessage())));
    } catch (CharacterCodingException e) {
      throw invalid(List.of(new Problem.FieldError("file", "is not UTF-8 text")));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    if (rows.isEmpty()) {
      throw invalid(List.of(new Problem.FieldError("file", "has a header but no lines")));
    }
    return rows;
  }

  private static String shorten(String text) {
    return text.length() > 20 ? text.substring(0, 20) + "…" : text;
  }

  private static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(
        Problem.of(
                400,
                "invalid-import",
                "The file was not imported",
                "Nothing was imported: fix the lines listed and send the whole file again.")
            .withErrors(errors));
  }
}
