package org.pathlight.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the nonprofit is (receipts, footers, pages) and the trafficking hotline every public page
 * shows. The defaults are demo values; {@link #isDemo()} says so, and pages flag it.
 */
@ApplicationScoped
public class Organization {

  static final String DEMO_NAME = "Pathlight Demo Organization";

  @Inject java.time.Clock clock;

  @Inject
  @ConfigProperty(name = "pathlight.org.name", defaultValue = DEMO_NAME)
  String name;

  @Inject
  @ConfigProperty(name = "pathlight.org.ein", defaultValue = "00-0000000")
  String ein;

  @Inject
  @ConfigProperty(
      name = "pathlight.org.address",
      defaultValue = "100 Example Street, Springfield, IL 62701")
  String address;

  @Inject
  @ConfigProperty(name = "pathlight.org.timezone", defaultValue = "America/Chicago")
  String timezone;

  @Inject
  @ConfigProperty(
      name = "pathlight.hotline.name",
      defaultValue = "U.S. National Human Trafficking Hotline")
  String hotlineName;

  @Inject
  @ConfigProperty(name = "pathlight.hotline.phone", defaultValue = "1-888-373-7888")
  String hotlinePhone;

  @Inject
  @ConfigProperty(name = "pathlight.hotline.text", defaultValue = "233733")
  String hotlineText;

  public String name() {
    return name;
  }

  public String ein() {
    return ein;
  }

  public String address() {
    return address;
  }

  /** Today's date where the organisation is (the clock itself runs in UTC). */
  public java.time.LocalDate today() {
    return java.time.LocalDate.now(clock.withZone(zone()));
  }

  public ZoneId zone() {
    return ZoneId.of(timezone);
  }

  public boolean isDemo() {
    return DEMO_NAME.equals(name);
  }

  public String hotlineName() {
    return hotlineName;
  }

  public String hotlinePhone() {
    return hotlinePhone;
  }

  public String hotlineText() {
    return hotlineText;
  }

  /** tel: link target: the digits of the phone number. */
  public String hotlinePhoneDigits() {
    return hotlinePhone.replaceAll("[^0-9+]", "");
  }
}
