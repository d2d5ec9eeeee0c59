package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.CONFIGMAPS;
import static io.logplane.api.patch.Fixtures.json;
import static io.logplane.api.patch.Fixtures.raw;
import static io.logplane.api.patch.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON patch (RFC 6902), merge patch (RFC 7386) and content-type dispatch. */
class PatchesTest {

  private static final String CM = "{metadata: {name: c, labels: {a: '1'}}, data: {k: v, list: x}, items: [1, 2]}";

  private static ObjectNode jsonPatch(String ops) {
    return Patches.apply(PatchType.JSON, yaml(CM), raw(ops), CONFIGMAPS);
  }

  @Test
  void jsonPatchAppliesOperationsInOrder() {
    ObjectNode r = jsonPatch("""
        [{"op":"test","path":"/data/k","value":"v"},
         {"op":"replace","path":"/data/k","value":"w"},
         {"op":"add","path":"/metadata/labels/b","value":"2"},
         {"op":"remove","path":"/data/list"},
         {"op":"add","path":"/items/-","value":3},
         {"op":"move","from":"/metadata/labels/a","path":"/metadata/labels/c"}]""");
    assertEquals(yaml("{metadata: {name: c, labels: {b: '2', c: '1'}}, data: {k: w}, items: [1, 2, 3]}"), r);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "failing test op       | 422 | [{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"nope\"}]",
      "replace missing key   | 422 | [{\"op\":\"replace\",\"path\":\"/data/missing\",\"value\":1}]",
      "remove missing key    | 422 | [{\"op\":\"remove\",\"path\":\"/data/missing\"}]",
      "add under missing     | 422 | [{\"op\":\"add\",\"path\":\"/spec/x/y\",\"value\":1}]",
      "index out of range    | 422 | [{\"op\":\"replace\",\"path\":\"/items/7\",\"value\":1}]",
      "root replaced by list | 422 | [{\"op\":\"replace\",\"path\":\"\",\"value\":[]}]",
      "root replaced         | 422 | [{\"op\":\"replace\",\"path\":\"\",\"value\":{}}]",
      "root copied           | 422 | [{\"op\":\"copy\",\"from\":\"\",\"path\":\"/x\"}]",
      "remove past the end   | 422 | [{\"op\":\"remove\",\"path\":\"/items/-\"}]",
      "replace past the end  | 422 | [{\"op\":\"replace\",\"path\":\"/items/-\",\"value\":1}]",
      "before the first      | 422 | [{\"op\":\"remove\",\"path\":\"/items/-3\"}]",
      "huge negative index   | 422 | [{\"op\":\"remove\",\"path\":\"/items/-99999999999999999999\"}]",
      "unknown op            | 422 | [{\"op\":\"frob\",\"path\":\"/data\"}]",
      "missing path          | 422 | [{\"op\":\"add\",\"value\":1}]",
      "an op not an object   | 400 | [1]",
      "not a list            | 400 | {\"op\":\"add\",\"path\":\"/a\",\"value\":1}",
      "not json              | 400 | [{"})
  void jsonPatchFailuresCarryKubesCodes(String name, int code, String ops) {
    PatchException e = assertThrows(PatchException.class, () -> jsonPatch(ops));
    assertEquals(code, e.code(), e.getMessage());
  }

  /** evanphx/json-patch, which kube uses, counts a negative index from the end of its array. */
  @Test
  void jsonPatchNegativeIndicesCountFromTheEnd() {
    ObjectNode r = jsonPatch("""
        [{"op":"replace","path":"/items/-1","value":9},
         {"op":"add","path":"/items/-1","value":3},
         {"op":"test","path":"/items/-3","value":1},
         {"op":"copy","from":"/items/-2","path":"/items/0"},
         {"op":"remove","path":"/items/-4"},
         {"op":"test","path":"","value":{"metadata":{"name":"c","labels":{"a":"1"}},"data":{"k":"v","list":"x"},"items":[1,9,3]}}]""");
    assertEquals(yaml("{metadata: {name: c, labels: {a: '1'}}, data: {k: v, list: x}, items: [1, 9, 3]}"), r);
  }

  /**
   * Copying the document into itself doubles it: kube stops copies at 3 MiB in all
   * ({@code JSONPatchMaxCopyBytes}), so forty operations cannot ask for a terabyte.
   */
  @Test
  void jsonPatchCopiesAreBoundedAsInKube() {
    StringBuilder ops = new StringBuilder("[");
    for (int i = 0; i < 40; i++) {
      ops.append(i == 0 ? "" : ",").append("{\"op\":\"copy\",\"from\":\"/data\",\"path\":\"/data/c").append(i)
          .append("\"}");
    }
    PatchException e = assertThrows(PatchException.class, () -> jsonPatch(ops.append("]").toString()));
    assertEquals(422, e.code());
    assertEquals("Unable to complete the copy, the accumulated size increase of copy is", e.getMessage().substring(0, 69),
        e.getMessage());
  }

  @Test
  void jsonPatchOverTheOperationLimitIs413() {
    String op = "{\"op\":\"test\",\"path\":\"/data/k\",\"value\":\"v\"}";
    String ops = "[" + String.join(",", java.util.Collections.nCopies(10001, op)) + "]";
    assertEquals(413, assertThrows(PatchException.class, () -> jsonPatch(ops)).code());
  }

  @Test
  void mergePatchMergesObjectsDeletesNullsAndReplacesLists() {
    ObjectNode r = Patches.apply(PatchType.MERGE, yaml(CM),
        json("{metadata: {labels: {a: null, b: '2'}}, data: {k: null, n: {x: 1, y: null}}, items: [9]}"), CONFIGMAPS);
    assertEquals(yaml("{metadata: {name: c, labels: {b: '2'}}, data: {list: x, n: {x: 1}}, items: [9]}"), r);
  }

  @Test
  void mergePatchLeavesTheInputAlone() {
    ObjectNode original = yaml(CM);
    Patches.apply(PatchType.MERGE, original, json("{data: null}"), CONFIGMAPS);
    assertEquals(yaml(CM), original);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"[1]", "3", "{", "null"})
  void mergePatchBodiesMustBeObjects(String body) {
    assertEquals(400, assertThrows(PatchException.class,
        () -> Patches.apply(PatchType.MERGE, yaml(CM), raw(body), CONFIGMAPS)).code());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/json-patch+json                 | JSON",
      "application/merge-patch+json                | MERGE",
      "application/strategic-merge-patch+json      | STRATEGIC",
      "application/apply-patch+yaml                | APPLY",
      "Application/Merge-Patch+JSON; charset=utf-8 | MERGE"})
  void contentTypesNameThePatchKind(String header, PatchType expected) {
    assertEquals(expected, PatchType.fromContentType(header));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {"application/json", "text/plain", "NULL"})
  void otherContentTypesAreNotPatches(String header) {
    assertNull(PatchType.fromContentType(header));
  }
}
