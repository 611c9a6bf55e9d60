package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/** {@code {"topic": code}}: people subscribed to the topic now. */
@ApplicationScoped
class TopicAudience implements AudienceRules {

  @Inject Consents consents;

  @Override
  public Set<String> keys() {
    return Set.of("topic");
  }

  @Override
  public Condition condition(String key, JsonValue argument, String field) {
    String code = consents.requireTopic(field, AudienceRules.text(argument, field)).code();
    return new Condition(
        "exists (select 1 from topic_subscription ts where ts.supporter_id = s.id"
            + " and ts.topic_code = ? and ts.subscribed)",
        List.of(code));
  }
}
