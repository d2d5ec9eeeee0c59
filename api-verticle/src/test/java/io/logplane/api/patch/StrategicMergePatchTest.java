package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.DEPLOYMENT;
import static io.logplane.api.patch.Fixtures.DEPLOYMENTS;
import static io.logplane.api.patch.Fixtures.json;
import static io.logplane.api.patch.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategic merge patches on a Deployment, one case per behaviour: the patch (YAML), the JSON
 * pointer of the part that may change and its expected value. Everything outside that part
 * must come out unchanged. Expected orders follow apimachinery's strategicpatch.
 */
class StrategicMergePatchTest {

  record Case(String name, String patch, String pointer, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String CONTAINERS = "/spec/template/spec/containers";
  static final String WEB = CONTAINERS + "/0";

  static Stream<Case> cases() {
    return Stream.of(
        new Case("kubectl apply changes one image and keeps the rest",
            """
            spec: {template: {spec: {
              $setElementOrder/containers: [{name: web}, {name: sidecar}],
              containers: [{name: web, image: "nginx:2"}]}}}
            """, CONTAINERS + "/0/image", "nginx:2"),
        new Case("env merges by name: update one, add one after the others",
            "spec: {template: {spec: {containers: [{name: web, env: [{name: B, value: '3'}, {name: C, value: '4'}]}]}}}",
            WEB + "/env", "[{name: A, value: '1'}, {name: B, value: '3'}, {name: C, value: '4'}]"),
        new Case("env with $setElementOrder appends where the config says",
            """
            spec: {template: {spec: {containers: [{name: web,
              $setElementOrder/env: [{name: C}, {name: A}, {name: B}],
              env: [{name: C, value: '4'}]}]}}}
            """, WEB + "/env", "[{name: C, value: '4'}, {name: A, value: '1'}, {name: B, value: '2'}]"),
        new Case("ports merge by containerPort",
            "spec: {template: {spec: {containers: [{name: web, ports: [{containerPort: 443, name: tls}]}]}}}",
            WEB + "/ports", "[{containerPort: 80, name: http}, {containerPort: 443, name: tls}]"),
        new Case("volumeMounts merge by mountPath, $patch delete drops one",
            """
            spec: {template: {spec: {containers: [{name: web, volumeMounts: [
              {mountPath: /data, readOnly: true}, {mountPath: /cache, $patch: delete}]}]}}}
            """, WEB + "/volumeMounts", "[{mountPath: /data, name: data, readOnly: true}]"),
        new Case("null deletes a label",
            "metadata: {labels: {tier: null}}", "/metadata/labels", "{app: web}"),
        new Case("$patch delete removes a container",
            "spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}",
            CONTAINERS + "/1", "null"),
        new Case("a new container without $setElementOrder goes first (kube's order)",
            "spec: {template: {spec: {containers: [{name: log, image: busybox}]}}}",
            CONTAINERS, "[{name: log, image: busybox}, " + webYaml() + ", {name: sidecar, image: 'envoy:1'}]"),
        new Case("a new container with $setElementOrder goes where the config says",
            """
            spec: {template: {spec: {
              $setElementOrder/containers: [{name: web}, {name: sidecar}, {name: log}],
              containers: [{name: log, image: busybox}]}}}
            """, CONTAINERS + "/2", "{name: log, image: busybox}"),
        new Case("$setElementOrder alone reorders",
            "spec: {template: {spec: {$setElementOrder/containers: [{name: sidecar}, {name: web}]}}}",
            CONTAINERS, "[{name: sidecar, image: 'envoy:1'}, " + webYaml() + "]"),
        new Case("$patch replace in a list replaces it",
            "spec: {template: {spec: {containers: [{name: only, image: x}, {$patch: replace}]}}}",
            CONTAINERS, "[{name: only, image: x}]"),
        new Case("$patch replace in a map replaces it",
            "spec: {template: {metadata: {labels: {$patch: replace, v: '2'}}}}",
            "/spec/template/metadata/labels", "{v: '2'}"),
        new Case("$patch delete in a map empties it",
            "spec: {template: {metadata: {$patch: delete}}}", "/spec/template/metadata", "{}"),
        new Case("lists without merge metadata are replaced",
            "spec: {template: {spec: {containers: [{name: web, args: ['-c']}]}}}", WEB + "/args", "['-c']"),
        new Case("$retainKeys clears the volume source being replaced",
            "spec: {template: {spec: {volumes: [{name: data, $retainKeys: [configMap, name], configMap: {name: cfg}}]}}}",
            "/spec/template/spec/volumes", "[{name: data, configMap: {name: cfg}}, {name: cache, emptyDir: {}}]"),
        new Case("nulls inside a new subtree are dropped",
            "spec: {strategy: {type: Recreate, rollingUpdate: null}}", "/spec/strategy", "{type: Recreate}"),
        new Case("scalars are replaced",
            "spec: {replicas: 5}", "/spec/replicas", "5"),
        new Case("a merged list that was absent is taken from the patch, directives resolved",
            "spec: {template: {spec: {imagePullSecrets: [{name: a}, {name: b, $patch: delete}]}}}",
            "/spec/template/spec/imagePullSecrets", "[{name: a}]"));
  }

  private static String webYaml() {
    return Json.text(yaml(DEPLOYMENT).at(WEB));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patchChangesOnlyTheExpectedPart(Case c) {
    ObjectNode original = yaml(DEPLOYMENT);
    ObjectNode result = Patches.apply(PatchType.STRATEGIC, original, json(c.patch()), DEPLOYMENTS);
    JsonNode expected = yaml("v: " + c.expected()).get("v");
    JsonNode actual = result.at(c.pointer());
    assertEquals(expected.isNull() ? "missing" : Json.text(expected),
        actual.isMissingNode() ? "missing" : Json.text(actual), c.name());
    assertEquals(without(yaml(DEPLOYMENT), c.pointer()), without(result, c.pointer()), "rest unchanged");
    assertEquals(yaml(DEPLOYMENT), original, "input untouched");
  }

  /** The object with the node at pointer removed. */
  static JsonNode without(ObjectNode o, String pointer) {
    ObjectNode copy = o.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = copy.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent.isObject()) {
      ((ObjectNode) parent).remove(last);
    } else if (parent.isArray() && Integer.parseInt(last) < parent.size()) {
      ((ArrayNode) parent).remove(Integer.parseInt(last));
    }
    return copy;
  }
}
