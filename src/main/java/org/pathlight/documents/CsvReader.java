package org.pathlight.documents;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes, CRLF or LF) one
 * record at a time from a stream, so a large upload is never held as one string. The first record
 * is the header; {@link #require} checks that it names the columns a caller needs.
 */
public final class CsvReader {

  /** The input is not CSV of the expected shape; the message says where and what. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  private final Reader in;
  private final int maxCellLength;
  private final Map<String, Integer> columns = new HashMap<>();
  private List<String> header = List.of();
  private long line = 1;
  private long recordLine;
  private boolean eof;

  /** {@code in} should be buffered; a cell longer than {@code maxCellLength} is malformed. */
  public CsvReader(Reader in, int maxCellLength) {
    this.in = in;
    this.maxCellLength = maxCellLength;
  }

  /** Reads the header and checks that it has every one of {@code required} (extra columns ok). */
  public CsvReader require(String... required) throws IOException, Malformed {
    List<String> first = next();
    if (first == null) {
      throw new Malformed("the file is empty; expected a header line with " + List.of(required));
    }
    header = first.stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i), i);
    }
    List<String> missing = new ArrayList<>();
    for (String r : required) {
      if (!columns.containsKey(r)) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      throw new Malformed(
          "the header line lacks the column(s) " + missing + "; it has " + header + ".");
    }
    return this;
  }

  /** The header's column names, as read by {@link #require}. */
  public List<String> header() {
    return header;
  }

  /** The line number where the last record read began (1 is the header). */
  public long recordLine() {
    return recordLine;
  }

  /** The cell of {@code column} in {@code record} (trimmed); the record must have it. */
  public String cell(List<String> record, String column) throws Malformed {
    Integer index = columns.get(column);
    if (index == null) {
      throw new IllegalArgumentException("no column " + column + " was required");
    }
    if (index >= record.size()) {
      throw new Malformed(
          "line "
              + recordLine
              + " has "
              + record.size()
              + " cells, fewer than the "
              + header.size()
              + " columns of the header (no "
              + column
              + ").");
    }
    return record.get(index).strip();
  }

  /** The next record, or null at the end. Blank lines are skipped. */
  public List<String> next() throws IOException, Malformed {
    while (!eof) {
      List<String> record = readRecord();
      if (record != null && !(record.size() == 1 && record.get(0).isEmpty())) {
        return record;
      }
    }
    return null;
  }

  private List<String> readRecord() throws IOException, Malformed {
    recordLine = line;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean afterQuote = false;
    int c = in.read();
    if (c < 0) {
      eof = true;
      return null;
    }
    while (true) {
      if (c < 0) {
        if (quoted) {
          throw new Malformed("a quoted cell opened on line " + recordLine + " never closes.");
        }
        eof = true;
        cells.add(cell.toString());
        return cells;
      }
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          int peek = in.read();
          if (peek == '"') {
            cell.append('"');
          } else {
            quoted = false;
            afterQuote = true;
            c = peek;
            continue;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          cell.append(ch);
        }
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        afterQuote = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          int peek = in.read();
          if (peek != '\n' && peek >= 0) {
            throw new Malformed("line " + recordLine + " ends with a lone carriage return.");
          }
        }
        line++;
        cells.add(cell.toString());
        return cells;
      } else if (ch == '"' && cell.length() == 0 && !afterQuote) {
        quoted = true;
      } else if (afterQuote) {
        throw new Malformed("line " + recordLine + " has text after a closing quote.");
      } else {
        cell.append(ch);
      }
      if (cell.length() > maxCellLength) {
        throw new Malformed(
            "line " + recordLine + " has a cell longer than " + maxCellLength + " characters.");
      }
      c = in.read();
    }
  }
}
