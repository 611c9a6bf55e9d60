package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.pathlight.access.StaffPrincipal;
import org.pathlight.access.StaffRole;

class StaffSessionTest {

  private final Instant start = Instant.parse("2026-11-22T09:00:00Z");
  private final Duration idle = Duration.ofMinutes(120);

  @Test
  void aSessionEndsAfterItsLifetimeEvenWhenUsed() {
    StaffSession s = new StaffSession("h", 1, "c", "password", start, Duration.ofHours(12));
    for (int hour = 1; hour < 12; hour++) {
      s.touch(start.plus(Duration.ofHours(hour)));
    }
    assertThat(s.isAlive(start.plus(Duration.ofHours(11)).plusSeconds(3599), idle)).isTrue();
    assertThat(s.isAlive(start.plus(Duration.ofHours(12)), idle)).isFalse();
  }

  @Test
  void anIdleSessionEnds() {
    StaffSession s = new StaffSession("h", 1, "c", "password", start, Duration.ofHours(12));
    assertThat(s.isAlive(start.plus(idle).minusSeconds(1), idle)).isTrue();
    assertThat(s.isAlive(start.plus(idle), idle)).isFalse();
  }

  @Test
  void touchingWritesAtMostOnceAMinute() {
    StaffSession s = new StaffSession("h", 1, "c", "password", start, Duration.ofHours(12));
    assertThat(s.touch(start.plusSeconds(30))).isFalse();
    assertThat(s.touch(start.plusSeconds(61))).isTrue();
    assertThat(s.touch(start.plusSeconds(90))).isFalse();
  }

  @Test
  void anAdminHoldsEveryRole() {
    var admin = new StaffPrincipal(1, "a@x", "A", EnumSet.of(StaffRole.ADMIN), null);
    var impact = new StaffPrincipal(2, "b@x", "B", EnumSet.of(StaffRole.IMPACT), "csrf");
    assertThat(admin.has(StaffRole.FUNDRAISING)).isTrue();
    assertThat(impact.has(StaffRole.IMPACT)).isTrue();
    assertThat(impact.has(StaffRole.ADMIN)).isFalse();
    assertThat(impact.viaCookie()).isTrue();
    assertThat(admin.viaCookie()).isFalse();
  }
}
