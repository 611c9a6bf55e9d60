package org.pathlight.officials;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The datasets the directory imports, in the order a full import runs (offices need their members;
 * nothing else depends on order), with the file name each has in the shared data folder.
 */
enum ImportSource {
  CONGRESS_LEGISLATORS("congress-legislators", "congress-legislators-current.yaml"),
  CONGRESS_DISTRICT_OFFICES(
      "congress-district-offices", "congress-legislators-district-offices.yaml"),
  ZCCD("zccd", "zccd.csv"),
  OPENSTATES_DISTRICTS("openstates-districts", "openstates-districts.csv"),
  OPENSTATES("openstates", "openstates-all-legislators.csv");

  private final String code;
  private final String fileName;

  ImportSource(String code, String fileName) {
    this.code = code;
    this.fileName = fileName;
  }

  String code() {
    return code;
  }

  String fileName() {
    return fileName;
  }

  static Optional<ImportSource> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }

  static List<String> codes() {
    return Arrays.stream(values()).map(ImportSource::code).toList();
  }
}
