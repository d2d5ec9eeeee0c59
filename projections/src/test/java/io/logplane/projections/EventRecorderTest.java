package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Events as a controller records them: repeats counted on one Event, a burst limit per object. */
class EventRecorderTest {

  private final List<String> writes = new ArrayList<>();
  private final List<ObjectNode> written = new ArrayList<>();
  private final EventRecorder recorder = new EventRecorder(new ObjectWriter() {
    @Override
    public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
      writes.add("create " + key);
      written.add(object);
      return CompletableFuture.completedFuture(object);
    }

    @Override
    public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
      writes.add("update " + key);
      written.add(object);
      return CompletableFuture.completedFuture(object);
    }

    @Override
    public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
      throw new UnsupportedOperationException();
    }
  }, "replicaset-controller", null, Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

  private final ObjectNode rs = Json.object("""
      {"apiVersion": "apps/v1", "kind": "ReplicaSet",
       "metadata": {"name": "web", "namespace": "ns", "uid": "u1", "resourceVersion": "7"}}"""
      .getBytes(StandardCharsets.UTF_8));

  @Test
  void aRepeatRaisesTheCountOfTheSameEvent() {
    recorder.normal(rs, "SuccessfulCreate", "Created pod: web-1");
    recorder.normal(rs, "SuccessfulCreate", "Created pod: web-1");
    recorder.warning(rs, "FailedCreate", "quota");
    assertEquals(3, writes.size());
    assertEquals(writes.get(0).replace("create", "update"), writes.get(1));
    ObjectNode repeat = written.get(1);
    assertEquals(2, repeat.path("count").asInt());
    assertEquals("ReplicaSet", repeat.at("/involvedObject/kind").asText());
    assertEquals("replicaset-controller", repeat.at("/source/component").asText());
    assertEquals("Warning", written.get(2).path("type").asText());
  }

  @Test
  void anObjectSpendsAtMostItsBurst() {
    for (int i = 0; i < 40; i++) {
      recorder.normal(rs, "SuccessfulCreate", "Created pod: web-" + i);
    }
    assertEquals(25, writes.size());
  }
}
