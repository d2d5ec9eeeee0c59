package io.logplane.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FieldsV1 encoding and set algebra. */
class FieldSetTest {

  static final String KEYED = "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":"
      + "{\".\":{},\"f:image\":{}}}}}";

  @Test
  void fieldsV1RoundTrips() {
    FieldSet s = FieldSet.fromFieldsV1(Json.parse(Fixtures.raw(KEYED)));
    assertEquals(KEYED, s.toString());
    assertEquals(List.of(List.of("f:spec", "f:containers", "k:{\"name\":\"web\"}"),
        List.of("f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:image")), s.paths());
  }

  @Test
  void algebraWorksMemberByMember() {
    FieldSet a = FieldSet.of(List.of("f:a", "f:x"), List.of("f:a", "f:y"), List.of("f:b"));
    FieldSet b = FieldSet.of(List.of("f:a", "f:y"), List.of("f:c"));
    assertEquals("{\"f:a\":{\"f:x\":{}},\"f:b\":{}}", a.difference(b).toString());
    assertEquals("{\"f:a\":{\"f:y\":{}}}", a.intersection(b).toString());
    assertEquals("{\"f:a\":{\"f:x\":{},\"f:y\":{}},\"f:b\":{},\"f:c\":{}}", a.union(b).toString());
    assertEquals("{\"f:b\":{}}", a.recursiveDifference(FieldSet.of(List.of("f:a"))).toString());
  }

  @Test
  void malformedFieldsV1IsRefused() {
    assertThrows(IllegalArgumentException.class, () -> FieldSet.fromFieldsV1(Json.parse(Fixtures.raw("{\"x\":{}}"))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "f:spec,f:replicas                                        | .spec.replicas",
      "f:spec,k:{\"containerPort\":80;\"protocol\":\"TCP\"}     | .spec[containerPort=80,protocol=\"TCP\"]",
      "f:metadata,f:finalizers,v:\"a\"                          | .metadata.finalizers[=\"a\"]",
      "f:items,i:3                                              | .items[3]"})
  void pathsReadAsKubePrintsThem(String elements, String expected) {
    List<String> path = List.of(elements.replace(';', ',').split(",(?=[fkvi]:)"));
    assertEquals(expected, FieldPaths.describe(path));
  }
}
