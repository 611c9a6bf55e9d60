package org.pathlight.impact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.pathlight.donations.StatementSection;

/** The year-end statement's "What your gifts helped fund", from the donor's gift ids only. */
@ApplicationScoped
class ImpactStatementSection implements StatementSection {

  @Inject DonorImpacts impacts;

  @Override
  public List<String> paragraphs(List<Long> giftIds, int year) {
    ImpactReports.DonorImpact impact = impacts.donor(giftIds, year);
    if (impact.lines().isEmpty()) {
      return List.of();
    }
    return List.of(
        "What your gifts helped fund",
        impact.sentence(),
        impact.basis() + " This is not part of the tax summary above and does not change it.");
  }
}
