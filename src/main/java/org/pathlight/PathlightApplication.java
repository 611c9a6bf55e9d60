package org.pathlight;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The JAX-RS root: every resource of every component lives under {@code /api}. */
@ApplicationPath("api")
public class PathlightApplication extends Application {

  /**
   * No generated WADL at {@code /api/application.wadl}: it named the Jersey version and described
   * nothing the OpenAPI document does not.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
