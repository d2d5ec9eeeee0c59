package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.events.LogEntry;
import io.logplane.projections.internal.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * The uid index over a real RocksDB: kept by the commits, seen by apply() inside a batch and
 * across the batches a rebuild pipelines, and derived when a store from before it is opened
 * (or loaded from change sets that do not carry it), so that no live object is collected.
 */
class UidIndexTest {

  private static final String RS = "apps/replicasets/default/rs";
  private static final String RS2 = "apps/replicasets/default/rs2";
  private static final String POD = "core/pods/default/p";
  private static final String SHARED = "core/configmaps/default/shared";

  @TempDir
  Path dir;

  private final StateMachine machine = new StateMachine(Set.of());

  @Test
  void commitsKeepTheIndex() throws Exception {
    try (RocksStore store = RocksStore.open(dir)) {
      Applier applier = new Applier(store, machine);
      applier.apply(entries(0, namespace(), replicaSet(RS, "rs1")));
      assertEquals(RS, store.keyOfUid("rs1"));
      applier.apply(entries(2, delete(RS)));
      assertNull(store.keyOfUid("rs1"));
      assertEquals("core/namespaces//default", store.keyOfUid("ns1"));
    }
  }

  @Test
  void aBatchSeesItsOwnOwners() throws Exception {
    try (RocksStore store = RocksStore.open(dir)) {
      // The owner created earlier in the batch is there; the one deleted earlier in it is not.
      new Applier(store, machine).apply(entries(0, namespace(), replicaSet(RS, "rs1"), pod(POD, "rs1"),
          replicaSet(RS2, "rs2"), delete(RS2), pod(POD + "2", "rs2")));
      assertNotNull(store.get(POD));
      assertNull(store.get(POD + "2"));
    }
  }

  @Test
  void aPipelinedRebuildSeesTheBatchInFlight() throws Exception {
    List<List<LogEntry>> batches = List.of(entries(0, namespace(), replicaSet(RS, "rs1")),
        entries(2, pod(POD, "rs1"), replicaSet(RS2, "rs2")), entries(4, delete(RS2)), entries(5, pod(POD + "2", "rs2")));
    byte[] live;
    try (RocksStore store = RocksStore.open(dir.resolve("live"))) {
      Applier applier = new Applier(store, machine);
      batches.forEach(applier::apply);
      live = store.hash();
      assertNotNull(store.get(POD));
      assertNull(store.get(POD + "2"));
    }
    ExecutorService encoders = Executors.newFixedThreadPool(2);
    try (RocksStore store = RocksStore.openForRebuild(dir.resolve("rebuilt"))) {
      Applier applier = new Applier(store, machine, 16, encoders, 2);
      batches.forEach(applier::submit);
      applier.finish();
      applier.close();
      store.flush();
      assertArrayEquals(live, store.hash());
    } finally {
      encoders.shutdownNow();
    }
  }

  @Test
  void aStoreFromBeforeTheIndexGetsItWhenOpened() throws Exception {
    Path path = dir.resolve("state");
    byte[] whole = withTwoOwners(path);
    stripUidIndex(path);
    try (RocksStore store = RocksStore.open(path)) {
      assertArrayEquals(whole, store.hash(), "the index derived from the objects is the one commits keep");
      assertEquals(RS, store.keyOfUid("rs1"));
      // Both owners are there: deleting one keeps the dependent, without its reference.
      new Applier(store, machine).apply(entries(store.appliedOffset() + 1, delete(RS)));
      ObjectNode shared = Json.object(store.get(SHARED));
      assertEquals(1, shared.path("metadata").path("ownerReferences").size());
      assertNotNull(store.get(POD), "a pod of the other owner stays");
    }
  }

  @Test
  void changeSetsWithoutTheIndexGetItWhenLoaded() throws Exception {
    Path path = dir.resolve("state");
    byte[] whole = withTwoOwners(path);
    stripUidIndex(path);
    List<byte[]> parts = new ArrayList<>();
    try (RocksDB db = RocksDB.open(path.toString())) {
      byte[] applied = db.get(StoreKeys.APPLIED);
      io.logplane.projections.internal.StoreContents.asChangeSets(db, StoreKeys.decodeLong(applied), 1 << 20,
          parts::add).run();
    }
    try (RocksStore store = RocksStore.open(dir.resolve("loaded")); BulkLoad load = new BulkLoad(dir.resolve("bulk"))) {
      parts.forEach(load::add);
      load.finish(store);
      assertEquals(RS2, store.keyOfUid("rs2"));
      assertArrayEquals(whole, store.hash());
    }
  }

  /** A store whose ConfigMap has two owners and whose pod has one; returns its hash. */
  private byte[] withTwoOwners(Path path) throws Exception {
    try (RocksStore store = RocksStore.open(path)) {
      new Applier(store, machine).apply(entries(0, namespace(), replicaSet(RS, "rs1"), replicaSet(RS2, "rs2"),
          pod(POD, "rs2"), create(SHARED, "{\"metadata\":{\"name\":\"shared\",\"namespace\":\"default\",\"uid\":\"c1\","
              + "\"ownerReferences\":[" + ref("rs", "rs1") + "," + ref("rs2", "rs2") + "]}}")));
      assertEquals(2, Json.object(store.get(SHARED)).path("metadata").path("ownerReferences").size());
      return store.hash();
    }
  }

  /** Takes the uid index and the index version out: the store as a version before the index wrote it. */
  private static void stripUidIndex(Path path) throws Exception {
    try (RocksDB db = RocksDB.open(path.toString()); RocksIterator it = db.newIterator()) {
      byte[] prefix = "u:".getBytes(StandardCharsets.UTF_8);
      List<byte[]> keys = new ArrayList<>();
      for (it.seek(prefix); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) {
        keys.add(it.key());
      }
      assertEquals(5, keys.size(), "the namespace, both sets, the pod and the ConfigMap are indexed");
      for (byte[] k : keys) {
        db.delete(k);
      }
      db.delete(StoreKeys.INDEXES);
    }
  }

  private static List<LogEntry> entries(long first, Command... commands) {
    List<LogEntry> out = new ArrayList<>();
    for (Command c : commands) {
      out.add(new LogEntry(first + out.size(), c));
    }
    return out;
  }

  private static Command namespace() throws Exception {
    return create("core/namespaces//default", "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"default\",\"uid\":\"ns1\"}}");
  }

  private static Command replicaSet(String key, String uid) throws Exception {
    String name = Key.parse(key).name();
    return create(key, "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"default\",\"uid\":\"" + uid + "\"}}");
  }

  private static Command pod(String key, String ownerUid) throws Exception {
    String name = Key.parse(key).name();
    String owner = ownerUid.equals("rs1") ? "rs" : "rs2";
    return create(key, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"default\",\"uid\":\"pod-" + name + "\",\"ownerReferences\":[" + ref(owner, ownerUid) + "]}}");
  }

  private static String ref(String name, String uid) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"" + name + "\",\"uid\":\"" + uid + "\"}";
  }

  private static Command create(String key, String json) throws Exception {
    return new Command.Create(meta(), key, (ObjectNode) Json.MAPPER.readTree(json));
  }

  private static Command delete(String key) {
    return new Command.Delete(meta(), key, 0, null, null);
  }

  private static Command.Meta meta() {
    return new Command.Meta("alice", "r", 1_767_225_600_000L, null);
  }
}
