package org.pathlight.documents;

/** CSV for exports: RFC 4180 quoting, spreadsheet-safe (no cell starts a formula), CRLF rows. */
public final class Csv {

  private Csv() {}

  /** Appends one row of cells; {@code null} is an empty cell. */
  public static void row(StringBuilder out, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(escape(values[i] == null ? "" : values[i].toString()));
    }
    out.append("\r\n");
  }

  /** One cell: a leading formula character is neutralised, then quoted if it needs to be. */
  public static String escape(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
