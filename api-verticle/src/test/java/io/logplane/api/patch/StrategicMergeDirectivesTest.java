package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.DEPLOYMENT;
import static io.logplane.api.patch.Fixtures.DEPLOYMENTS;
import static io.logplane.api.patch.Fixtures.SERVICES;
import static io.logplane.api.patch.Fixtures.WIDGETS;
import static io.logplane.api.patch.Fixtures.json;
import static io.logplane.api.patch.Fixtures.raw;
import static io.logplane.api.patch.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Primitive sets, other kinds, custom resources and malformed strategic patches. */
class StrategicMergeDirectivesTest {

  private static ObjectNode smp(String original, String patch) {
    return Patches.apply(PatchType.STRATEGIC, yaml(original), json(patch), DEPLOYMENTS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // finalizers merge as a set; kube puts new items before the existing ones
      "{finalizers: [c, a]}                                   | [c, a, b]",
      "{$deleteFromPrimitiveList/finalizers: [a]}             | [b]",
      // what kubectl apply sends when the config changes [a, b] to [b, c]
      "{$setElementOrder/finalizers: [b, c], finalizers: [c], $deleteFromPrimitiveList/finalizers: [a]} | [b, c]",
      "{$deleteFromPrimitiveList/finalizers: [z]}             | [a, b]",
      "{finalizers: null}                                     | null"})
  void finalizersMergeAsASet(String metadataPatch, String expected) {
    ObjectNode r = smp("metadata: {name: x, finalizers: [a, b]}", "metadata: " + metadataPatch);
    assertEquals(yaml("v: " + expected).get("v"), r.path("metadata").get("finalizers") == null
        ? yaml("v: null").get("v") : r.path("metadata").get("finalizers"));
  }

  @Test
  void servicePortsMergeByPort() {
    ObjectNode svc = yaml("spec: {ports: [{port: 80, targetPort: 8080, name: http}, {port: 443, name: https}]}");
    ObjectNode r = Patches.apply(PatchType.STRATEGIC, svc, json("spec: {ports: [{port: 80, targetPort: 9090}]}"),
        SERVICES);
    assertEquals(yaml("v: [{port: 80, targetPort: 9090, name: http}, {port: 443, name: https}]").get("v"),
        r.at("/spec/ports"));
  }

  @Test
  void customResourcesMergeMapsAndReplaceLists() {
    ObjectNode cr = yaml("spec: {items: [{name: a, v: 1}, {name: b}], m: {x: 1, y: 2}}");
    ObjectNode r = Patches.apply(PatchType.STRATEGIC, cr,
        json("spec: {items: [{name: a, v: 2}], m: {y: null, z: 3}}"), WIDGETS);
    assertEquals(yaml("spec: {items: [{name: a, v: 2}], m: {x: 1, z: 3}}"), r);
  }

  @Test
  void numbersMatchAsGoComparesThem() {
    ObjectNode r = smp(DEPLOYMENT,
        "{spec: {template: {spec: {containers: [{name: web, ports: [{containerPort: 80.0, name: www}]}]}}}}");
    assertEquals("www", r.at("/spec/template/spec/containers/0/ports/0/name").asText());
    assertEquals(2, r.at("/spec/template/spec/containers/0/ports").size());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "item without merge key  | 400 | {spec: {template: {spec: {containers: [{image: x}]}}}}",
      "unknown $patch in map   | 400 | {spec: {$patch: frobnicate}}",
      "unknown $patch in list  | 400 | {spec: {template: {spec: {containers: [{name: web, $patch: nope}]}}}}",
      "$patch merge in list    | 400 | {spec: {template: {spec: {containers: [{name: web, $patch: merge}]}}}}",
      "key outside retainKeys  | 400 | {spec: {$retainKeys: [replicas], paused: true}}",
      "retainKeys not a list   | 400 | {spec: {$retainKeys: replicas}}",
      "order contradicts patch | 400 | {spec: {template: {spec: {$setElementOrder/containers: [{name: web}, {name: sidecar}], containers: [{name: sidecar}, {name: web}]}}}}",
      "setElementOrder no list | 400 | {spec: {template: {spec: {$setElementOrder/containers: web}}}}",
      "lists of lists          | 422 | {spec: {template: {spec: {imagePullSecrets: [[a]]}}}}",
      "mixed element kinds     | 400 | {metadata: {finalizers: [1]}}"})
  void malformedPatchesAreRejected(String name, int code, String patch) {
    PatchException e = assertThrows(PatchException.class, () -> smp(DEPLOYMENT.replace(
        "  name: web\n  namespace", "  name: web\n  finalizers: [a]\n  namespace"), patch));
    assertEquals(code, e.code(), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"[1, 2]", "not json", "''", "null"})
  void bodiesThatAreNotObjectsAre400(String body) {
    byte[] b = body.equals("''") ? new byte[0] : raw(body);
    PatchException e = assertThrows(PatchException.class,
        () -> Patches.apply(PatchType.STRATEGIC, yaml(DEPLOYMENT), b, DEPLOYMENTS));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
  }
}
