package org.pathlight.common;

import jakarta.annotation.sql.DataSourceDefinition;

/**
 * The one database: PostgreSQL, located by MicroProfile Config ({@code PATHLIGHT_DB_URL}, {@code
 * PATHLIGHT_DB_USER}, {@code PATHLIGHT_DB_PASSWORD}). The launcher sets them to its embedded server
 * when they are not configured.
 *
 * <p>When the database is gone, requests fail fast (and answer 503, see {@link ProblemMappers})
 * rather than hang: connecting gives up after 3 s, signing in after 5 s, a read that gets no answer
 * after 30 s, and waiting for a free pooled connection after 5 s.
 */
@DataSourceDefinition(
    name = Database.JNDI_NAME,
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=pathlight.db.url}",
    user = "${MPCONFIG=pathlight.db.user}",
    password = "${MPCONFIG=pathlight.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    maxIdleTime = 300,
    loginTimeout = 5,
    properties = {
      "connectTimeout=3",
      "socketTimeout=30",
      "fish.payara.max-wait-time-in-millis=5000",
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
      "fish.payara.fail-all-connections=true",
      "fish.payara.validate-atmost-once-period-in-seconds=5",
      "fish.payara.match-connections=false",
      "ApplicationName=pathlight"
    })
public final class Database {
  public static final String JNDI_NAME = "java:app/jdbc/pathlight";

  private Database() {}

  /**
   * Ids as a PostgreSQL array literal ({@code {1,2,3}}), for a native query's {@code any(cast(?1 as
   * bigint[]))}: one statement for a whole batch instead of one per id. A null is NULL.
   */
  public static String ids(java.util.Collection<? extends Number> ids) {
    return ids.stream()
        .map(String::valueOf)
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }
}
