package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Namespaces and ServiceAccounts a store holds in memory for admission, over a real RocksDB:
 * they follow every commit (create, update, delete), are there again after a reopen, and every
 * other kind is still read from the database.
 */
class HotObjectsTest {

  private static final String NS = "core/namespaces//team";
  private static final String SA = "core/serviceaccounts/team/builder";
  private static final String POD = "core/pods/team/web";

  @TempDir
  Path dir;

  @Test
  void theKindsAdmissionReadsFollowEveryCommitAndAReopen() {
    try (RocksStore store = RocksStore.open(dir)) {
      commit(store, 0, Map.of(NS, put(null, "{\"metadata\":{\"name\":\"team\",\"uid\":\"n1\",\"labels\":{\"a\":\"1\"}}}"),
          SA, put(null, "{\"metadata\":{\"name\":\"builder\",\"namespace\":\"team\",\"uid\":\"s1\"}}"),
          POD, put(null, "{\"metadata\":{\"name\":\"web\",\"namespace\":\"team\",\"uid\":\"p1\"}}")));
      assertEquals("1", store.tree(NS).path("metadata").path("labels").path("a").asText());
      assertEquals("s1", store.tree(SA).path("metadata").path("uid").asText());
      assertEquals("p1", store.tree(POD).path("metadata").path("uid").asText());

      ObjectNode before = (ObjectNode) store.tree(SA);
      commit(store, 1, Map.of(SA, put(before,
          "{\"metadata\":{\"name\":\"builder\",\"namespace\":\"team\",\"uid\":\"s1\"},\"automountServiceAccountToken\":false}")));
      assertEquals(false, store.tree(SA).path("automountServiceAccountToken").asBoolean(true));
      commit(store, 2, Map.of(NS, put((ObjectNode) store.tree(NS),
          "{\"metadata\":{\"name\":\"team\",\"uid\":\"n1\",\"labels\":{\"a\":\"2\"}}}")));
      assertEquals("2", store.tree(NS).path("metadata").path("labels").path("a").asText());
    }
    try (RocksStore store = RocksStore.open(dir)) {
      assertEquals("2", store.tree(NS).path("metadata").path("labels").path("a").asText());
      assertEquals(false, store.tree(SA).path("automountServiceAccountToken").asBoolean(true));
      Map<String, Store.Write> delete = new LinkedHashMap<>();
      delete.put(SA, new Store.Write(null, null, (ObjectNode) store.tree(SA)));
      commit(store, 3, delete);
      assertNull(store.tree(SA));
      assertNull(store.get(SA));
      assertEquals("p1", store.tree(POD).path("metadata").path("uid").asText());
    }
    try (RocksStore store = RocksStore.open(dir)) {
      assertNull(store.tree(SA));
      assertEquals("team", store.tree(NS).path("metadata").path("name").asText());
    }
  }

  private static Store.Write put(ObjectNode previous, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new Store.Write(bytes, Json.object(bytes), previous);
  }

  private static void commit(RocksStore store, long offset, Map<String, Store.Write> writes) {
    store.commit(offset, new LinkedHashMap<>(writes), List.of(), List.of());
  }
}
