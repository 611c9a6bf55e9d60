package org.pathlight.officials;

/**
 * One official as an import source describes them (and as the {@code official} table stores them,
 * less the bookkeeping). Two rows are equal when nothing a letter or a supporter sees differs.
 */
record OfficialRow(
    String id,
    String office,
    String name,
    String title,
    String organisation,
    String state,
    String district,
    String divisionId,
    String party,
    String email,
    String contactForm,
    String website,
    String phone,
    String postalAddress) {}
