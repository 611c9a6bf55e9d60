package org.pathlight.officials;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.Memo;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;

/**
 * Who represents a ZIP code: the lookup behind {@code GET /api/officials} and, later, the letters
 * of a campaign. A ZIP alone decides the senators when it lies in one state, and the House member
 * when it lies in one district; otherwise the answer is {@code ambiguous} with the candidate
 * districts, and a chosen {@code district} (one of them) settles it. It never guesses. State
 * legislators come only with an explicit state district: the crosswalk knows no state districts.
 */
@ApplicationScoped
public class Officials {

  private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:-\\d{4})?");

  @Resource(lookup = org.pathlight.common.Database.JNDI_NAME)
  DataSource dataSource;

  @jakarta.inject.Inject CensusGeocoder geocoder;
  @jakarta.inject.Inject Clock clock;

  @jakarta.inject.Inject
  @ConfigProperty(name = "pathlight.officials.cache.seconds", defaultValue = "60")
  int cacheSeconds;

  /** A district of the answer; {@code vacant}: nobody holds its seat(s) now. */
  public record District(
      String chamber,
      String state,
      String district,
      String label,
      String divisionId,
      boolean vacant) {}

  /** A way to reach an official: email, contact-form (URL), print (postal address), phone. */
  public record Channel(String type, String value) {}

  /** An official as supporters and campaigns see them. */
  public record Official(
      String id,
      String name,
      String office,
      String title,
      String organisation,
      String state,
      String district,
      String party,
      List<Channel> channels) {}

  /** The answer for a ZIP. */
  public record Lookup(
      String zip,
      boolean ambiguous,
      boolean located,
      List<District> districts,
      List<Official> officials) {}

  /**
   * What a supporter gave: a ZIP, and optionally the House district, state districts and a street
   * address (used only when the Census geocoder is configured).
   */
  public record Query(
      String zip, String district, String stateUpper, String stateLower, String address) {}

  /** The five-digit ZIP of {@code 12345} or {@code 12345-6789}, or a 400 problem. */
  public static String zip5(String zip) {
    Matcher m = ZIP.matcher(zip == null ? "" : zip.strip());
    if (!m.matches()) {
      throw ProblemException.invalid("zip", "must be a five-digit ZIP code (or ZIP+4)");
    }
    return m.group(1);
  }

  /**
   * The officials for {@code query}. An answer without a street address is kept in memory for
   * {@code pathlight.officials.cache.seconds} (60): the directory changes only when an import
   * commits, which clears them on this instance ({@link #forget}); another instance catches up
   * within that time. A lookup with an address goes to the geocoder every time.
   */
  public Lookup lookup(Query query) {
    if (!blank(query.address())) {
      return lookupNow(query);
    }
    Key key =
        new Key(
            zip5(query.zip()),
            keyPart(query.district()),
            keyPart(query.stateUpper()),
            keyPart(query.stateLower()));
    return memo.get(key, () -> lookupNow(query));
  }

  /** An import committed: every kept answer is dropped. */
  void forget() {
    memo.forget();
  }

  private static final int MAX_KEPT = 50_000;

  private record Key(String zip, String district, String stateUpper, String stateLower) {}

  private Memo<Key, Lookup> memo;

  @jakarta.annotation.PostConstruct
  void keepLookups() {
    memo = new Memo<>(clock, java.time.Duration.ofSeconds(cacheSeconds), MAX_KEPT);
  }

  private static String keyPart(String value) {
    return value == null ? "" : value.strip();
  }

  private Lookup lookupNow(Query query) {
    String zip = zip5(query.zip());
    Districts.Seat chosen = null;
    if (query.district() != null && !query.district().isBlank()) {
      chosen = Districts.parse(query.district());
      if (chosen == null) {
        throw ProblemException.invalid("district", "must look like NY-12 or WY-AL");
      }
    }
    try (Connection c = dataSource.getConnection()) {
      List<Districts.Seat> candidates = candidates(c, zip);
      if (candidates.isEmpty()) {
        throw new ProblemException(
            Problem.of(
                404,
                "zip-unknown",
                "Unknown ZIP code",
                "No congressional district is known for ZIP " + zip + "."));
      }
      if (chosen != null && !candidates.contains(chosen)) {
        throw new ProblemException(
            Problem.of(
                    422,
                    "district-not-in-zip",
                    "District not in this ZIP",
                    Districts.label(chosen.state(), chosen.district())
                        + " does not cover ZIP "
                        + zip
                        + "; choose one of the candidates.")
                .with("candidates", labels(candidates)));
      }
      String wantUpper = query.stateUpper();
      String wantLower = query.stateLower();
      boolean located = false;
      boolean stateUnknown = blank(wantUpper) || blank(wantLower);
      if (chosen == null && !blank(query.address()) && (candidates.size() > 1 || stateUnknown)) {
        Optional<CensusGeocoder.Place> place = geocoder.locate(query.address(), zip);
        Districts.Seat seat = place.map(p -> new Districts.Seat(p.state(), p.house())).orElse(null);
        if (seat != null && candidates.contains(seat)) {
          located = true;
          chosen = candidates.size() > 1 ? seat : null;
          if (blank(wantUpper) && known(c, seat.state(), "upper", place.get().stateUpper())) {
            wantUpper = place.get().stateUpper();
          }
          if (blank(wantLower) && known(c, seat.state(), "lower", place.get().stateLower())) {
            wantLower = place.get().stateLower();
          }
        }
      }
      List<Districts.Seat> seats = chosen != null ? List.of(chosen) : candidates;
      Set<String> states = new LinkedHashSet<>();
      seats.forEach(s -> states.add(s.state()));
      boolean ambiguous = seats.size() > 1;
      String state = states.size() == 1 ? states.iterator().next() : null;

      // one query for the senators (when the state is certain) and every candidate seat's member
      List<Official> federal = OfficialQueries.federal(c, zip, state);
      List<Official> officials = new ArrayList<>();
      federal.stream().filter(o -> "us-senate".equals(o.office())).forEach(officials::add);
      List<District> districts = new ArrayList<>();
      for (Districts.Seat seat : seats) {
        List<Official> members =
            federal.stream()
                .filter(o -> "us-house".equals(o.office()))
                .filter(o -> seat.state().equals(o.state()) && seat.district().equals(o.district()))
                .toList();
        districts.add(
            new District(
                "us-house",
                seat.state(),
                seat.district(),
                Districts.label(seat.state(), seat.district()),
                Districts.houseDivision(seat.state(), seat.district()),
                members.isEmpty()));
        if (!ambiguous) {
          officials.addAll(members);
        }
      }
      String[][] wanted = {{"upper", "stateUpper", wantUpper}, {"lower", "stateLower", wantLower}};
      for (String[] w : wanted) {
        if (w[2] == null || w[2].isBlank()) {
          continue;
        }
        if (state == null) {
          throw ProblemException.invalid(
              w[1], "choose the House district first: this ZIP lies in more than one state");
        }
        String district = w[2].strip();
        districts.add(stateDistrict(c, state, w[0], district, w[1]));
        officials.addAll(OfficialQueries.stateMembers(c, state, "state-" + w[0], district));
      }
      return new Lookup(zip, ambiguous, located, districts, officials);
    } catch (SQLException e) {
      throw new IllegalStateException("officials lookup failed", e);
    }
  }

  /** A state legislative district a supporter may pick, and whether anyone holds it now. */
  public record StateDistrict(String district, String divisionId, int seats, boolean vacant) {}

  /**
   * A state's districts of one chamber ({@code upper} or {@code lower}), in natural order (2 before
   * 10), for the action page's choice; empty for a state the directory does not have.
   */
  public List<StateDistrict> stateDistricts(String state, String chamber) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select d.district, d.division_id, d.num_seats, not exists (select 1 from official"
                    + " o where o.retired_at is null and o.state = d.state and o.office = ? and"
                    + " o.district = d.district) from state_district d where d.state = ? and"
                    + " d.chamber = ?"
                    + " order by (substring(d.district from '^[0-9]+'))::int nulls last,"
                    + " d.district")) {
      s.setString(1, "state-" + chamber);
      s.setString(2, state);
      s.setString(3, chamber);
      List<StateDistrict> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(new StateDistrict(r.getString(1), r.getString(2), r.getInt(3), r.getBoolean(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("state districts failed", e);
    }
  }

  /** An official (current or retired) by id: for campaigns and letters. */
  public Optional<Official> find(String id) {
    try (Connection c = dataSource.getConnection()) {
      return OfficialQueries.byId(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A current official (not retired) by id: a campaign's custom target, for instance. */
  public Optional<Official> findCurrent(String id) {
    try (Connection c = dataSource.getConnection()) {
      return OfficialQueries.currentById(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Whether the directory has this state district (a geocoder's name may not match). */
  private static boolean known(Connection c, String state, String chamber, String district)
      throws SQLException {
    if (district == null) {
      return false;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "select 1 from state_district where state = ? and chamber = ? and district = ?")) {
      s.setString(1, state);
      s.setString(2, chamber);
      s.setString(3, district);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static District stateDistrict(
      Connection c, String state, String chamber, String district, String field)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select d.division_id, exists (select 1 from official o where o.retired_at is null"
                + " and o.state = d.state and o.office = ? and o.district = d.district)"
                + " from state_district d where d.state = ? and d.chamber = ? and d.district = ?")) {
      s.setString(1, "state-" + chamber);
      s.setString(2, state);
      s.setString(3, chamber);
      s.setString(4, district);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new ProblemException(
              Problem.of(
                      422,
                      "state-district-unknown",
                      "Unknown state district",
                      state + " has no " + chamber + " chamber district '" + district + "'.")
                  .with("field", field));
        }
        return new District(
            "state-" + chamber,
            state,
            district,
            state + " " + chamber + " " + district,
            r.getString(1),
            !r.getBoolean(2));
      }
    }
  }

  private static List<Districts.Seat> candidates(Connection c, String zip) throws SQLException {
    List<Districts.Seat> seats = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "select state, district from zip_district where zip = ? order by state,"
                + " case when district = 'AL' then 0 else district::integer end")) {
      s.setString(1, zip);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          seats.add(new Districts.Seat(r.getString(1), r.getString(2)));
        }
      }
    }
    return seats;
  }

  private static List<String> labels(List<Districts.Seat> seats) {
    return seats.stream().map(s -> Districts.label(s.state(), s.district())).toList();
  }
}
