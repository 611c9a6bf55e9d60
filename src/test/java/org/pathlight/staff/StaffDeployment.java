package org.pathlight.staff;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.pathlight.testing.Api;
import org.pathlight.testing.Deployments;

/**
 * One deployment for the staff ITs, with X-Forwarded-For trusted (so a test can sign in from
 * several client addresses) and a low per-account lock-out ceiling, and their helpers. Two classes
 * use it so that their halves run side by side.
 */
abstract class StaffDeployment {

  /** The per-account ceiling across addresses in this deployment (50 by default). */
  static final int ACCOUNT_CEILING = 10;

  /** Each class declares its own {@code @Deployment} (Arquillian reads only the test class). */
  static WebArchive archive() {
    // X-Forwarded-For is trusted here, so a test can sign in from several client addresses
    return Deployments.pathlightWith(
        Map.of(
            "pathlight.http.trust.forwarded",
            "true",
            "pathlight.staff.lockout.account.failures",
            Integer.toString(ACCOUNT_CEILING)));
  }

  static String[] from(String address) {
    return new String[] {"X-Forwarded-For", address};
  }

  /** A fresh client address for one test, so tests never share a lock-out. */
  static String address() {
    long n = System.nanoTime();
    return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
  }

  @ArquillianResource URL base;

  Api admin() {
    return Api.admin(base);
  }

  /** Creates a staff member with the given roles; returns their email. */
  String staffWith(String password, String... roles) {
    return created(password, roles).getString("email");
  }

  /** Creates a staff member with the given roles; returns the account as the API shows it. */
  JsonObject created(String password, String... roles) {
    return Api.createStaff(
        admin(), "staff" + System.nanoTime() + "@it.test", "Test Person", password, roles);
  }
}
