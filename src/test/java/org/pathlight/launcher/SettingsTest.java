package org.pathlight.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void keysMapToEnvironmentVariablesAsMicroProfileConfigDoes() {
    assertThat(Settings.envName("pathlight.db.url")).isEqualTo("PATHLIGHT_DB_URL");
    Settings s = new Settings(Map.of("PATHLIGHT_DATA_DIR", " /srv/pathlight "));
    assertThat(s.get("pathlight.data.dir")).contains("/srv/pathlight");
    assertThat(s.get("pathlight.db.url")).isEmpty();
  }

  @Test
  void aBadPortIsExplained() {
    Settings s = new Settings(Map.of("PATHLIGHT_HTTP_PORT", "eighty"));
    assertThatThrownBy(() -> s.port("pathlight.http.port", 8080))
        .hasMessageContaining("PATHLIGHT_HTTP_PORT")
        .hasMessageContaining("eighty");
    assertThat(new Settings(Map.of()).port("pathlight.http.port", 8080)).isEqualTo(8080);
  }
}
