package org.pathlight.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/** Real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them). */
public final class Browser {

  private Browser() {}

  /** A fresh headless Chromium with its own profile, 1280 × 900, logging the console. */
  public static ChromeDriver start() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("pathlight.it.chromium", "/usr/bin/chromium"));
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + Files.createTempDirectory("pathlight-chromium"));
    options.setCapability("goog:loggingPrefs", java.util.Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(
                Path.of(System.getProperty("pathlight.it.chromedriver", "/usr/bin/chromedriver"))
                    .toFile())
            .build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 900));
    return browser;
  }

  /**
   * Signs in on {@code /staff/} afresh (cookies cleared) at the given width, and waits for the
   * staff home's sections.
   */
  public static void signInAsStaff(
      ChromeDriver browser, java.net.URL base, String email, String password, int width) {
    browser.manage().deleteAllCookies();
    browser.manage().window().setSize(new Dimension(width, width < 800 ? 844 : 900));
    browser.get(base.toString().replaceFirst("/$", "") + "/staff/");
    browser.findElement(org.openqa.selenium.By.id("email")).sendKeys(email);
    browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
    browser.findElement(org.openqa.selenium.By.cssSelector("#signin button[type=submit]")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
        .until(
            org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.cssSelector(".dash-section")));
  }

  /** Saves what the browser shows as target/screenshots/{name}.png. */
  public static void screenshot(ChromeDriver browser, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  /** The page scrolls sideways nowhere but in its own {@code .scroll} boxes (wide tables). */
  public static void assertFitsWidth(ChromeDriver browser) {
    Object wide =
        browser.executeScript(
            "var out = [];"
                + "document.querySelectorAll('body *').forEach(function (e) {"
                + "  var r = e.getBoundingClientRect();"
                + "  if (r.right > document.documentElement.clientWidth + 1"
                + "      && !e.closest('.scroll')) {"
                + "    out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''));"
                + "  }"
                + "});"
                + "return out.slice(0, 10).join(', ');");
    org.assertj.core.api.Assertions.assertThat(wide).as("wider than the window").isEqualTo("");
  }
}
