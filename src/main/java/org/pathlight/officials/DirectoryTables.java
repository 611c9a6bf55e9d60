package org.pathlight.officials;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The mapping tables of the directory (ZIP → House district, state districts, district offices):
 * replaced by each import, writing only the difference. Rows are sent as arrays ({@code unnest}),
 * so the 42,000 pairs of the crosswalk are one statement, not 42,000.
 */
final class DirectoryTables {

  private DirectoryTables() {}

  static ImportResult zips(Connection c, Collection<OfficialCsv.ZipRow> rows) throws SQLException {
    Set<OfficialCsv.ZipRow> current = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement("select zip, state, district from zip_district");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        current.add(new OfficialCsv.ZipRow(r.getString(1), r.getString(2), r.getString(3)));
      }
    }
    List<OfficialCsv.ZipRow> added = new ArrayList<>();
    for (OfficialCsv.ZipRow row : rows) {
      if (!current.remove(row)) {
        added.add(row);
      }
    }
    // what is left in current is gone from the file
    try (PreparedStatement delete =
        c.prepareStatement(
            "delete from zip_district z using unnest(?::text[], ?::text[], ?::text[])"
                + " as gone(zip, state, district)"
                + " where z.zip = gone.zip and z.state = gone.state and z.district = gone.district")) {
      bindColumns(
          c,
          delete,
          current,
          OfficialCsv.ZipRow::zip,
          OfficialCsv.ZipRow::state,
          OfficialCsv.ZipRow::district);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into zip_district (zip, state, district)"
                + " select * from unnest(?::text[], ?::text[], ?::text[])")) {
      bindColumns(
          c,
          insert,
          added,
          OfficialCsv.ZipRow::zip,
          OfficialCsv.ZipRow::state,
          OfficialCsv.ZipRow::district);
      insert.executeUpdate();
    }
    return new ImportResult(
        ImportSource.ZCCD.code(),
        added.size(),
        0,
        current.size(),
        rows.size() - added.size(),
        0,
        false);
  }

  static ImportResult stateDistricts(Connection c, Collection<OfficialCsv.StateDistrictRow> rows)
      throws SQLException {
    Map<String, OfficialCsv.StateDistrictRow> current = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "select state, chamber, district, division_id, num_seats from state_district");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        var row =
            new OfficialCsv.StateDistrictRow(
                r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5));
        current.put(key(row), row);
      }
    }
    List<OfficialCsv.StateDistrictRow> upserts = new ArrayList<>();
    int added = 0;
    for (OfficialCsv.StateDistrictRow row : rows) {
      OfficialCsv.StateDistrictRow before = current.remove(key(row));
      if (before == null) {
        added++;
        upserts.add(row);
      } else if (!before.equals(row)) {
        upserts.add(row);
      }
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            "delete from state_district d using unnest(?::text[], ?::text[], ?::text[])"
                + " as gone(state, chamber, district) where d.state = gone.state"
                + " and d.chamber = gone.chamber and d.district = gone.district")) {
      bindColumns(
          c,
          delete,
          current.values(),
          OfficialCsv.StateDistrictRow::state,
          OfficialCsv.StateDistrictRow::chamber,
          OfficialCsv.StateDistrictRow::district);
      delete.executeUpdate();
    }
    try (PreparedStatement upsert =
        c.prepareStatement(
            "insert into state_district (state, chamber, district, division_id, num_seats)"
                + " select s, c, d, v, n::integer"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " as incoming(s, c, d, v, n)"
                + " on conflict (state, chamber, district) do update"
                + " set division_id = excluded.division_id, num_seats = excluded.num_seats")) {
      bindColumns(
          c,
          upsert,
          upserts,
          OfficialCsv.StateDistrictRow::state,
          OfficialCsv.StateDistrictRow::chamber,
          OfficialCsv.StateDistrictRow::district,
          OfficialCsv.StateDistrictRow::divisionId,
          r -> Integer.toString(r.numSeats()));
      upsert.executeUpdate();
    }
    int updated = upserts.size() - added;
    return new ImportResult(
        ImportSource.OPENSTATES_DISTRICTS.code(),
        added,
        updated,
        current.size(),
        rows.size() - upserts.size(),
        0,
        false);
  }

  static ImportResult offices(Connection c, Collection<CongressYaml.OfficeRow> rows)
      throws SQLException {
    Set<String> members = new HashSet<>();
    try (PreparedStatement s =
            c.prepareStatement("select id from official where source = 'congress-legislators'");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        members.add(r.getString(1));
      }
    }
    Map<String, CongressYaml.OfficeRow> current = new HashMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "select official_id, office_id, address, city, state, zip, phone, fax"
                    + " from official_office");
        ResultSet r = s.executeQuery()) {
      while (r.next()) {
        var row =
            new CongressYaml.OfficeRow(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8));
        current.put(row.officialId() + "/" + row.officeId(), row);
      }
    }
    List<CongressYaml.OfficeRow> upserts = new ArrayList<>();
    int added = 0;
    int skipped = 0;
    int stored = 0;
    for (CongressYaml.OfficeRow row : rows) {
      if (!members.contains(row.officialId())) {
        skipped++;
        continue;
      }
      stored++;
      CongressYaml.OfficeRow before = current.remove(row.officialId() + "/" + row.officeId());
      if (before == null) {
        added++;
        upserts.add(row);
      } else if (!Objects.equals(before, row)) {
        upserts.add(row);
      }
    }
    try (PreparedStatement delete =
        c.prepareStatement(
            "delete from official_office o using unnest(?::text[], ?::text[]) as gone(m, o)"
                + " where o.official_id = gone.m and o.office_id = gone.o")) {
      bindColumns(
          c,
          delete,
          current.values(),
          CongressYaml.OfficeRow::officialId,
          CongressYaml.OfficeRow::officeId);
      delete.executeUpdate();
    }
    try (PreparedStatement upsert =
        c.prepareStatement(
            "insert into official_office (official_id, office_id, address, city, state, zip,"
                + " phone, fax) select * from unnest(?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[])"
                + " on conflict (official_id, office_id) do update set address = excluded.address,"
                + " city = excluded.city, state = excluded.state, zip = excluded.zip,"
                + " phone = excluded.phone, fax = excluded.fax")) {
      bindColumns(
          c,
          upsert,
          upserts,
          CongressYaml.OfficeRow::officialId,
          CongressYaml.OfficeRow::officeId,
          CongressYaml.OfficeRow::address,
          CongressYaml.OfficeRow::city,
          CongressYaml.OfficeRow::state,
          CongressYaml.OfficeRow::zip,
          CongressYaml.OfficeRow::phone,
          CongressYaml.OfficeRow::fax);
      upsert.executeUpdate();
    }
    return new ImportResult(
        ImportSource.CONGRESS_DISTRICT_OFFICES.code(),
        added,
        upserts.size() - added,
        current.size(),
        stored - upserts.size(),
        skipped,
        false);
  }

  private static String key(OfficialCsv.StateDistrictRow row) {
    return row.state() + "/" + row.chamber() + "/" + row.district();
  }

  /** Binds one text array per column, parameter 1 onwards. */
  @SafeVarargs
  private static <T> void bindColumns(
      Connection c, PreparedStatement s, Collection<T> rows, Function<T, String>... columns)
      throws SQLException {
    for (int i = 0; i < columns.length; i++) {
      String[] values = new String[rows.size()];
      int j = 0;
      for (T row : rows) {
        values[j++] = columns[i].apply(row);
      }
      Array array = c.createArrayOf("text", values);
      s.setArray(i + 1, array);
    }
  }
}
