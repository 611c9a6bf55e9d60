package org.pathlight.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/** A browser test class: one real headless Chromium for all its tests, started and quit once. */
public abstract class WithBrowser {

  protected static ChromeDriver browser;

  @BeforeAll
  public static void startBrowser() throws Exception {
    browser = Browser.start();
  }

  @AfterAll
  public static void stopBrowser() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }
}
