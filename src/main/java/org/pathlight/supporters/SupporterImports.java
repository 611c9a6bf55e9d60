package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Emails;
import org.pathlight.common.ProblemException;
import org.pathlight.documents.CsvReader;

/**
 * Imports supporters from a CSV whose columns staff map to Pathlight's fields. Each line is checked
 * first; a dry run stops there and says, line by line, who is new, who is matched (by email, in any
 * case, through merges) and what is wrong. A real import writes the good lines in one transaction
 * and skips the rest. It fills only what a matched record lacks, and records consent with its
 * source: it may opt a new person in, and opt anyone out, but never opts in someone already on
 * record (they may have unsubscribed).
 */
@ApplicationScoped
class SupporterImports {

  static final int MAX_ROWS = 10_000;

  /** Pathlight's fields an import fills, in the order a page lists them. */
  static final List<String> FIELDS =
      List.of(
          "email",
          "firstName",
          "lastName",
          "phone",
          "line1",
          "line2",
          "city",
          "region",
          "postalCode",
          "country",
          "emailOptIn",
          "topics");

  /** The topic a plain "yes" in the email consent column subscribes a new person to. */
  static final String DEFAULT_TOPIC = "impact-newsletter";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile(Supporter.PHONE);
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

  @PersistenceContext EntityManager em;
  @Inject Supporters supporters;
  @Inject Consents consents;
  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** One line of the file, checked. */
  private record Line(long line, Map<String, String> values) {}

  @Transactional
  SupportersResource.ImportReport run(
      InputStream body,
      Map<String, String> mapping,
      String source,
      boolean dryRun,
      String actor,
      String clientIp)
      throws IOException {
    List<SupportersResource.Invalid> invalid = new ArrayList<>();
    java.util.Set<String> topicCodes =
        consents.topics().stream()
            .map(Consents.Topic::code)
            .collect(java.util.stream.Collectors.toSet());
    List<Line> good = read(body, mapping, invalid, topicCodes);
    if (good.stream()
            .anyMatch(l -> l.values().containsKey("emailOptIn") || l.values().containsKey("topics"))
        && (source == null || source.isBlank())) {
      throw ProblemException.invalid(
          "source", "say where the consent in this file came from, such as 'Gala sign-up sheet'");
    }
    int created = 0;
    int matched = 0;
    Instant now = clock.instant();
    String consentSource = "import:" + (source == null ? "" : source.strip()) + " (" + actor + ")";
    for (Line l : good) {
      Map<String, String> v = l.values();
      Optional<Supporter> existing = supporters.findByEmail(v.get("email"));
      if (existing.isPresent()) {
        matched++;
      } else {
        created++;
      }
      if (dryRun) {
        continue;
      }
      Supporter s =
          existing.orElseGet(
              () ->
                  supporters
                      .findOrCreate(
                          v.get("email"), v.get("firstName"), v.get("lastName"), v.get("phone"))
                      .supporter());
      s.completeWith(v.get("firstName"), v.get("lastName"), v.get("phone"), now);
      if (v.containsKey("line1") && s.address() == null) {
        s.update(
            new Supporter.SupporterChange(
                null,
                null,
                null,
                new Supporter.PostalAddress(
                    v.get("line1"),
                    v.get("line2"),
                    v.get("city"),
                    v.get("region"),
                    v.get("postalCode"),
                    v.get("country") == null ? null : v.get("country").toUpperCase(Locale.ROOT)),
                null,
                null),
            actor,
            now);
      }
      String optIn = v.get("emailOptIn");
      if (optIn != null && !yes(optIn)) {
        for (String code : topicCodes) {
          consents.set(s.id(), code, false, consentSource, IMPORT_NO);
        }
      } else if ((optIn != null || v.containsKey("topics")) && existing.isEmpty()) {
        // a file may subscribe only the people it adds: for a known one, the person says
        List<String> chosen =
            v.containsKey("topics") ? topics(v.get("topics")) : List.of(DEFAULT_TOPIC);
        for (String code : chosen) {
          consents.set(s.id(), code, true, consentSource, IMPORT_YES);
        }
      }
    }
    SupportersResource.ImportReport report =
        new SupportersResource.ImportReport(
            dryRun, good.size() + invalid.size(), created, matched, invalid);
    if (!dryRun && (created > 0 || matched > 0)) {
      audit.record(
          actor,
          "supporter.import",
          "supporter",
          "import",
          null,
          Map.of(
              "created",
              created,
              "matched",
              matched,
              "invalid",
              invalid.size(),
              "source",
              consentSource),
          clientIp);
    }
    return report;
  }

  private List<Line> read(
      InputStream body,
      Map<String, String> mapping,
      List<SupportersResource.Invalid> invalid,
      java.util.Set<String> topicCodes)
      throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<Line> good = new ArrayList<>();
    Map<String, Long> seen = new HashMap<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, decoder), 1 << 16)) {
      CsvReader csv = new CsvReader(reader, 500).require();
      Map<String, String> columns = columns(csv.header(), mapping);
      for (List<String> r = csv.next(); r != null; r = csv.next()) {
        long line = csv.recordLine();
        if (good.size() + invalid.size() >= MAX_ROWS) {
          throw ProblemException.badRequest(
              "import-too-large",
              "A file may have " + MAX_ROWS + " people at most: split it and import each part.");
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : columns.entrySet()) {
          int at = csv.header().indexOf(c.getValue());
          String cell = at < r.size() ? r.get(at).strip() : "";
          if (!cell.isEmpty()) {
            v.put(c.getKey(), cell);
          }
        }
        List<String> errors = check(v, topicCodes);
        String key = v.get("email") == null ? null : Emails.normalize(v.get("email"));
        if (key != null && seen.containsKey(key)) {
          errors.add("the same email as line " + seen.get(key) + ": each person once");
        }
        if (errors.isEmpty()) {
          seen.put(key, line);
          good.add(new Line(line, v));
        } else {
          invalid.add(new SupportersResource.Invalid(line, errors));
        }
      }
    } catch (CsvReader.Malformed e) {
      throw ProblemException.badRequest(
          "import-malformed", "This file is not CSV we can read: " + e.getMessage());
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest(
          "import-malformed",
          "This file is not UTF-8 text: save it from the spreadsheet as CSV UTF-8.");
    }
    return good;
  }

  /**
   * Which column of the header fills each field: the one staff chose, else a column named like the
   * field ("First name", "first_name" and "firstName" all fill firstName). Email is required.
   */
  static Map<String, String> columns(List<String> header, Map<String, String> mapping) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String field : FIELDS) {
      String chosen = mapping.get(field);
      if (chosen != null && !chosen.isBlank()) {
        if (!header.contains(chosen)) {
          throw ProblemException.invalid(
              field, "the file has no column '" + chosen + "'; its columns are " + header);
        }
        out.put(field, chosen);
        continue;
      }
      for (String h : header) {
        if (squash(h).equals(squash(field))) {
          out.put(field, h);
          break;
        }
      }
    }
    if (!out.containsKey("email")) {
      throw ProblemException.invalid(
          "email", "choose the column that holds the email; the file's columns are " + header);
    }
    return out;
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static List<String> check(Map<String, String> v, java.util.Set<String> topicCodes) {
    List<String> errors = new ArrayList<>();
    String email = v.get("email");
    if (email == null) {
      errors.add("no email");
    } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      errors.add("'" + shorten(email) + "' is not an email address");
    }
    for (String f : List.of("firstName", "lastName", "city", "region")) {
      if (v.containsKey(f) && v.get(f).length() > 100) {
        errors.add(f.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT) + " is too long");
      }
    }
    if (v.containsKey("phone") && !PHONE.matcher(v.get("phone")).matches()) {
      errors.add("'" + shorten(v.get("phone")) + "' is not a phone number");
    }
    boolean anyAddress = v.containsKey("line1") || v.containsKey("city");
    if (anyAddress && (!v.containsKey("line1") || !v.containsKey("city"))) {
      errors.add("an address needs both the street and the city");
    }
    if (v.containsKey("country") && !COUNTRY.matcher(v.get("country")).matches()) {
      errors.add("country must be a two-letter code such as US");
    }
    if (v.containsKey("emailOptIn") && !isYesNo(v.get("emailOptIn"))) {
      errors.add("email consent must be yes or no, not '" + shorten(v.get("emailOptIn")) + "'");
    }
    if (v.containsKey("topics")) {
      for (String code : topics(v.get("topics"))) {
        if (!topicCodes.contains(code)) {
          errors.add(
              "there is no topic '"
                  + shorten(code)
                  + "'; the topics are "
                  + String.join(", ", new java.util.TreeSet<>(topicCodes)));
        }
      }
    }
    return errors;
  }

  /** The words recorded for a file's consent. */
  static final String IMPORT_YES = "Agreed to email on this topic, as the imported file records";

  static final String IMPORT_NO = "Declined email, as the imported file records";

  /** Topic codes in a cell, separated by spaces, commas or semicolons. */
  static List<String> topics(String cell) {
    return java.util.Arrays.stream(cell.toLowerCase(Locale.ROOT).split("[\\s,;]+"))
        .filter(t -> !t.isBlank())
        .distinct()
        .toList();
  }

  private static boolean isYesNo(String s) {
    return List.of("yes", "no", "y", "n", "true", "false", "1", "0")
        .contains(s.toLowerCase(Locale.ROOT));
  }

  private static boolean yes(String s) {
    return List.of("yes", "y", "true", "1").contains(s.toLowerCase(Locale.ROOT));
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
