package io.logplane.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void decodesEscapesPlusesAndRepeats() {
    Query q = Query.parse("labelSelector=app%3Dweb%2Ctier+in+(a)&limit=5&limit=6&watch&=x&&e=");
    assertEquals("app=web,tier in (a)", q.get("labelSelector"));
    assertEquals("5", q.get("limit"));
    assertEquals("", q.get("watch"));
    assertEquals("", q.get("e"));
    assertNull(q.get("absent"));
    assertEquals("é", Query.parse("n=%C3%A9").get("n"));
    assertTrue(Query.parse(null).names().isEmpty());
  }

  @Test
  void aMalformedEscapeIsA400NamingTheParameter() {
    for (String raw : List.of("limit=%G1", "limit=%", "limit=%1", "limit=1%2", "limit=%%%")) {
      ApiException e = assertThrows(ApiException.class, () -> Query.parse(raw), raw);
      assertEquals(400, e.code());
      assertEquals("BadRequest", e.reason());
      assertTrue(e.getMessage().startsWith("limit: Invalid value: "), e.getMessage());
      assertEquals("limit", e.status().at("/details/causes/0/field").asText());
    }
    ApiException e = assertThrows(ApiException.class, () -> Query.parse("continue=%%%"));
    assertTrue(e.getMessage().startsWith("continue: "), e.getMessage());
    ApiException name = assertThrows(ApiException.class, () -> Query.parse("lim%zzit=1"));
    assertTrue(name.getMessage().startsWith("lim%zzit: "), name.getMessage());
    ApiException utf8 = assertThrows(ApiException.class, () -> Query.parse("fieldSelector=%9e%ff"));
    assertTrue(utf8.getMessage().startsWith("fieldSelector: ") && utf8.getMessage().contains("UTF-8"));
  }

  @Test
  void kubeOptionsAreFalseOnlyWhenAbsentZeroOrFalse() {
    for (String t : List.of("1", "t", "T", "TRUE", "true", "True", "yes", "maybe", "f", "F", "2", "%20false", "")) {
      assertTrue(Query.parse("watch=" + t).option("watch"), t);
      assertTrue(Query.parse("watch=" + t).optional("watch"), t);
    }
    assertTrue(Query.parse("watch").option("watch"));
    for (String f : List.of("0", "false", "False", "FALSE", "fAlSe")) {
      assertFalse(Query.parse("watch=" + f).option("watch"), f);
      assertFalse(Query.parse("watch=" + f).optional("watch"), f);
    }
    assertFalse(Query.parse("other=1").option("watch"));
    assertNull(Query.parse("other=1").optional("watch"));
    assertTrue(Query.parse("watch=true&watch=false").option("watch"), "the first value decides");
  }

  @Test
  void historyBooleansAreWhatGoParseBoolAccepts() {
    for (String t : List.of("1", "t", "T", "TRUE", "true", "True")) {
      assertTrue(Query.parse("watch=" + t).bool("watch", false), t);
    }
    for (String f : List.of("0", "f", "F", "FALSE", "false", "False")) {
      assertFalse(Query.parse("watch=" + f).bool("watch", true), f);
    }
    assertTrue(Query.parse("").bool("watch", true));
    assertFalse(Query.parse("watch=").bool("watch", false));
    for (String bad : List.of("yes", "tRUE", "2", "on", " true")) {
      ApiException e = assertThrows(ApiException.class, () -> Query.parse("watch=" + bad.replace(" ", "%20"))
          .bool("watch", false), bad);
      assertTrue(e.getMessage().startsWith("watch: Invalid value: \"" + bad + "\""), e.getMessage());
    }
  }

  @Test
  void integersAndEnumsNameTheParameter() {
    assertEquals(30, Query.parse("timeoutSeconds=30").integer("timeoutSeconds", -1));
    assertEquals(-1, Query.parse("").integer("timeoutSeconds", -1));
    for (String bad : List.of("x", "1.5", "99999999999999999999", "0x10")) {
      ApiException e = assertThrows(ApiException.class, () -> Query.parse("timeoutSeconds=" + bad)
          .integer("timeoutSeconds", -1));
      assertTrue(e.getMessage().startsWith("timeoutSeconds: Invalid value"), e.getMessage());
    }
    assertEquals("Warn", Query.parse("fieldValidation=Warn").oneOf("fieldValidation", List.of("Warn", "Strict")));
    ApiException e = assertThrows(ApiException.class, () -> Query.parse("fieldValidation=Loud")
        .oneOf("fieldValidation", List.of("Warn", "Strict")));
    assertEquals("fieldValidation: Unsupported value: \"Loud\": supported values: \"Warn\", \"Strict\"",
        e.getMessage());
  }

  @Test
  void longValuesAreCutInMessages() {
    ApiException e = assertThrows(ApiException.class, () -> Query.parse("limit=" + "9".repeat(5000))
        .integer("limit", 0));
    assertTrue(e.getMessage().length() < 400, e.getMessage());
  }
}
