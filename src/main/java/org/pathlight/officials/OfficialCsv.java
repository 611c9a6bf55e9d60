package org.pathlight.officials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.pathlight.documents.CsvReader;

/**
 * Reads the CSV datasets: the ZCTA → congressional district crosswalk ({@code zccd.csv}), Open
 * States' legislators and its districts. Each is read record by record from the stream.
 */
final class OfficialCsv {

  private static final Pattern ZIP = Pattern.compile("\\d{5}");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
  private static final int MAX_CELL = 4000;

  /** One (ZIP, House district) pair. */
  record ZipRow(String zip, String state, String district) {}

  /** A state legislative district and how many members it elects. */
  record StateDistrictRow(
      String state, String chamber, String district, String divisionId, int numSeats) {}

  private OfficialCsv() {}

  static Set<ZipRow> zccd(InputStream in) throws IOException {
    String source = "zccd";
    return read(
        in,
        source,
        new String[] {"state_abbr", "zcta", "cd"},
        (csv, r, out) -> {
          String state = csv.cell(r, "state_abbr").toUpperCase(Locale.ROOT);
          String zip = csv.cell(r, "zcta");
          String cd = csv.cell(r, "cd");
          if (!Districts.isState(state) || !ZIP.matcher(zip).matches()) {
            throw bad(csv, "state_abbr must be two letters and zcta five digits");
          }
          if (!NUMBER.matcher(cd).matches() || Integer.parseInt(cd) > 99) {
            throw bad(csv, "cd must be a district number (0 = at large), not '" + cd + "'");
          }
          out.add(new ZipRow(zip, state, Districts.house(Integer.parseInt(cd))));
        },
        new LinkedHashSet<>());
  }

  static List<StateDistrictRow> openStatesDistricts(InputStream in) throws IOException {
    String source = "openstates-districts";
    Set<String> seen = new HashSet<>();
    return read(
        in,
        source,
        new String[] {"state", "chamber", "district", "division_id", "num_seats"},
        (csv, r, out) -> {
          String state = state(source, csv, r);
          String chamber = chamber(source, csv, r);
          String district = required(source, csv, r, "district");
          String division = required(source, csv, r, "division_id");
          String seats = csv.cell(r, "num_seats");
          if (!NUMBER.matcher(seats).matches() || Integer.parseInt(seats) < 1) {
            throw bad(csv, "num_seats must be a whole number of at least 1");
          }
          if (!seen.add(state + "/" + chamber + "/" + district)) {
            throw bad(csv, "district " + state + " " + chamber + " " + district + " twice");
          }
          out.add(
              new StateDistrictRow(state, chamber, district, division, Integer.parseInt(seats)));
        },
        new ArrayList<>());
  }

  static List<OfficialRow> openStates(InputStream in) throws IOException {
    String source = "openstates";
    Set<String> seen = new HashSet<>();
    return read(
        in,
        source,
        new String[] {
          "ocd_person_id",
          "name",
          "state",
          "chamber",
          "district",
          "division_id",
          "party",
          "email",
          "capitol_address",
          "capitol_voice",
          "district_address",
          "district_voice",
          "homepage"
        },
        (csv, r, out) -> {
          String id = required(source, csv, r, "ocd_person_id");
          if (!id.startsWith("ocd-person/") || !seen.add(id)) {
            throw bad(csv, "ocd_person_id must be an ocd-person id, once per file");
          }
          String state = state(source, csv, r);
          String office = "upper".equals(chamber(source, csv, r)) ? "state-upper" : "state-lower";
          String capitol = optional(csv, r, "capitol_address");
          String capitolPhone = optional(csv, r, "capitol_voice");
          out.add(
              new OfficialRow(
                  id,
                  office,
                  required(source, csv, r, "name"),
                  Districts.stateTitle(state, office),
                  null,
                  state,
                  required(source, csv, r, "district"),
                  optional(csv, r, "division_id"),
                  optional(csv, r, "party"),
                  optional(csv, r, "email"),
                  null,
                  optional(csv, r, "homepage"),
                  capitolPhone != null ? capitolPhone : optional(csv, r, "district_voice"),
                  capitol != null ? capitol : optional(csv, r, "district_address")));
        },
        new ArrayList<>());
  }

  /** What to do with one record; adds to {@code out}. */
  private interface RowHandler<T> {
    void accept(CsvReader csv, List<String> record, T out) throws CsvReader.Malformed;
  }

  private static <T> T read(
      InputStream in, String source, String[] columns, RowHandler<T> handler, T out)
      throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      CsvReader csv = new CsvReader(reader, MAX_CELL).require(columns);
      for (List<String> r = csv.next(); r != null; r = csv.next()) {
        handler.accept(csv, r, out);
      }
      return out;
    } catch (CsvReader.Malformed e) {
      throw CongressYaml.malformed(source, e.getMessage());
    }
  }

  private static String state(String source, CsvReader csv, List<String> r)
      throws CsvReader.Malformed {
    String state = csv.cell(r, "state").toUpperCase(Locale.ROOT);
    if (!Districts.isState(state)) {
      throw bad(csv, "state must be a two-letter code, not '" + state + "'");
    }
    return state;
  }

  /** upper or lower; a unicameral body ({@code legislature}: NE, DC) counts as upper. */
  private static String chamber(String source, CsvReader csv, List<String> r)
      throws CsvReader.Malformed {
    String chamber = csv.cell(r, "chamber");
    switch (chamber) {
      case "upper":
      case "legislature":
        return "upper";
      case "lower":
        return "lower";
      default:
        throw bad(csv, "chamber must be upper, lower or legislature, not '" + chamber + "'");
    }
  }

  private static String required(String source, CsvReader csv, List<String> r, String column)
      throws CsvReader.Malformed {
    String v = csv.cell(r, column);
    if (v.isEmpty()) {
      throw bad(csv, column + " is empty");
    }
    return v;
  }

  private static String optional(CsvReader csv, List<String> r, String column)
      throws CsvReader.Malformed {
    String v = csv.cell(r, column);
    return v.isEmpty() ? null : v;
  }

  private static CsvReader.Malformed bad(CsvReader csv, String what) {
    return new CsvReader.Malformed("line " + csv.recordLine() + ": " + what + ".");
  }
}
