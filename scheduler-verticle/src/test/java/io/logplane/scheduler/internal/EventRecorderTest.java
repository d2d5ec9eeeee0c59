package io.logplane.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  final List<String> written = new ArrayList<>();
  final AtomicLong clock = new AtomicLong(0);
  final ObjectWriter writer = new ObjectWriter() {
    @Override
    public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
      written.add(object.path("reason").asText() + " " + object.path("involvedObject").path("name").asText());
      return CompletableFuture.completedFuture(object);
    }

    @Override
    public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
      throw new UnsupportedOperationException();
    }
  };

  @Test
  void aBucketForAllEventsRefilledOverTime() {
    EventRecorder events = new EventRecorder(writer, clock::get, 2, 1);
    for (int i = 0; i < 3; i++) {
      events.scheduled(Fixtures.pod("p" + i, null), "n");
    }
    assertEquals(List.of("Scheduled p0", "Scheduled p1"), written);
    assertEquals(1, events.dropped());
    clock.addAndGet(1_000);
    events.scheduled(Fixtures.pod("p3", null), "n");
    assertEquals("Scheduled p3", written.get(2));
  }

  @Test
  void theSameFailureOfAPodIsWrittenOncePerFiveMinutes() {
    EventRecorder events = new EventRecorder(writer, clock::get, 100, 100);
    PodInfo p = Fixtures.pod("p", null);
    events.failed(p, "0/1 nodes are available: 1 Too many pods.");
    events.failed(p, "0/1 nodes are available: 1 Too many pods.");
    events.failed(p, "0/2 nodes are available: 2 Too many pods.");
    clock.addAndGet(EventRecorder.REPEAT_MS);
    events.failed(p, "0/2 nodes are available: 2 Too many pods.");
    assertEquals(3, written.size());
  }
}
