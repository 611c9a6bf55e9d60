package org.pathlight.donations;

import java.util.List;
import org.pathlight.common.Csv;

/** The CSV export: one row per gift, spreadsheet-safe (no cell starts a formula). */
final class GiftCsv {

  private GiftCsv() {}

  static String write(List<GiftQueries.Row> rows) {
    StringBuilder csv =
        new StringBuilder(
            "id,created_at,paid_at,status,source,test,fund,amount,fee_covered,amount_charged,"
                + "refunded,currency,receipt,anonymous,email,first_name,last_name\r\n");
    for (GiftQueries.Row r : rows) {
      Csv.row(
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
}
