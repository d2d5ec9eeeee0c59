package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.internal.Overlay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time travel and object history over a real RocksDB, records applied as the projection does. */
class RocksStoreHistoryTest {

  @TempDir
  Path dir;
  RocksStore store;
  final StateMachine machine = new StateMachine(Set.of());
  long offset;

  @BeforeEach
  void open() throws Exception {
    store = RocksStore.open(dir);
    apply(new Command.Create(meta(), "core/namespaces//default", obj("{\"metadata\":{\"name\":\"default\"}}")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Command.Meta meta() {
    return new Command.Meta("alice", "r" + offset, 1_767_225_600_000L + offset * 1000, null);
  }

  private static ObjectNode obj(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  /** Applies one record as one batch, as the projection loop does. */
  private long apply(Command r) {
    Overlay overlay = new Overlay(store);
    Outcome o = machine.apply(overlay, offset, r);
    List<Event> events = new ArrayList<>();
    if (o instanceof Outcome.Accepted a) {
      for (Change c : a.changes()) {
        byte[] json = Json.bytes(c.object());
        boolean deleted = c.type() == Change.Type.DELETED;
        overlay.put(c.key(), deleted ? null : c.object(), deleted ? null : json);
        events.add(new Event(offset, c.type(), c.key(), c.object(), json));
      }
    }
    store.commit(offset, overlay.writes(), events, List.of(Audit.of(offset, r, o)));
    return offset++;
  }

  private String data(byte[] json) {
    return json == null ? null : Json.object(json).path("data").path("v").asText();
  }

  @Test
  void pastStatesAndVersionsOfOneObject() throws Exception {
    String key = "core/configmaps/default/cfg";
    long v1 = apply(new Command.Create(meta(), key, obj("{\"metadata\":{\"name\":\"cfg\"},\"data\":{\"v\":\"1\"}}")));
    long v2 = apply(new Command.Update(meta(), key, 0, "", obj("{\"metadata\":{\"name\":\"cfg\"},\"data\":{\"v\":\"2\"}}")));
    long conflict = apply(new Command.Update(meta(), key, v1, "", obj("{\"metadata\":{\"name\":\"cfg\"}}")));
    long gone = apply(new Command.Delete(meta(), key, 0, null, null));
    long v3 = apply(new Command.Create(meta(), key, obj("{\"metadata\":{\"name\":\"cfg\"},\"data\":{\"v\":\"3\"}}")));

    try (Store.Snapshot s = store.at(v1)) {
      assertEquals("1", data(s.get(key)));
    }
    try (Store.Snapshot s = store.at(conflict)) {
      assertEquals("2", data(s.get(key)));
    }
    try (Store.Snapshot s = store.at(gone)) {
      assertNull(s.get(key));
    }
    try (Store.Snapshot s = store.at(v3)) {
      assertEquals("3", data(s.get(key)));
    }
    try (Store.Snapshot s = store.at(v1 - 1)) {
      assertNull(s.get(key));
    }
    // What each change found: a selector watch judges a MODIFIED on the object before it.
    assertNull(store.before(key, v1));
    assertEquals("1", data(store.before(key, v2)));
    assertEquals("2", data(store.before(key, gone)));
    assertNull(store.before(key, v3));

    List<Store.Version> history = store.history(key, 0, 100);
    assertEquals(List.of(v1, v2, conflict, gone, v3), history.stream().map(Store.Version::offset).toList());
    assertNull(history.get(2).event());
    assertFalse(history.get(2).audit().accepted());
    assertEquals(409, history.get(2).audit().code());
    assertEquals(Change.Type.DELETED, history.get(3).event().type());
    assertEquals("alice", history.get(4).audit().actor());
  }

  @Test
  void aPastListShowsWhatExistedThen() throws Exception {
    for (int i = 0; i < 5; i++) {
      apply(new Command.Create(meta(), "core/configmaps/default/c" + i,
          obj("{\"metadata\":{\"name\":\"c" + i + "\"},\"data\":{\"v\":\"" + i + "\"}}")));
    }
    long middle = offset - 1;
    apply(new Command.Delete(meta(), "core/configmaps/default/c1", 0, null, null));
    apply(new Command.Create(meta(), "core/configmaps/default/c9", obj("{\"metadata\":{\"name\":\"c9\"}}")));

    List<String> then = new ArrayList<>();
    try (Store.Snapshot s = store.at(middle)) {
      s.scan("core/configmaps/default/", null, (k, json) -> then.add(k.substring(k.lastIndexOf('/') + 1)));
    }
    assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), then);
    List<String> paged = new ArrayList<>();
    try (Store.Snapshot s = store.at(middle)) {
      s.scan("core/configmaps/default/", "core/configmaps/default/c2", (k, json) -> paged.add(k));
    }
    assertEquals(2, paged.size());
    List<String> now = new ArrayList<>();
    try (Store.Snapshot s = store.at(offset - 1)) {
      s.scan("core/configmaps/default/", null, (k, json) -> now.add(k.substring(k.lastIndexOf('/') + 1)));
    }
    assertEquals(List.of("c0", "c2", "c3", "c4", "c9"), now);
    assertTrue(store.historyKeys("core/configmaps/", 100).contains("core/configmaps/default/c1"));
    assertEquals(offset, store.audits(0, Long.MAX_VALUE, null, 1000).size());
  }
}
