package org.pathlight.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

  private static final String EMAIL = "jane.organizer@pathlight.example";

  @Test
  void commonPasswordsOfAcceptableLengthAreRefusedWhateverTheirCase() {
    for (String common :
        new String[] {
          "password1234", "qwertyuiop12", "123456789012", "PASSWORD1234", " Qwerty123456 "
        }) {
      assertThat(PasswordPolicy.refusal(EMAIL, common))
          .as(common)
          .hasValueSatisfying(why -> assertThat(why).contains("most common"));
    }
  }

  @Test
  void theListShipsAboutAHundredPasswordsAllLongEnoughToPassTheLengthRule() {
    assertThat(PasswordPolicy.commonCount()).isBetween(90, 200);
  }

  @Test
  void theEmailOrItsLocalPartIsRefused() {
    assertThat(PasswordPolicy.refusal(EMAIL, EMAIL))
        .hasValueSatisfying(why -> assertThat(why).contains("email"));
    assertThat(PasswordPolicy.refusal(EMAIL, "Jane.Organizer")).isPresent();
    assertThat(PasswordPolicy.refusal(EMAIL, "JANE.ORGANIZER@PATHLIGHT.EXAMPLE")).isPresent();
    assertThat(PasswordPolicy.refusal(EMAIL, "my " + EMAIL + " pw")).isPresent();
  }

  @Test
  void shortPasswordsAreRefusedAndGoodOnesPass() {
    assertThat(PasswordPolicy.refusal(EMAIL, "short"))
        .hasValueSatisfying(why -> assertThat(why).contains("12"));
    assertThat(PasswordPolicy.refusal(EMAIL, "violet kettle orbit march")).isEmpty();
    assertThat(PasswordPolicy.refusal("admin@it.test", "it-admin-password-1")).isEmpty();
  }

  @Test
  void aWeakConfiguredAdminPasswordIsReplacedByARandomOneWithTheReason() {
    AdminBootstrap.Chosen weak =
        AdminBootstrap.choose("admin@example.org", java.util.Optional.of("password1234"));
    assertThat(weak.generated()).isTrue();
    assertThat(weak.password()).isNotEqualTo("password1234").hasSizeGreaterThanOrEqualTo(20);
    assertThat(weak.refusal()).contains("common");
    assertThat(PasswordPolicy.refusal("admin@example.org", weak.password())).isEmpty();

    AdminBootstrap.Chosen good =
        AdminBootstrap.choose("admin@example.org", java.util.Optional.of("violet kettle orbit"));
    assertThat(good).isEqualTo(new AdminBootstrap.Chosen("violet kettle orbit", false, null));

    AdminBootstrap.Chosen none =
        AdminBootstrap.choose("admin@example.org", java.util.Optional.empty());
    assertThat(none.generated()).isTrue();
    assertThat(none.refusal()).isNull();
  }
}
