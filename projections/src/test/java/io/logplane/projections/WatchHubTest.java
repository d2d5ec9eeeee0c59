package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch hub over a real RocksDB, its publishes driven step by step from the test (as the
 * projection drives them after each commit): a watcher gets every event after its starting
 * offset that passes its filter, once and in order, whether it comes from the ring, from the
 * store's history or live, and nothing after it cancels.
 */
class WatchHubTest {

  @TempDir Path dir;
  RocksStore store;

  @BeforeEach
  void open() {
    store = RocksStore.open(dir.resolve("state"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Commits one event per offset (ConfigMap cm-{offset}) and publishes them, as the projection does. */
  static void publish(RocksStore store, WatchHub hub, long from, long to) {
    List<Event> events = new ArrayList<>();
    for (long o = from; o <= to; o++) {
      events.add(event(o, "core/configmaps/default/cm-" + o));
    }
    store.commit(to, Map.of(), events, List.of());
    hub.publish(events, to);
  }

  static Event event(long offset, String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    byte[] json = ("{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + offset + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    return new Event(offset, Change.Type.ADDED, key, Json.object(json), json);
  }

  static List<Long> offsets(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** What a listener heard: the events' offsets and the applied offset of each call, on which thread. */
  static class Heard implements WatchHub.Listener {
    final List<Long> offsets = new ArrayList<>();
    final List<Long> applied = new ArrayList<>();
    final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void onEvents(List<Event> events, long appliedOffset) {
      events.forEach(e -> offsets.add(e.offset()));
      applied.add(appliedOffset);
      threads.add(Thread.currentThread().getName());
    }
  }

  @Test
  void aWatcherGetsTheEventsAfterItsOffsetThatPassItsFilterThenTheLiveOnes() {
    WatchHub hub = new WatchHub(store, 100);
    publish(store, hub, 0, 9);
    Heard heard = new Heard();
    hub.subscribe(3, e -> e.offset() % 2 == 0, heard);
    assertEquals(List.of(4L, 6L, 8L), heard.offsets);
    publish(store, hub, 10, 12);
    publish(store, hub, 13, 13);
    assertEquals(List.of(4L, 6L, 8L, 10L, 12L), heard.offsets);
    // A batch with nothing for the watcher still tells it how far the state is: its bookmarks.
    assertEquals(13L, heard.applied.get(heard.applied.size() - 1));
    assertEquals(13L, hub.appliedOffset());
  }

  @Test
  void aWatcherFromBeforeTheRingIsFedFromTheStoresHistory() {
    WatchHub hub = new WatchHub(store, 3);
    for (long o = 0; o < 20; o += 2) {
      publish(store, hub, o, o + 1);
    }
    Heard all = new Heard();
    hub.subscribe(-1, e -> true, all);
    assertEquals(offsets(0, 19), all.offsets);
    Heard some = new Heard();
    hub.subscribe(7, e -> true, some);
    assertEquals(offsets(8, 19), some.offsets);
    publish(store, hub, 20, 21);
    assertEquals(offsets(0, 21), all.offsets);
    assertEquals(offsets(8, 21), some.offsets);
  }

  @Test
  void eventsPublishedWhileAWatcherCatchesUpAreNeitherLostNorRepeated() {
    // 1: the ring still holds everything after the catch-up; 10: it has dropped some of it.
    for (int during : new int[] {1, 10}) {
      try (RocksStore s = RocksStore.open(dir.resolve("during-" + during))) {
        WatchHub hub = new WatchHub(s, 3);
        publish(s, hub, 0, 19);
        Heard heard = new Heard() {
          @Override
          public synchronized void onEvents(List<Event> events, long appliedOffset) {
            super.onEvents(events, appliedOffset);
            if (applied.size() == 1) { // the projection commits more while the history is read
              publish(s, hub, 20, 19 + during);
            }
          }
        };
        hub.subscribe(-1, e -> true, heard);
        assertEquals(offsets(0, 19 + during), heard.offsets, "published " + during + " during the catch-up");
        publish(s, hub, 20 + during, 20 + during);
        assertEquals(offsets(0, 20 + during), heard.offsets);
      }
    }
  }

  @Test
  void aCancelledWatcherHearsNothingMore() {
    WatchHub hub = new WatchHub(store, 100);
    Heard kept = new Heard();
    Heard cancelled = new Heard();
    hub.subscribe(-1, e -> true, kept);
    WatchHub.Subscription sub = hub.subscribe(-1, e -> true, cancelled);
    publish(store, hub, 0, 1);
    sub.cancel();
    publish(store, hub, 2, 3);
    assertEquals(offsets(0, 1), cancelled.offsets);
    assertEquals(offsets(0, 3), kept.offsets);
  }

  @Test
  void listenersRunOnThePublishingThreadAndOnTheSubscribingThreadDuringTheCatchUp() throws Exception {
    WatchHub hub = new WatchHub(store, 100);
    publish(store, hub, 0, 1);
    Heard heard = new Heard();
    hub.subscribe(-1, e -> true, heard);
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Thread applier = new Thread(() -> publish(store, hub, 2, 2), "an-applying-thread");
    applier.setUncaughtExceptionHandler((t, e) -> failed.set(e));
    applier.start();
    applier.join();
    assertEquals(null, failed.get());
    assertEquals(offsets(0, 2), heard.offsets);
    assertEquals(List.of(Thread.currentThread().getName(), "an-applying-thread"), heard.threads);
  }

  @Test
  void aCatchUpReadsAnOffsetsEventsWholeWhereverItsChunksEnd() {
    WatchHub hub = new WatchHub(store, 1, 2);
    publish(store, hub, 0, 0);
    List<Event> cascade = List.of(event(1, "core/configmaps/default/a"), event(1, "core/configmaps/default/b"),
        event(1, "core/configmaps/default/c"));
    store.commit(1, Map.of(), cascade, List.of());
    hub.publish(cascade, 1);
    publish(store, hub, 2, 4);
    Heard heard = new Heard();
    hub.subscribe(-1, e -> true, heard);
    assertEquals(List.of(0L, 1L, 1L, 1L, 2L, 3L, 4L), heard.offsets);
  }

  @Test
  void theRingKeepsAllTheEventsOfAnOffsetOrNone() {
    WatchHub hub = new WatchHub(store, 3);
    publish(store, hub, 0, 0);
    // A cascade: one record, several events at its offset.
    List<Event> cascade = List.of(event(1, "core/configmaps/default/a"), event(1, "core/configmaps/default/b"),
        event(1, "core/configmaps/default/c"));
    store.commit(1, Map.of(), cascade, List.of());
    hub.publish(cascade, 1);
    publish(store, hub, 2, 2);
    Heard heard = new Heard();
    hub.subscribe(0, e -> true, heard);
    assertEquals(List.of(1L, 1L, 1L, 2L), heard.offsets);
    assertTrue(heard.applied.contains(2L));
  }

  @Test
  void aLongRingBacklogIsSeenOutsideTheLockButItsLastFewEvents() {
    WatchHub hub = new WatchHub(store, 10_000);
    publish(store, hub, 0, 1999);
    List<Boolean> locked = new ArrayList<>();
    Heard heard = new Heard() {
      @Override
      public synchronized void onEvents(List<Event> events, long appliedOffset) {
        super.onEvents(events, appliedOffset);
        if (applied.size() == 1) { // the projection commits more while the first copy is seen
          publish(store, hub, 2000, 2999);
        }
      }
    };
    hub.view(-1, e -> {
      locked.add(Thread.holdsLock(hub));
      return e;
    }, heard);
    assertEquals(offsets(0, 2999), heard.offsets);
    long underLock = locked.stream().filter(b -> b).count();
    assertTrue(underLock <= WatchHub.LOCKED_TAIL, underLock + " events were seen under the hub's lock");
    publish(store, hub, 3000, 3000);
    assertEquals(offsets(0, 3000), heard.offsets);
  }
}
