package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonShapeTest {

  enum Colour {
    RED,
    BLUE
  }

  record Inner(String line1, Integer floor) {}

  record Body(
      String name,
      int count,
      Integer capacity,
      Long amount,
      boolean flag,
      Boolean optIn,
      List<String> targets,
      List<Inner> rooms,
      Inner address,
      Colour colour,
      LocalDate on,
      Map<String, Integer> scores) {}

  private static List<JsonShape.Finding> check(String json) {
    JsonValue value = StrictJsonReader.parse(json.getBytes(StandardCharsets.UTF_8), null);
    return JsonShape.check(value, Body.class);
  }

  private static List<String> fields(String json) {
    return check(json).stream().map(f -> f.field() + ": " + f.message()).toList();
  }

  @Test
  void aBodyOfTheRightShapeHasNoFindings() {
    assertThat(
            check(
                """
                {"name": "Ada\\ttab\\nline", "count": -3, "capacity": 2147483647,
                 "amount": 9223372036854775807, "flag": false, "optIn": null,
                 "targets": ["a", "b"], "rooms": [{"line1": "x", "floor": 2}],
                 "address": {"line1": "y"}, "colour": "RED", "on": "2026-01-02",
                 "scores": {"a": 1}}
                """))
        .isEmpty();
  }

  @Test
  void wrongJsonTypesAreNamedNotCoerced() {
    assertThat(
            fields(
                """
                {"name": 12, "count": "12", "capacity": true, "amount": "5", "flag": "true",
                 "optIn": 1, "targets": "a", "address": [], "colour": 1, "on": 20260102,
                 "scores": {"a": "1"}}
                """))
        .containsExactlyInAnyOrder(
            "name: must be a string (in double quotes)",
            "count: must be a whole number such as 25, without quotes",
            "capacity: must be a whole number such as 25, without quotes",
            "amount: must be a whole number such as 25, without quotes",
            "flag: must be true or false",
            "optIn: must be true or false",
            "targets: must be a list [...]",
            "address: must be a JSON object {…}",
            "colour: use one of [BLUE, RED]",
            "on: must be a string (in double quotes)",
            "scores.a: must be a whole number such as 25, without quotes");
    assertThat(check("{\"name\": true}"))
        .extracting(JsonShape.Finding::kind)
        .containsExactly(JsonShape.Kind.WRONG_TYPE);
    assertThat(fields("{\"count\": 3000000000, \"capacity\": -3000000000, \"amount\": 2.5}"))
        .containsExactlyInAnyOrder(
            "count: is too large",
            "capacity: is too small",
            "amount: must be a whole number such as 25, without quotes");
  }

  @Test
  void numbersOutOfRangeOrWithFractionsDoNotWrapOrRound() {
    assertThat(fields("{\"capacity\": 4294967298}")).hasSize(1);
    assertThat(fields("{\"capacity\": -2147483649}")).hasSize(1);
    assertThat(fields("{\"amount\": 9223372036854775808}")).hasSize(1);
    assertThat(fields("{\"count\": 2.5}")).hasSize(1);
    assertThat(fields("{\"count\": 1e2}")).hasSize(1);
    assertThat(fields("{\"count\": 1e999999999}")).hasSize(1);
    assertThat(fields("{\"count\": 12}")).isEmpty();
  }

  @Test
  void nullIsRefusedInsideListsAndForPrimitives() {
    assertThat(fields("{\"targets\": [\"a\", null]}"))
        .containsExactly("targets[1]: must not be null");
    assertThat(fields("{\"rooms\": [null]}")).containsExactly("rooms[0]: must not be null");
    assertThat(fields("{\"count\": null}")).containsExactly("count: must not be null");
    assertThat(fields("{\"capacity\": null, \"targets\": null}")).isEmpty();
  }

  @Test
  void controlCharactersAnywhereAreRefusedWithTheirField() {
    assertThat(fields("{\"name\": \"a\\u0000b\"}"))
        .containsExactly("name: must not contain control characters such as U+0000");
    assertThat(fields("{\"rooms\": [{\"line1\": \"\\u001b[31m\"}]}"))
        .containsExactly("rooms[0].line1: must not contain control characters such as U+0000");
    assertThat(fields("{\"unknown\": \"\\u0007\"}")).hasSize(1);
    assertThat(check("{\"name\": \"\\u0000\"}").get(0).kind()).isEqualTo(JsonShape.Kind.INVALID);
  }

  @Test
  void unknownFieldsAreNamedWithTheirPath() {
    assertThat(fields("{\"nmae\": \"x\", \"address\": {\"lin1\": \"y\"}}"))
        .containsExactlyInAnyOrder(
            "nmae: is not a known field", "address.lin1: is not a known field");
  }

  @Test
  void theProblemTypeIsTheWorstKindAndListsEveryField() {
    Problem problem = JsonShape.problem(check("{\"nmae\": 1, \"count\": \"x\"}")).problem();
    assertThat(problem.type()).isEqualTo("/problems/unknown-field");
    assertThat(problem.errors())
        .extracting(Problem.FieldError::field)
        .containsExactlyInAnyOrder("nmae", "count");
    assertThat(JsonShape.problem(check("{\"count\": \"x\"}")).problem().type())
        .isEqualTo("/problems/malformed-json");
    assertThat(JsonShape.problem(check("{\"targets\": [null]}")).problem().type())
        .isEqualTo("/problems/validation");
  }

  @Test
  void onlyOneJsonValueOnceEachMember() {
    assertThatThrownBy(() -> StrictJsonReader.parse("{\"a\": 1} xyz".getBytes(), null))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("more after the JSON value");
    assertThatThrownBy(() -> StrictJsonReader.parse("{} {}".getBytes(), null))
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> StrictJsonReader.parse("{\"a\": 1, \"a\": 2}".getBytes(), null))
        .isInstanceOf(ProblemException.class)
        .satisfies(
            e ->
                assertThat(((ProblemException) e).problem().errors())
                    .containsExactly(new Problem.FieldError("a", "appears more than once")));
    assertThatThrownBy(() -> StrictJsonReader.parse("{\"a\": ".getBytes(), null))
        .isInstanceOf(JsonParsingException.class);
    assertThatThrownBy(() -> StrictJsonReader.parse(new byte[] {'"', (byte) 0xC3, '"'}, null))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("UTF-8");
    assertThat(StrictJsonReader.parse("  \n".getBytes(), null)).isNull();
    assertThat(StrictJsonReader.parse("{\"a\": [1, {\"b\": null}]} \n".getBytes(), null))
        .hasToString("{\"a\":[1,{\"b\":null}]}");
  }
}
