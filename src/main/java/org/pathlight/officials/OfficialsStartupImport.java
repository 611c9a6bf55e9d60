package org.pathlight.officials;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathlight.common.ProblemException;
import org.pathlight.common.Startup;

/**
 * With {@code pathlight.officials.dir} [PATHLIGHT_OFFICIALS_DIR] set, imports at start the datasets
 * found there under their published names (congress-legislators-current.yaml, zccd.csv, ...),
 * through the same code as the staff endpoint. A file identical to the one imported last for its
 * source is skipped, so a restart changes nothing. A bad file is logged and skipped; the server
 * still starts.
 */
@ApplicationScoped
public class OfficialsStartupImport {

  private static final Logger LOG = Logger.getLogger(OfficialsStartupImport.class.getName());

  @Inject
  @ConfigProperty(name = "pathlight.officials.dir")
  Optional<String> directory;

  @Inject OfficialImports imports;

  void onSchemaReady(@Observes Startup.SchemaReady ready) {
    directory.filter(d -> !d.isBlank()).map(Path::of).ifPresent(this::importAll);
  }

  void importAll(Path dir) {
    if (!Files.isDirectory(dir)) {
      LOG.warning("PATHLIGHT_OFFICIALS_DIR " + dir + " is not a directory; nothing imported.");
      return;
    }
    for (ImportSource source : ImportSource.values()) {
      Path file = dir.resolve(source.fileName());
      if (!Files.isRegularFile(file)) {
        continue;
      }
      long started = System.nanoTime();
      try (InputStream in = Files.newInputStream(file)) {
        ImportResult r = imports.run(source, in, "system", null, true);
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.info(
            () ->
                r.alreadyImported()
                    ? "Officials: " + file + " was imported before; unchanged."
                    : String.format(
                        "Officials: imported %s in %d ms: %d added, %d updated, %d retired,"
                            + " %d unchanged",
                        file, ms, r.added(), r.updated(), r.retired(), r.unchanged()));
      } catch (ProblemException e) {
        LOG.warning("Officials: " + file + " not imported: " + e.problem().detail());
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Officials: " + file + " not imported", e);
      }
    }
  }
}
