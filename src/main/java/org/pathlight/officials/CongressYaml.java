package org.pathlight.officials;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pathlight.common.ProblemException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads unitedstates/congress-legislators YAML: {@code legislators-current.yaml} (members; the last
 * term is the current one) and {@code legislators-district-offices.yaml}. Safe loading only (plain
 * maps, lists and scalars; no types named by the document), with limits on aliases, nesting and
 * size.
 */
final class CongressYaml {

  static final String HOUSE_ADDRESS = "U.S. House of Representatives, Washington, DC 20515";
  static final String SENATE_ADDRESS = "United States Senate, Washington, DC 20510";

  private static final Pattern BIOGUIDE = Pattern.compile("[A-Z][0-9]{6}");
  private static final int MAX_CHARS = 30 * 1024 * 1024;

  /** A district office of a member of Congress. */
  record OfficeRow(
      String officialId,
      String officeId,
      String address,
      String city,
      String state,
      String zip,
      String phone,
      String fax) {}

  private CongressYaml() {}

  /** Current members: one row per member, from their last term. */
  static List<OfficialRow> legislators(InputStream in) throws IOException {
    List<?> members = root(in, "congress-legislators");
    List<OfficialRow> rows = new ArrayList<>(members.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      String where = "member " + (i + 1);
      Map<?, ?> member = map(members.get(i), where);
      String id = bioguide(member, where);
      where = where + " (" + id + ")";
      if (!seen.add(id)) {
        throw malformed("congress-legislators", where + " appears twice.");
      }
      Map<?, ?> name = map(member.get("name"), where + " name");
      String full = text(name.get("official_full"));
      if (full == null) {
        String first = text(name.get("first"));
        String last = text(name.get("last"));
        if (first == null || last == null) {
          throw malformed(
              "congress-legislators", where + " has no name.official_full or first/last.");
        }
        full = first + " " + last;
      }
      if (!(member.get("terms") instanceof List<?> terms) || terms.isEmpty()) {
        throw malformed("congress-legislators", where + " has no terms.");
      }
      Map<?, ?> term = map(terms.get(terms.size() - 1), where + " last term");
      rows.add(row(id, full, term, where));
    }
    return rows;
  }

  private static OfficialRow row(String id, String name, Map<?, ?> term, String where) {
    String type = text(term.get("type"));
    String state = text(term.get("state"));
    if (!Districts.isState(state)) {
      throw malformed("congress-legislators", where + ": the last term has no two-letter state.");
    }
    String office;
    String title;
    String district;
    String division;
    String fallbackAddress;
    if ("sen".equals(type)) {
      office = "us-senate";
      title = "Senator";
      district = null;
      division = Districts.stateDivision(state);
      fallbackAddress = SENATE_ADDRESS;
    } else if ("rep".equals(type)) {
      if (!(term.get("district") instanceof Integer number) || number < 0 || number > 99) {
        throw malformed(
            "congress-legislators",
            where + ": the last term is a House term without a district number (0 = at large).");
      }
      office = "us-house";
      title = Districts.houseTitle(state);
      district = Districts.house(number);
      division = Districts.houseDivision(state, district);
      fallbackAddress = HOUSE_ADDRESS;
    } else {
      throw malformed(
          "congress-legislators", where + ": the last term's type is not sen or rep: " + type);
    }
    String address = text(term.get("address"));
    return new OfficialRow(
        id,
        office,
        name,
        title,
        null,
        state,
        district,
        division,
        text(term.get("party")),
        null,
        text(term.get("contact_form")),
        text(term.get("url")),
        text(term.get("phone")),
        address == null ? fallbackAddress : address);
  }

  /** District offices: one row per office, keyed by member and office id. */
  static List<OfficeRow> districtOffices(InputStream in) throws IOException {
    List<?> members = root(in, "congress-district-offices");
    List<OfficeRow> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      String where = "member " + (i + 1);
      Map<?, ?> member = map(members.get(i), where);
      String id = bioguide(member, where);
      Object offices = member.get("offices");
      if (offices == null) {
        continue;
      }
      if (!(offices instanceof List<?> list)) {
        throw malformed(
            "congress-district-offices", where + " (" + id + "): offices is not a list.");
      }
      for (int j = 0; j < list.size(); j++) {
        Map<?, ?> o = map(list.get(j), where + " office " + (j + 1));
        String officeId = text(o.get("id"));
        if (officeId == null || !seen.add(id + "/" + officeId)) {
          throw malformed(
              "congress-district-offices",
              where + " (" + id + ") office " + (j + 1) + " has no id, or one used before.");
        }
        List<String> lines = new ArrayList<>();
        for (String part : new String[] {"building", "address", "suite"}) {
          String v = text(o.get(part));
          if (v != null) {
            lines.add(v);
          }
        }
        rows.add(
            new OfficeRow(
                id,
                officeId,
                lines.isEmpty() ? null : String.join(", ", lines),
                text(o.get("city")),
                text(o.get("state")),
                text(o.get("zip")),
                text(o.get("phone")),
                text(o.get("fax"))));
      }
    }
    return rows;
  }

  private static List<?> root(InputStream in, String source) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_CHARS);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Object document;
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      document = yaml.load(reader);
    } catch (YAMLException e) {
      IOException io = cause(e, IOException.class);
      if (io != null) {
        throw io;
      }
      throw malformed(source, "the body is not valid YAML: " + firstLines(e.getMessage()));
    }
    if (!(document instanceof List<?> list)) {
      throw malformed(source, "the YAML document must be a list of members.");
    }
    return list;
  }

  private static String bioguide(Map<?, ?> member, String where) {
    Map<?, ?> ids = map(member.get("id"), where + " id");
    String id = text(ids.get("bioguide"));
    if (id == null || !BIOGUIDE.matcher(id).matches()) {
      throw ProblemException.badRequest(
          "import-malformed", "The YAML file: " + where + " has no valid id.bioguide: " + id);
    }
    return id;
  }

  private static Map<?, ?> map(Object value, String where) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw ProblemException.badRequest(
        "import-malformed", "The YAML file: " + where + " is not a mapping.");
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().strip();
    return s.isEmpty() ? null : s;
  }

  static ProblemException malformed(String source, String detail) {
    return ProblemException.badRequest("import-malformed", "The " + source + " file: " + detail);
  }

  private static String firstLines(String message) {
    String m = message == null ? "" : message.strip();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
