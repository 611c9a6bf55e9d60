package org.pathlight.officials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * Imports one dataset into the directory: reads and checks the whole file first (a malformed file
 * is refused before anything is written), then writes the difference in one transaction. Used by
 * the staff endpoint and by the start-up import alike.
 */
@ApplicationScoped
public class OfficialImports {

  @Inject OfficialStore store;
  @Inject Officials officials;

  /**
   * Imports {@code body} as {@code source}. With {@code skipIfSame}, a file whose digest equals the
   * one imported last for that source is not read into the database again (start-up).
   */
  ImportResult run(
      ImportSource source, InputStream body, String actor, String clientIp, boolean skipIfSame)
      throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Collection<?> rows = parse(source, new DigestInputStream(body, sha));
    if (rows.isEmpty()) {
      // an empty file would retire every member of the source: surely the wrong file
      throw CongressYaml.malformed(source.code(), "it has no rows; nothing to import.");
    }
    String digest = HexFormat.of().formatHex(sha.digest());
    if (skipIfSame && store.lastDigest(source).filter(digest::equals).isPresent()) {
      return new ImportResult(source.code(), 0, 0, 0, rows.size(), 0, true);
    }
    ImportResult result = store.apply(source, rows, digest, actor, clientIp);
    // committed: the answers kept in memory may be out of date now
    officials.forget();
    return result;
  }

  static Collection<?> parse(ImportSource source, InputStream in) throws IOException {
    switch (source) {
      case CONGRESS_LEGISLATORS:
        return CongressYaml.legislators(in);
      case CONGRESS_DISTRICT_OFFICES:
        return CongressYaml.districtOffices(in);
      case ZCCD:
        return OfficialCsv.zccd(in);
      case OPENSTATES_DISTRICTS:
        return OfficialCsv.openStatesDistricts(in);
      case OPENSTATES:
        return OfficialCsv.openStates(in);
      default:
        throw new IllegalArgumentException(source.toString());
    }
  }
}
