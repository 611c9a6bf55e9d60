package org.pathlight.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Impact never reads a table about a person: its SQL names only its own tables and the {@code
 * impact_gift} view, and that view carries no donor. (The component map already keeps impact's Java
 * away from supporters, volunteers and shifts; this covers the SQL text.)
 */
class ImpactReadsNoPersonTest {

  private static final Pattern TABLE =
      Pattern.compile("\\b(?:from|join|update|into)\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);
  private static final List<String> OWN =
      List.of(
          "service_type",
          "service_type_fund",
          "service_count",
          "service_count_history",
          "service_spending",
          "impact_publication",
          "fund_release",
          "release_state",
          "impact_gift");

  @Test
  void impactsSqlNamesOnlyItsOwnTablesAndTheDonorlessGiftView() throws IOException {
    List<String> foreign = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/org/pathlight/impact"))) {
      for (Path f : files.toList()) {
        String source = Files.readString(f);
        Matcher m = TABLE.matcher(source);
        while (m.find()) {
          String table = m.group(1).toLowerCase();
          // words in comments and prose ("from the data") are not tables: only names with SQL's
          // shape count, and every name impact uses must be one of its own
          if (table.contains("_")
              || List.of("gift", "supporter", "volunteer", "booking", "shift", "letter", "fund")
                  .contains(table)) {
            if (!OWN.contains(table) && !table.equals("fund")) {
              foreign.add(f.getFileName() + ": " + m.group());
            }
          }
        }
      }
    }
    assertThat(foreign).isEmpty();
  }

  @Test
  void theGiftViewHasNoDonor() throws IOException {
    String migration = Files.readString(Path.of("src/main/resources/db/migration/V17__impact.sql"));
    String view = migration.substring(migration.indexOf("create view impact_gift"));
    view = view.substring(0, view.indexOf(';'));
    assertThat(view).doesNotContain("supporter", "email", "name", "client_ip", "tribute");
  }
}
