package org.pathlight.officials;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads officials for the lookup: current members of a seat, and one official by id. */
final class OfficialQueries {

  private static final String SELECT =
      "select id, name, office, title, organisation, state, district, party, email,"
          + " contact_form, postal_address, phone from official ";

  private OfficialQueries() {}

  /**
   * The current House members of every district of {@code zip}, and the senators of {@code
   * senateState} when it is not null: senators first, then by state, district and name.
   */
  static List<Officials.Official> federal(Connection c, String zip, String senateState)
      throws SQLException {
    return list(
        c,
        "select o.* from ("
            + SELECT
            + "where retired_at is null and office = 'us-senate' and state = ?"
            + " union all "
            + SELECT
            + "where retired_at is null and office = 'us-house' and (state, district) in"
            + " (select state, district from zip_district where zip = ?)) o"
            + " order by o.office desc, o.state, o.district, o.name",
        senateState,
        zip);
  }

  static List<Officials.Official> stateMembers(
      Connection c, String state, String office, String district) throws SQLException {
    return list(
        c,
        SELECT
            + "where retired_at is null and office = ? and state = ? and district = ?"
            + " order by name",
        office,
        state,
        district);
  }

  static Optional<Officials.Official> byId(Connection c, String id) throws SQLException {
    return list(c, SELECT + "where id = ?", id).stream().findFirst();
  }

  static Optional<Officials.Official> currentById(Connection c, String id) throws SQLException {
    return list(c, SELECT + "where id = ? and retired_at is null", id).stream().findFirst();
  }

  private static List<Officials.Official> list(Connection c, String sql, String... params)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      List<Officials.Official> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(official(r));
        }
      }
      return found;
    }
  }

  /** Maps a row of {@link #SELECT}; its channels in the order a letter would try them. */
  static Officials.Official official(ResultSet r) throws SQLException {
    List<Officials.Channel> channels = new ArrayList<>();
    String[][] ways = {
      {"email", r.getString("email")},
      {"contact-form", r.getString("contact_form")},
      {"print", r.getString("postal_address")},
      {"phone", r.getString("phone")}
    };
    for (String[] way : ways) {
      if (way[1] != null && !way[1].isBlank()) {
        channels.add(new Officials.Channel(way[0], way[1]));
      }
    }
    return new Officials.Official(
        r.getString("id"),
        r.getString("name"),
        r.getString("office"),
        r.getString("title"),
        r.getString("organisation"),
        r.getString("state"),
        r.getString("district"),
        r.getString("party"),
        List.copyOf(channels));
  }
}
