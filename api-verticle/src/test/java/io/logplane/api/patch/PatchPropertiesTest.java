package io.logplane.api.patch;

import static io.logplane.api.patch.Fixtures.CONFIGMAPS;
import static io.logplane.api.patch.Fixtures.DEPLOYMENT;
import static io.logplane.api.patch.Fixtures.DEPLOYMENTS;
import static io.logplane.api.patch.Fixtures.PODS;
import static io.logplane.api.patch.Fixtures.WIDGETS;
import static io.logplane.api.patch.Fixtures.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Properties of the four patch kinds over generated bodies: whatever a client sends is applied
 * or refused with a {@link PatchException} (the API's 4xx Status), never another exception; a
 * merge patch computed between two objects takes the first to the second; nesting is bounded.
 */
class PatchPropertiesTest {

  private static final ObjectNode CM = yaml("""
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: cm, namespace: default, labels: {a: b}}
      data: {k: v, n: "1"}
      """);
  private static final ObjectNode DEPLOY = yaml(DEPLOYMENT);
  private static final List<ResourceType> RESOURCES = List.of(CONFIGMAPS, DEPLOYMENTS, PODS, WIDGETS);

  @Property(tries = 1500)
  void anyBodyOfAnyPatchKindIsAppliedOrRefused(@ForAll("bodies") String body, @ForAll("kinds") PatchType type,
      @ForAll @IntRange(max = 3) int resource) {
    ObjectNode current = resource == 1 ? DEPLOY : CM;
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    answers(() -> {
      if (type == PatchType.APPLY) {
        ServerSideApply.apply(current, bytes, "m", false, RESOURCES.get(resource), "2024-01-01T00:00:00Z");
      } else {
        Patches.apply(type, current, bytes, RESOURCES.get(resource));
      }
    });
  }

  @Property(tries = 1500)
  void anyJsonPatchIsAppliedOrRefused(@ForAll("jsonPatches") String ops) {
    answers(() -> Patches.apply(PatchType.JSON, DEPLOY, ops.getBytes(StandardCharsets.UTF_8), DEPLOYMENTS));
  }

  @Property(tries = 500)
  void arbitraryBytesAreAppliedOrRefused(@ForAll byte[] bytes, @ForAll("kinds") PatchType type) {
    answers(() -> {
      if (type == PatchType.APPLY) {
        ServerSideApply.apply(CM, bytes, "m", true, CONFIGMAPS, "2024-01-01T00:00:00Z");
      } else {
        Patches.apply(type, CM, bytes, CONFIGMAPS);
      }
    });
  }

  @Property(tries = 1000)
  void mergePatchBetweenTwoObjectsTakesTheFirstToTheSecond(@ForAll("objects") ObjectNode from,
      @ForAll("objects") ObjectNode to) {
    ObjectNode patch = diff(from, to);
    JsonNode result = MergePatch.apply(from, patch);
    assertEquals(to, result, "patch " + patch);
    assertEquals(to, Patches.apply(PatchType.MERGE, from, Json.text(patch).getBytes(StandardCharsets.UTF_8),
        WIDGETS));
  }

  @Property(tries = 20)
  void deepNestingIsRefusedAsBadInput(@ForAll @IntRange(min = 900, max = 200_000) int depth,
      @ForAll("kinds") PatchType type) {
    String open = "{\"data\":".repeat(depth);
    String body = open + "1" + "}".repeat(depth);
    answers(() -> {
      if (type == PatchType.APPLY) {
        ServerSideApply.apply(CM, ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"},"
            + "\"x\":" + body + "}").getBytes(StandardCharsets.UTF_8), "m", true, CONFIGMAPS, "2024-01-01T00:00:00Z");
      } else {
        Patches.apply(type, CM, (type == PatchType.JSON ? "[{\"op\":\"add\",\"path\":\"/x\",\"value\":" + body + "}]"
            : body).getBytes(StandardCharsets.UTF_8), WIDGETS);
      }
    });
  }

  @Test
  void tenThousandAndOneOperationsAre413() {
    String ops = "[" + String.join(",", java.util.Collections.nCopies(10_001,
        "{\"op\":\"test\",\"path\":\"/kind\",\"value\":\"ConfigMap\"}")) + "]";
    PatchException e = org.junit.jupiter.api.Assertions.assertThrows(PatchException.class,
        () -> Patches.apply(PatchType.JSON, CM, ops.getBytes(StandardCharsets.UTF_8), CONFIGMAPS));
    assertEquals(413, e.code());
  }

  /**
   * Found by the properties: zjsonpatch threw IllegalArgumentException (a 500) on a tilde that
   * starts no escape, which kube reads as itself, and IllegalArgumentException or
   * IllegalStateException on a path without its leading slash or an index with a leading zero.
   */
  @Test
  void loneTildeIsAKeyAsInKube() {
    ObjectNode r = Patches.apply(PatchType.JSON, CM, "[{\"op\":\"add\",\"path\":\"/data/~2x~\",\"value\":\"v\"}]"
        .getBytes(StandardCharsets.UTF_8), CONFIGMAPS);
    assertEquals("v", r.path("data").path("~2x~").asText(), r.toString());
    PatchException e = org.junit.jupiter.api.Assertions.assertThrows(PatchException.class, () -> Patches.apply(
        PatchType.JSON, CM, "[{\"op\":\"add\",\"path\":\"data\",\"value\":null}]".getBytes(StandardCharsets.UTF_8),
        CONFIGMAPS));
    assertEquals(422, e.code(), "a path without its leading slash does not apply");
    assertEquals(422, org.junit.jupiter.api.Assertions.assertThrows(PatchException.class, () -> Patches.apply(
        PatchType.JSON, DEPLOY, "[{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/01\"}]"
            .getBytes(StandardCharsets.UTF_8), DEPLOYMENTS)).code());
  }

  /**
   * Found by the properties in CI: a replace of {@code -} in an array threw
   * IndexOutOfBoundsException (a 500) and a remove of it removed nothing, where kube refuses both
   * ("Unable to access invalid index: -"). In an object, {@code -} is a key.
   */
  @Test
  void removeOrReplaceAfterTheLastElementIsRefusedAsInKube() {
    for (String op : List.of("{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/-\",\"value\":{}}",
        "{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/-\"}")) {
      PatchException e = org.junit.jupiter.api.Assertions.assertThrows(PatchException.class, () -> Patches.apply(
          PatchType.JSON, DEPLOY, ("[" + op + "]").getBytes(StandardCharsets.UTF_8), DEPLOYMENTS), op);
      assertEquals(422, e.code(), op);
    }
    ObjectNode r = Patches.apply(PatchType.JSON, CM, ("[{\"op\":\"add\",\"path\":\"/data/-\",\"value\":\"v\"},"
        + "{\"op\":\"replace\",\"path\":\"/data/-\",\"value\":\"w\"}]").getBytes(StandardCharsets.UTF_8), CONFIGMAPS);
    assertEquals("w", r.path("data").path("-").asText(), r.toString());
    r = Patches.apply(PatchType.JSON, CM, "[{\"op\":\"remove\",\"path\":\"/data/k\"},{\"op\":\"add\",\"path\":\"/data/k2\",\"value\":\"x\"}]"
        .getBytes(StandardCharsets.UTF_8), CONFIGMAPS);
    assertEquals(Json.parse("{\"n\":\"1\",\"k2\":\"x\"}".getBytes(StandardCharsets.UTF_8)), r.path("data"), r.toString());
    assertEquals("v", CM.path("data").path("k").asText(), "the stored object is not modified");
  }

  private static void answers(Runnable patch) {
    try {
      patch.run();
    } catch (PatchException e) {
      assertTrue(e.code() >= 400 && e.code() < 500, e.code() + " " + e.getMessage());
    }
  }

  /** RFC 7386's patch from one object to another: removed keys null, objects by key, the rest whole. */
  private static ObjectNode diff(ObjectNode from, ObjectNode to) {
    ObjectNode patch = Json.object();
    for (Iterator<String> it = from.fieldNames(); it.hasNext();) {
      String k = it.next();
      if (!to.has(k)) {
        patch.putNull(k);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = to.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode was = from.get(e.getKey());
      if (was != null && was.isObject() && e.getValue().isObject()) {
        ObjectNode inner = diff((ObjectNode) was, (ObjectNode) e.getValue());
        if (!inner.isEmpty()) {
          patch.set(e.getKey(), inner);
        }
      } else if (!e.getValue().equals(was)) {
        patch.set(e.getKey(), e.getValue());
      }
    }
    return patch;
  }

  @Provide
  Arbitrary<PatchType> kinds() {
    return Arbitraries.of(PatchType.values());
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e400", "-0",
        "123456789012345678901234567890", "\"metadata\"", "\"data\"", "\"spec\"", "\"containers\"", "\"name\"",
        "\"$patch\"", "\"delete\"", "\"replace\"", "\"merge\"", "\"$retainKeys\"", "\"$setElementOrder/containers\"",
        "\"$deleteFromPrimitiveList/finalizers\"", "\"apiVersion\"", "\"v1\"", "\"kind\"", "\"ConfigMap\"",
        "\"managedFields\"", "\"op\"", "\"path\"", "\"/data/k\"", "\"\\u0000\"", "\"\\ud800\"", "\u00e9", " ", "\n",
        "---", "- ", "a: b", "&a", "*a", "!!binary");
    return token.list().ofMaxSize(30).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> jsonPatches() {
    Arbitrary<String> path = Arbitraries.of("", "/", "/data", "/metadata/labels/app", "/spec/template/spec/containers/0",
        "/spec/template/spec/containers/-", "/spec/template/spec/containers/99", "/spec/replicas", "/a~1b", "/~2",
        "/spec/template/spec/containers/01", "/spec/template/spec/containers/-1", "/x/y/z", "//", "data");
    Arbitrary<String> value = Arbitraries.of("null", "1", "\"s\"", "{}", "[]", "{\"a\":[1,2]}", "1e400", "true");
    Arbitrary<String> op = Combinators.combine(Arbitraries.of("add", "remove", "replace", "move", "copy", "test",
        "oops", ""), path, path, value, Arbitraries.integers().between(0, 15)).as((o, p, from, v, mask) ->
        "{" + String.join(",", List.of(
            (mask & 1) == 0 ? "\"op\":\"" + o + "\"" : "\"op\":1",
            (mask & 2) == 0 ? "\"path\":\"" + p + "\"" : "\"path\":null",
            (mask & 4) == 0 ? "\"from\":\"" + from + "\"" : "\"from\":[]",
            (mask & 8) == 0 ? "\"value\":" + v : "\"x\":0")) + "}");
    return op.list().ofMaxSize(6).map(l -> "[" + String.join(",", l) + "]");
  }

  @Provide
  Arbitrary<ObjectNode> objects() {
    return object(3);
  }

  private static Arbitrary<ObjectNode> object(int depth) {
    Arbitrary<String> key = Arbitraries.of("a", "b", "c", "d", "e");
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMaxLength(3).map(s -> Json.NODES.textNode(s)),
        Arbitraries.integers().between(-3, 3).map(i -> Json.NODES.numberNode(i)),
        Arbitraries.of(true, false).map(b -> Json.NODES.booleanNode(b)),
        Arbitraries.integers().between(1, 3).map(i -> {
          ArrayNode a = Json.NODES.arrayNode();
          for (int j = 0; j < i; j++) {
            a.add(j);
          }
          return (JsonNode) a;
        }));
    Arbitrary<JsonNode> value = depth == 0 ? scalar
        : Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar),
            net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1)).map(o -> (JsonNode) o)));
    return Arbitraries.maps(key, value).ofMaxSize(4).map(m -> {
      ObjectNode o = Json.object();
      m.forEach(o::set);
      return o;
    });
  }
}
