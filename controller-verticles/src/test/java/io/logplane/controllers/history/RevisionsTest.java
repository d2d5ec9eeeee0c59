package io.logplane.controllers.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A revision's data is the template as a replacing patch, in Go's encoding; its name is the
 * owner's and kube's hash of those bytes (FNV-32, the collision count appended, safely encoded;
 * the expected values computed apart from this code).
 */
class RevisionsTest {

  private static final ObjectNode SET = Json.object("""
      {"metadata": {"name": "web", "namespace": "ns", "uid": "u1", "annotations": {"a": "b"}},
       "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]},
                             "metadata": {"labels": {"app": "web"}}}}}""".getBytes(StandardCharsets.UTF_8));

  @Test
  void theDataIsTheTemplateReplacedInGoBytes() {
    assertEquals("{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"creationTimestamp\":null,"
        + "\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"web\"}]}}}}",
        new String(GoJson.bytes(Revisions.patch(SET)), StandardCharsets.UTF_8));
    assertEquals("\"\\u003ca\\u0026b\\u003e\"", new String(GoJson.bytes(Json.MAPPER.getNodeFactory().textNode("<a&b>")),
        StandardCharsets.UTF_8));
  }

  @Test
  void theHashIsKubesOverTheBytesAndTheCollisionCount() {
    ObjectNode data = Revisions.patch(SET);
    assertEquals("d4784f848", Revisions.hash(data, null));
    assertEquals("59d8777c44", Revisions.hash(data, 0));
    assertEquals("59d8777c45", Revisions.hash(data, 1));
  }

  @Test
  void aRevisionIsNamedLabelledNumberedAndOwned() {
    ObjectNode r = Revisions.revision(SET, "StatefulSet", Revisions.HASH_LABEL, 3, 0);
    assertEquals("web-59d8777c44", r.at("/metadata/name").asText());
    assertEquals("59d8777c44", r.at("/metadata/labels/controller.kubernetes.io~1hash").asText());
    assertEquals("web", r.at("/metadata/labels/app").asText());
    assertEquals("b", r.at("/metadata/annotations/a").asText());
    assertEquals(3, Revisions.number(r));
    assertEquals("u1", r.at("/metadata/ownerReferences/0/uid").asText());
    assertTrue(r.at("/metadata/ownerReferences/0/controller").asBoolean());
    assertTrue(Revisions.sameData(r.get("data"), Revisions.patch(SET)));
    ObjectNode changed = SET.deepCopy();
    ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "nginx:1.26");
    assertFalse(Revisions.sameData(r.get("data"), Revisions.patch(changed)));
    assertEquals("nginx:1.25", Revisions.applied(changed, r).at("/spec/template/spec/containers/0/image").asText());
    assertFalse(Revisions.applied(changed, r).at("/spec/template").has("$patch"));
  }
}
