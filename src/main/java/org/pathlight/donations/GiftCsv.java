package org.pathlight.donations;

import java.util.List;
import org.pathlight.common.MoneyText;
import org.pathlight.documents.Csv;

/**
 * The CSV export: one row per gift, spreadsheet-safe (no cell starts a formula), amounts as
 * decimals in each currency's own minor unit (2 decimals for usd, none for jpy).
 */
final class GiftCsv {

  private GiftCsv() {}

  static String write(List<GiftQueries.Row> rows) {
    StringBuilder csv =
        new StringBuilder(
            "id,created_at,received_on,paid_at,status,source,test,fund,amount,fee_covered,amount_charged,"
                + "refunded,currency,receipt,anonymous,email,first_name,last_name\r\n");
    for (GiftQueries.Row r : rows) {
      Csv.row(
          csv,
          r.id(),
          r.createdAt(),
          r.receivedOn(),
          r.paidAt(),
          r.status(),
          r.source(),
          r.test(),
          r.fundCode(),
          MoneyText.decimal(r.amount(), r.currency()),
          MoneyText.decimal(r.feeCovered(), r.currency()),
          MoneyText.decimal(r.amountCharged(), r.currency()),
          MoneyText.decimal(r.refundedAmount(), r.currency()),
          r.currency(),
          r.receiptNumber(),
          r.anonymous(),
          r.donorEmail(),
          r.donorFirstName(),
          r.donorLastName());
    }
    return csv.toString();
  }
}
