package org.pathlight.officials;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.pathlight.access.AuditTrail;
import org.pathlight.common.Database;

/**
 * Writes an import: compares the parsed file with what the directory holds for that source and
 * writes only the difference, in batches, in one transaction (a failure writes nothing). Imports
 * are serialised across instances by a PostgreSQL advisory lock. Each run is logged in {@code
 * official_import} and in the audit trail.
 */
@ApplicationScoped
class OfficialStore {

  private static final long LOCK_KEY = 0x6f66_6669_6369_616cL; // "official"
  private static final int BATCH = 1000;
  private static final String COLUMNS =
      "office, name, title, organisation, state, district, division_id, party, email,"
          + " contact_form, website, phone, postal_address";

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;
  @Inject Clock clock;

  /** The digest of the file last imported for {@code source}, if any. */
  @Transactional(Transactional.TxType.SUPPORTS)
  Optional<String> lastDigest(ImportSource source) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select sha256 from official_import where source = ? order by id desc limit 1")) {
      s.setString(1, source.code());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Transactional
  ImportResult apply(
      ImportSource source, Collection<?> rows, String sha256, String actor, String clientIp) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK_KEY);
        lock.executeQuery().close();
      }
      ImportResult result;
      switch (source) {
        case CONGRESS_LEGISLATORS:
        case OPENSTATES:
          result = officials(c, source, cast(rows));
          break;
        case CONGRESS_DISTRICT_OFFICES:
          result = DirectoryTables.offices(c, cast(rows));
          break;
        case ZCCD:
          result = DirectoryTables.zips(c, cast(rows));
          break;
        case OPENSTATES_DISTRICTS:
          result = DirectoryTables.stateDistricts(c, cast(rows));
          break;
        default:
          throw new IllegalArgumentException(source.toString());
      }
      long importId = log(c, result, sha256, actor);
      audit.record(
          actor, "officials.imported", "official_import", importId, null, result, clientIp);
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("import of " + source.code() + " failed", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Collection<T> cast(Collection<?> rows) {
    return (Collection<T>) rows;
  }

  private ImportResult officials(Connection c, ImportSource source, Collection<OfficialRow> rows)
      throws SQLException {
    Map<String, OfficialRow> current = new HashMap<>();
    Set<String> retired = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select id, " + COLUMNS + ", retired_at is not null from official where source = ?")) {
      s.setString(1, source.code());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          OfficialRow row = read(r);
          current.put(row.id(), row);
          if (r.getBoolean(15)) {
            retired.add(row.id());
          }
        }
      }
    }
    List<OfficialRow> added = new ArrayList<>();
    List<OfficialRow> changed = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (OfficialRow row : rows) {
      present.add(row.id());
      OfficialRow before = current.get(row.id());
      if (before == null) {
        added.add(row);
      } else if (!before.equals(row) || retired.contains(row.id())) {
        changed.add(row);
      }
    }
    List<String> leaving = new ArrayList<>();
    for (String id : current.keySet()) {
      if (!present.contains(id) && !retired.contains(id)) {
        leaving.add(id);
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    try (PreparedStatement insert =
        c.prepareStatement(
            "insert into official (id, "
                + COLUMNS
                + ", source, created_at, updated_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int n = 0;
      for (OfficialRow row : added) {
        insert.setString(1, row.id());
        bind(insert, 2, row);
        insert.setString(15, source.code());
        insert.setTimestamp(16, now);
        insert.setTimestamp(17, now);
        insert.addBatch();
        if (++n % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "update official set ("
                + COLUMNS
                + ", retired_at, updated_at) ="
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?) where id = ?")) {
      int n = 0;
      for (OfficialRow row : changed) {
        bind(update, 1, row);
        update.setTimestamp(14, now);
        update.setString(15, row.id());
        update.addBatch();
        if (++n % BATCH == 0) {
          update.executeBatch();
        }
      }
      update.executeBatch();
    }
    if (!leaving.isEmpty()) {
      try (PreparedStatement retire =
          c.prepareStatement(
              "update official set retired_at = ?, updated_at = ? where id = any(?)")) {
        retire.setTimestamp(1, now);
        retire.setTimestamp(2, now);
        retire.setArray(3, c.createArrayOf("text", leaving.toArray()));
        retire.executeUpdate();
      }
    }
    int unchanged = rows.size() - added.size() - changed.size();
    return new ImportResult(
        source.code(), added.size(), changed.size(), leaving.size(), unchanged, 0, false);
  }

  static OfficialRow read(ResultSet r) throws SQLException {
    return new OfficialRow(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9),
        r.getString(10),
        r.getString(11),
        r.getString(12),
        r.getString(13),
        r.getString(14));
  }

  /** Binds the 13 columns of {@link #COLUMNS} from parameter {@code first} on. */
  static void bind(PreparedStatement s, int first, OfficialRow row) throws SQLException {
    String[] values = {
      row.office(),
      row.name(),
      row.title(),
      row.organisation(),
      row.state(),
      row.district(),
      row.divisionId(),
      row.party(),
      row.email(),
      row.contactForm(),
      row.website(),
      row.phone(),
      row.postalAddress()
    };
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        s.setNull(first + i, Types.VARCHAR);
      } else {
        s.setString(first + i, values[i]);
      }
    }
  }

  private long log(Connection c, ImportResult result, String sha256, String actor)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into official_import (source, sha256, added, updated, retired, unchanged,"
                + " actor, imported_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
      s.setString(1, result.source());
      s.setString(2, sha256);
      s.setInt(3, result.added());
      s.setInt(4, result.updated());
      s.setInt(5, result.retired());
      s.setInt(6, result.unchanged());
      s.setString(7, actor);
      s.setTimestamp(8, Timestamp.from(clock.instant()));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
