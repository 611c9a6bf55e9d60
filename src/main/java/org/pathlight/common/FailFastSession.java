package org.pathlight.common;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query that failed for a lost connection three times, five seconds apart:
 * with the database gone, every request hung for 10–15 s before failing. Payara's pool already
 * validates connections, so one immediate retry (a stale pooled connection) is enough. Named in
 * persistence.xml ({@code eclipselink.session.customizer}).
 */
public class FailFastSession implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
      login.setQueryRetryAttemptCount(1);
      login.setDelayBetweenConnectionAttempts(0);
    }
  }
}
