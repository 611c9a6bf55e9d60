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

  @Inject DonorImpacts impacts;

  /** {@code year}'s published figures read once, for the sentences of many donors. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Year year(int year) {
    return new Year(impacts.year(year));
  }

  /** A year's figures, read: each sentence reads only the donor's own gifts. */
  public static final class Year {
    private final DonorImpacts.Year figures;

    private Year(DonorImpacts.Year figures) {
      this.figures = figures;
    }

    public Optional<String> of(List<Long> giftIds) {
      if (giftIds.isEmpty()) {
        return Optional.empty();
      }
      ImpactReports.DonorImpact d = figures.donor(giftIds);
      return d.lines().isEmpty() ? Optional.empty() : Optional.of(d.sentence());
    }
  }
}
