package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * One donor's impact in a sentence ("In 2026 your gifts helped fund 12 nights of safe housing"),
 * from their gift ids only and the year's published quarters, small counts suppressed as
 * everywhere: for a newsletter's {@code {{impact}}}. Empty when nothing of theirs is published.
 */
@ApplicationScoped
public class DonorImpactSentence {

  @Inject ImpactReports reports;

  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<String> of(List<Long> giftIds, int year) {
    if (giftIds.isEmpty()) {
      return Optional.empty();
    }
    ImpactReports.DonorImpact d = reports.donor(giftIds, year);
    return d.lines().isEmpty() ? Optional.empty() : Optional.of(d.sentence());
  }
}
