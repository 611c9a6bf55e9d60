package org.pathlight.common;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway owns the schema ({@code db/migration/V{n}__{what}.sql}); JPA schema generation is off.
 * Flyway's PostgreSQL advisory lock makes concurrent starts of several instances safe.
 */
@ApplicationScoped
public class SchemaMigrator {

  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  public MigrateResult migrate() {
    Flyway flyway =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true)
            .load();
    MigrateResult result = flyway.migrate();
    var current = flyway.info().current();
    LOG.info(
        () ->
            "Database schema at version "
                + (current == null ? "none" : current.getVersion())
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
    return result;
  }
}
