package org.pathlight.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static CsvReader reader(String text) {
    return new CsvReader(new StringReader(text), 100);
  }

  @Test
  void readsQuotedCellsLineBreaksAndCrlf() throws Exception {
    CsvReader csv =
        reader("a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n3,,\n").require("a", "c");
    List<String> first = csv.next();
    assertThat(first).containsExactly("1", "x, \"y\"", "two\nlines");
    assertThat(csv.recordLine()).isEqualTo(2);
    List<String> second = csv.next();
    assertThat(csv.cell(second, "a")).isEqualTo("3");
    assertThat(csv.cell(second, "c")).isEmpty();
    assertThat(csv.recordLine()).isEqualTo(5);
    assertThat(csv.next()).isNull();
  }

  @Test
  void namesWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> reader("a,b\n").require("a", "zcta"))
        .isInstanceOf(CsvReader.Malformed.class)
        .hasMessageContaining("zcta");
    assertThatThrownBy(() -> reader("").require("a"))
        .isInstanceOf(CsvReader.Malformed.class)
        .hasMessageContaining("empty");
    CsvReader shortRow = reader("a,b\n1\n").require("a", "b");
    List<String> row = shortRow.next();
    assertThatThrownBy(() -> shortRow.cell(row, "b"))
        .isInstanceOf(CsvReader.Malformed.class)
        .hasMessageContaining("line 2");
    CsvReader open = reader("a\n\"never closed\n").require("a");
    assertThatThrownBy(open::next).isInstanceOf(CsvReader.Malformed.class);
    CsvReader longCell = reader("a\n" + "x".repeat(101) + "\n").require("a");
    assertThatThrownBy(longCell::next).isInstanceOf(CsvReader.Malformed.class);
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
    CsvReader csv = reader("\uFEFFzcta,cd\n10001,12\n").require("zcta", "cd");
    assertThat(csv.cell(csv.next(), "zcta")).isEqualTo("10001");
  }
}
