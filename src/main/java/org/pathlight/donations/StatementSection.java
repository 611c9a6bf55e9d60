package org.pathlight.donations;

import java.util.List;

/**
 * A section another component adds to a donor's year-end statement, after the tax summary (which it
 * never changes): impact adds what the donor's gifts helped fund. It is given the donor's gift ids
 * only, never the donor.
 */
public interface StatementSection {

  /** The section's heading and paragraphs for these gifts in {@code year}; empty for none. */
  List<String> paragraphs(List<Long> giftIds, int year);
}
