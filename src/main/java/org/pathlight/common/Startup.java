package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Start-up in a fixed order: migrate the schema, then tell the components ({@link SchemaReady}) so
 * they can bootstrap data and start their jobs against a schema that exists.
 */
@ApplicationScoped
public class Startup {

  /** Fired once per instance after the schema is migrated. */
  public record SchemaReady() {}

  @Inject SchemaMigrator migrator;
  @Inject Event<SchemaReady> schemaReady;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    migrator.migrate();
    schemaReady.fire(new SchemaReady());
  }
}
