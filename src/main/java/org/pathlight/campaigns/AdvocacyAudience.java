package org.pathlight.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import org.pathlight.common.ProblemException;
import org.pathlight.supporters.AudienceRules;

/** {@code {"acted": campaignSlug}}: people who wrote letters in that campaign. */
@ApplicationScoped
class AdvocacyAudience implements AudienceRules {

  @PersistenceContext EntityManager em;

  @Override
  public Set<String> keys() {
    return Set.of("acted");
  }

  @Override
  public Condition condition(String key, JsonValue argument, String field) {
    String slug = AudienceRules.text(argument, field);
    if (em.createNativeQuery("select 1 from campaign where slug = ?1")
        .setParameter(1, slug)
        .getResultList()
        .isEmpty()) {
      throw ProblemException.invalid(field, "there is no campaign '" + slug + "'");
    }
    return new Condition(
        "s.id in (select a.supporter_id from campaign_action a join campaign c"
            + " on c.id = a.campaign_id where c.slug = ?)",
        List.of(slug));
  }
}
