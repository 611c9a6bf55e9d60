package org.pathlight.testing;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.pathlight.testsupport.TestSupportResource;

/** The WAR the build made, at {@code /}, plus the test-support endpoints. */
public final class Deployments {

  private Deployments() {}

  public static WebArchive pathlight() {
    File war = new File(System.getProperty("pathlight.it.war", "target/pathlight.war"));
    return ShrinkWrap.create(WebArchive.class, "ROOT.war")
        .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war))
        .addPackage(TestSupportResource.class.getPackage());
  }

  /**
   * The same WAR with settings that win over the run's system properties (a config source of
   * ordinal 500 inside the deployment).
   */
  public static WebArchive pathlightWith(Map<String, String> settings) {
    String properties =
        "config_ordinal=500\n"
            + settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    JavaArchive config =
        ShrinkWrap.create(JavaArchive.class, "it-config.jar")
            .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
    return pathlight().addAsLibrary(config);
  }
}
