package org.pathlight.donations;

import java.util.List;

/** The CSV export: one row per gift, spreadsheet-safe (no cell starts a formula). */
final class GiftCsv {

  private GiftCsv() {}

  static String write(List<GiftQueries.Row> rows) {
    StringBuilder csv =
        new StringBuilder(
            "id,created_at,paid_at,status,source,test,fund,amount,fee_covered,amount_charged,"
                + "refunded,currency,receipt,anonymous,email,first_name,last_name\r\n");
    for (GiftQueries.Row r : rows) {
      cells(
          csv,
          r.id(),
          r.createdAt(),
          r.paidAt(),
          r.status(),
          r.source(),
          r.test(),
          r.fundCode(),
          decimal(r.amount()),
          decimal(r.feeCovered()),
          decimal(r.amountCharged()),
          decimal(r.refundedAmount()),
          r.currency(),
          r.receiptNumber(),
          r.anonymous(),
          r.donorEmail(),
          r.donorFirstName(),
          r.donorLastName());
    }
    return csv.toString();
  }

  private static String decimal(long minor) {
    return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
  }

  private static void cells(StringBuilder out, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(escape(values[i] == null ? "" : values[i].toString()));
    }
    out.append("\r\n");
  }

  static String escape(String value) {
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
