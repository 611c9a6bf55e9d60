package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathlight.access.StaffRole;

class SsoSettingsTest {

  private static SsoSettings with(String map, String domains) {
    return new SsoSettings(
        true,
        "http://idp",
        "c",
        "the-client-secret",
        "IdP",
        "email",
        "groups",
        map,
        SsoSettings.list(domains),
        false,
        false);
  }

  @Test
  void groupsMapToRolesAndAGroupMayGiveSeveral() {
    SsoSettings s = with("admins=admin, money=fundraising,money=impact , ,people=volunteers", "");
    assertThat(s.mapRoles(List.of("money", "other")))
        .contains(EnumSet.of(StaffRole.FUNDRAISING, StaffRole.IMPACT));
    assertThat(s.mapRoles(List.of("other"))).contains(EnumSet.noneOf(StaffRole.class));
    assertThat(s.mapRoles(null)).contains(EnumSet.noneOf(StaffRole.class));
  }

  @Test
  void theClientSecretIsNeverPrinted() {
    assertThat(with("", "").toString()).doesNotContain("the-client-secret").contains("clientId=c");
  }

  @Test
  void withoutAMapRolesStayInPathlight() {
    assertThat(with("", "").mapRoles(List.of("admins"))).isEmpty();
    assertThat(with(null, "").mapRoles(List.of("admins"))).isEmpty();
  }

  @Test
  void aWrongMapSaysWhatIsWrong() {
    assertThatThrownBy(() -> with("admins=boss", "").mapRoles(List.of()))
        .hasMessageContaining("unknown role 'boss'");
    assertThatThrownBy(() -> with("admins", "").mapRoles(List.of()))
        .hasMessageContaining("is not group=role");
  }

  @Test
  void onlyListedDomainsGetAnAccountOnFirstSignIn() {
    SsoSettings s = with("a=admin", "safeharbor.org, Volunteers.SafeHarbor.org");
    assertThat(s.mayCreate("ana@SafeHarbor.org")).isTrue();
    assertThat(s.mayCreate("ben@volunteers.safeharbor.org")).isTrue();
    assertThat(s.mayCreate("eve@safeharbor.org.evil.test")).isFalse();
    assertThat(s.mayCreate("eve@evilsafeharbor.org")).isFalse();
    assertThat(s.mayCreate("eve@evil.test@safeharbor.org")).isFalse();
    assertThat(with("a=admin", "").mayCreate("ana@safeharbor.org")).isFalse();
  }
}
