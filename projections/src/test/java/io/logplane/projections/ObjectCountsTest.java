package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectCountsTest {

  @TempDir Path dir;

  @Test
  void countsObjectsPerQualifiedResourceLeavingInternalEntriesOut() {
    try (RocksStore store = RocksStore.open(dir.resolve("state"))) {
      Map<String, Store.Write> writes = new LinkedHashMap<>();
      for (String key : List.of("core/pods/a/p1", "core/pods/b/p2", "core/namespaces//a", "apps/deployments/a/d",
          "internal/index.storageclasses//", "internal/services//10.96.0.1")) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.putObject("metadata").put("name", key);
        writes.put(key, new Store.Write(Json.bytes(o), o, null));
      }
      store.commit(0, writes, List.of(), List.of());
      assertEquals(Map.of("pods", 2L, "namespaces", 1L, "deployments.apps", 1L), ObjectCounts.perResource(store));

      ObjectNode gone = Json.object(store.get("core/pods/a/p1"));
      Map<String, Store.Write> delete = new LinkedHashMap<>();
      delete.put("core/pods/a/p1", new Store.Write(null, null, gone));
      store.commit(1, delete, List.of(), List.of());
      assertEquals(1L, ObjectCounts.perResource(store).get("pods"));
    }
  }
}
