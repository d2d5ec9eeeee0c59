package io.logplane.selectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode labels(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "app=web            | {\"app\":\"web\"}                 | true",
      "app==web           | {\"app\":\"web\"}                 | true",
      "app=web            | {\"app\":\"db\"}                  | false",
      "app!=web           | {\"app\":\"db\"}                  | true",
      "app!=web           | {}                                | true",
      "app in (web,db)    | {\"app\":\"db\"}                  | true",
      "app in (web,db)    | {}                                | false",
      "app notin (web)    | {}                                | true",
      "app notin (web)    | {\"app\":\"web\"}                 | false",
      "app                | {\"app\":\"\"}                    | true",
      "!app               | {\"app\":\"x\"}                   | false",
      "!app               | {}                                | true",
      "' app = web , tier in ( a , b ) ' | {\"app\":\"web\",\"tier\":\"b\"} | true",
      "app=web,tier=front | {\"app\":\"web\",\"tier\":\"back\"} | false",
      "app=               | {\"app\":\"\"}                    | true",
      "app in ()          | {\"app\":\"\"}                    | true",
      "size>3             | {\"size\":\"4\"}                  | true",
      "size<3             | {\"size\":\"x\"}                  | false",
      "example.com/role=db | {\"example.com/role\":\"db\"}    | true",
      "x in (in,notin)    | {\"x\":\"notin\"}                 | true",
  })
  void matches(String selector, String labels, boolean expected) {
    assertEquals(expected, LabelSelector.parse(selector).matches(labels(labels)));
  }

  @Test
  void nullLabelsAreNoLabels() {
    assertTrue(LabelSelector.parse("!app").matches(null));
    assertFalse(LabelSelector.parse("app").matches(null));
    assertTrue(LabelSelector.parse("").matches(null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "app=,          | found '', expected: identifier after ','",
      "app web        | unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt",
      "=web           | found '=', expected: !, identifier, or 'end of string'",
      "app in web     | unable to parse requirement: found 'web' expected: '('",
      "app in (a b)   | unable to parse requirement: found 'b', expected: ',' or ')'",
      "app=a=b        | found '=', expected: ',' or 'end of string'",
      "app=(x)        | unable to parse requirement: found '(', expected: identifier",
  })
  void rejectsBadSyntaxWithKubesMessage(String selector, String message) {
    SelectorException e = assertThrows(SelectorException.class, () -> LabelSelector.parse(selector));
    assertEquals(message, e.getMessage());
    assertEquals(400, e.code());
  }

  @Test
  void rejectsInvalidKeysAndValuesWithKubesMessage() {
    SelectorException key = assertThrows(SelectorException.class, () -> LabelSelector.parse("-app=x"));
    assertEquals("unable to parse requirement: <nil>: Invalid value: \"-app\": name part must consist of "
        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", key.getMessage());
    SelectorException value = assertThrows(SelectorException.class, () -> LabelSelector.parse("app=-x"));
    assertTrue(value.getMessage().startsWith("unable to parse requirement: values[0][app]: Invalid value: \"-x\": "
        + "a valid label must be an empty string"), value.getMessage());
    SelectorException prefix = assertThrows(SelectorException.class, () -> LabelSelector.parse("Ex.com/a"));
    assertTrue(prefix.getMessage().contains("prefix part a lowercase RFC 1123 subdomain"), prefix.getMessage());
    SelectorException gt = assertThrows(SelectorException.class, () -> LabelSelector.parse("a>b"));
    assertTrue(gt.getMessage().contains("for 'Gt', 'Lt' operators, the value must be an integer"));
  }

  @Test
  void printsInKubesCanonicalFormSortedByKey() {
    assertEquals("a in (x,y),b!=1,!c,d", LabelSelector.parse("d, !c, b != 1, a in (y,x,y)").toString());
  }

  @Test
  void requiredValueNarrowsOnExactMatches() {
    LabelSelector s = LabelSelector.parse("app=web,tier in (a,b),env in (prod)");
    assertEquals(Optional.of("web"), s.requiredValue("app"));
    assertEquals(Optional.of("prod"), s.requiredValue("env"));
    assertEquals(Optional.empty(), s.requiredValue("tier"));
    assertEquals(Optional.empty(), s.requiredValue("other"));
  }

  @Test
  void convertsMetav1LabelSelectors() {
    JsonNode sel = labels("{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":["
        + "{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"a\",\"b\"]},"
        + "{\"key\":\"canary\",\"operator\":\"DoesNotExist\"}]}");
    LabelSelector s = LabelSelector.fromJson(sel);
    assertEquals("app=web,!canary,tier in (a,b)", s.toString());
    assertTrue(s.matches(labels("{\"app\":\"web\",\"tier\":\"a\"}")));
    assertFalse(s.matches(labels("{\"app\":\"web\",\"tier\":\"a\",\"canary\":\"1\"}")));
    assertTrue(LabelSelector.fromJson(labels("{}")).matches(labels("{\"x\":\"y\"}")), "empty selects all");
    assertFalse(LabelSelector.fromJson(null).matches(labels("{}")), "null selects nothing");
  }

  @Test
  void rejectsBadMetav1Selectors() {
    SelectorException op = assertThrows(SelectorException.class, () -> LabelSelector.fromJson(
        labels("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Equals\",\"values\":[\"b\"]}]}")));
    assertEquals("\"Equals\" is not a valid label selector operator", op.getMessage());
    SelectorException empty = assertThrows(SelectorException.class, () -> LabelSelector.fromJson(
        labels("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\",\"values\":[]}]}")));
    assertTrue(empty.getMessage().contains("values set can't be empty"), empty.getMessage());
  }
}
