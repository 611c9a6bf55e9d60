package org.pathlight.staff;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Turns single sign-on on or off at deployment, from {@code pathlight.sso.enabled}. Off (the
 * default), the OpenID Connect mechanism ({@link SsoMechanism}) is vetoed and {@code /staff/sso} is
 * not registered, so it is a plain 404 and no request pays for a mechanism. On, a missing provider,
 * client id or client secret, or a roles map that is not {@code group=role} pairs of known roles,
 * stops the deployment with a message naming the setting.
 */
public class SsoSwitch implements Extension {

  private static final Logger LOG = Logger.getLogger(SsoSwitch.class.getName());

  void mechanism(@Observes ProcessAnnotatedType<SsoMechanism> type) {
    if (!SsoConfig.enabled(ConfigProvider.getConfig())) {
      type.veto();
    }
  }

  /**
   * The mechanism's decorator goes with it: Soteria counts any bean of the mechanism's type, a
   * decorator included, as a mechanism to install, and with no mechanism to decorate every request
   * would fail.
   */
  void decorator(@Observes ProcessAnnotatedType<SsoFailures> type) {
    if (!SsoConfig.enabled(ConfigProvider.getConfig())) {
      type.veto();
    }
  }

  void check(@Observes AfterBeanDiscovery done) {
    Config config = ConfigProvider.getConfig();
    if (!SsoConfig.enabled(config)) {
      return;
    }
    List<String> missing = new ArrayList<>();
    for (String key :
        List.of(
            "pathlight.sso.provider.uri",
            "pathlight.sso.client.id",
            "pathlight.sso.client.secret")) {
      if (SsoConfig.value(config, key, "").isEmpty()) {
        missing.add(key);
      }
    }
    String map = SsoConfig.value(config, "pathlight.sso.roles.map", "");
    try {
      SsoSettings.parseRolesMap(map);
    } catch (IllegalArgumentException e) {
      done.addDefinitionError(
          new IllegalStateException("pathlight.sso.roles.map is wrong: " + e.getMessage()));
    }
    if (!missing.isEmpty()) {
      done.addDefinitionError(
          new IllegalStateException(
              "pathlight.sso.enabled is true but " + String.join(", ", missing) + " is not set"));
    } else {
      LOG.info(
          () ->
              "single sign-on is on, through "
                  + SsoConfig.value(config, "pathlight.sso.provider.uri", ""));
    }
  }

  /**
   * Registers the sign-in address when single sign-on is on: {@code /staff/sso} needs any signed-in
   * caller (so the mechanism sends the browser to the provider), and the provider sends it back to
   * {@code /staff/sso/callback}.
   */
  @WebListener
  public static class Registrar implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
      if (!SsoConfig.enabled(ConfigProvider.getConfig())) {
        return;
      }
      ServletRegistration.Dynamic servlet =
          event.getServletContext().addServlet("staff-sso", SsoServlet.class);
      servlet.addMapping("/staff/sso", SsoConfig.CALLBACK);
      servlet.setServletSecurity(
          new ServletSecurityElement(
              new HttpConstraintElement(ServletSecurity.TransportGuarantee.NONE, "**")));
    }
  }
}
