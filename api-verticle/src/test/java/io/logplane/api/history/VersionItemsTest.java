package io.logplane.api.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.SecretCipher;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.projections.Audit;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Store;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionItemsTest {

  private static final String KEY = "core/configmaps/ns/cfg";
  private static final VersionItems.Types TYPES = (g, r) -> BuiltinResources.all().stream()
      .filter(t -> t.storageGroup().equals(g) && t.resource().equals(r)).findFirst().orElse(null);

  private static ObjectNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static Store.Version accepted(long offset, Change.Type type, ObjectNode o, String actor, String verb) {
    o.with("metadata").put("resourceVersion", Long.toString(offset));
    return new Store.Version(offset, new Event(offset, type, KEY, o, Json.bytes(o)),
        new Audit(offset, 1_700_000_000_000L + offset, actor, "req-" + offset, verb, KEY, true, 200, "", "", 1));
  }

  private static Store.Version refused(long offset, int code, String reason, String message) {
    return new Store.Version(offset, null,
        new Audit(offset, 1_700_000_000_000L + offset, "bob", "req-" + offset, "update", KEY, false, code, reason,
            message, 0));
  }

  private static ObjectNode cm(String data) {
    return json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cfg','namespace':'ns','uid':'u1'},"
        + "'data':" + data + "}");
  }

  @Test
  void itemsCarryTargetOutcomePatchAndSummary() {
    List<ObjectNode> items = VersionItems.of(KEY, List.of(
        accepted(3, Change.Type.ADDED, cm("{'a':'1'}"), "admin", "create"),
        accepted(4, Change.Type.MODIFIED, cm("{'a':'2'}"), "alice", "update"),
        refused(5, 409, "Conflict", "the object has been modified"),
        accepted(6, Change.Type.DELETED, cm("{'a':'2'}"), "admin", "delete")), TYPES);
    assertEquals(4, items.size());
    ObjectNode added = items.get(0);
    assertEquals("configmaps.core.cfg.3", added.at("/metadata/name").asText());
    assertEquals("ns", added.at("/metadata/namespace").asText());
    assertEquals("v1", added.at("/target/apiVersion").asText());
    assertEquals("ConfigMap", added.at("/target/kind").asText());
    assertEquals("u1", added.at("/target/uid").asText());
    assertEquals("ADDED", added.path("type").asText());
    assertEquals("2023-11-14T22:13:20.003Z", added.path("time").asText());
    assertTrue(added.path("patch").toString().contains("{\"op\":\"add\",\"path\":\"/data\",\"value\":{\"a\":\"1\"}}"));

    ObjectNode modified = items.get(1);
    assertEquals("alice", modified.path("actor").asText());
    assertEquals("data.a: 1 → 2", modified.path("summary").asText());
    assertTrue(modified.path("patch").toString().contains("{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"}"));

    ObjectNode rejected = items.get(2);
    assertEquals("REJECTED", rejected.path("type").asText());
    assertEquals(409, rejected.at("/outcome/code").asInt());
    assertEquals("Conflict", rejected.at("/outcome/reason").asText());
    assertEquals("ConfigMap", rejected.at("/target/kind").asText());
    assertFalse(rejected.has("object"));
    assertFalse(rejected.has("patch"));

    ObjectNode deleted = items.get(3);
    assertEquals("DELETED", deleted.path("type").asText());
    assertEquals("deleted", deleted.path("summary").asText());
    assertEquals("[{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":\"6\"}]",
        deleted.path("patch").toString());
  }

  @Test
  void aRecreatedObjectStartsFromEmpty() {
    List<ObjectNode> items = VersionItems.of(KEY, List.of(
        accepted(3, Change.Type.ADDED, cm("{'a':'1'}"), "admin", "create"),
        accepted(4, Change.Type.DELETED, cm("{'a':'1'}"), "admin", "delete"),
        accepted(5, Change.Type.ADDED, cm("{'b':'1'}"), "admin", "create")), TYPES);
    String patch = items.get(2).path("patch").toString();
    assertTrue(patch.contains("{\"op\":\"add\",\"path\":\"/data\",\"value\":{\"b\":\"1\"}}"), patch);
    assertFalse(patch.contains("remove") || patch.contains("replace"), patch);
  }

  @Test
  void secretsAreRedactedBeforeTheyAreDiffed() {
    String key = "core/secrets/ns/s";
    ObjectNode v1 = json("{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s','namespace':'ns'}}");
    v1.put(SecretCipher.FIELD, "v1:u:AAAA-plaintext-looking-ciphertext-1");
    ObjectNode v2 = v1.deepCopy().put(SecretCipher.FIELD, "v1:u:BBBB-plaintext-looking-ciphertext-2");
    Audit a = new Audit(7, 0, "admin", "r", "update", key, true, 200, "", "", 1);
    List<ObjectNode> items = VersionItems.of(key, List.of(
        new Store.Version(6, new Event(6, Change.Type.ADDED, key, v1, Json.bytes(v1)), a),
        new Store.Version(7, new Event(7, Change.Type.MODIFIED, key, v2, Json.bytes(v2)), a)), TYPES);
    String all = items.toString();
    assertFalse(all.contains("ciphertext"), all);
    assertTrue(items.get(1).path("summary").asText().startsWith("data: <sealed sha256:"));
    assertNull(items.get(1).get("object").get(SecretCipher.FIELD));
  }
}
