package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code PATHLIGHT_DATA_DIR}: embedded database, mail drop, generated secrets. */
@ApplicationScoped
public class DataDirectory {

  @Inject
  @ConfigProperty(name = "pathlight.data.dir", defaultValue = "data")
  String dataDir;

  /** The folder {@code name} under the data directory, created if missing. */
  public Path folder(String name) {
    Path folder = root().resolve(name);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
    return folder;
  }

  public Path root() {
    return Path.of(dataDir).toAbsolutePath();
  }
}
