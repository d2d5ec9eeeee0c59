package io.logplane.node.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's Events written as client-go's correlator writes them: a repeat patches the
 * count of the Event already written, and a pod failing in a loop spends a bounded budget.
 */
class EventRecorderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<String> calls = new ArrayList<>();
  private final List<JsonNode> bodies = new ArrayList<>();
  /** The statuses the server answers, in turn; 201 once they are spent. */
  private final Queue<Integer> answers = new ArrayDeque<>();
  private final EventRecorder events = new EventRecorder((method, path, body) -> {
    calls.add(method + " " + path);
    bodies.add(body);
    Integer status = answers.poll();
    return Future.succeededFuture(new KubeClient.Response(status == null ? 201 : status, Buffer.buffer("{}"),
        "HTTP/2"));
  }, "n1");

  @Test
  void theSameEventAgainRaisesTheCountOfTheOneWritten() throws Exception {
    JsonNode pod = pod("p", "u1");
    events.warning(pod, "c", "Unhealthy", "Readiness probe failed", T0);
    events.warning(pod, "c", "Unhealthy", "Readiness probe failed", T0.plusSeconds(10));
    events.warning(pod, "c", "Unhealthy", "Readiness probe failed", T0.plusSeconds(20));
    events.warning(pod, "c", "Unhealthy", "Liveness probe failed", T0.plusSeconds(21));
    events.warning(pod, null, "Unhealthy", "Readiness probe failed", T0.plusSeconds(22));
    String name = bodies.get(0).at("/metadata/name").asText();
    assertEquals(List.of("POST /api/v1/namespaces/ns/events", "PATCH /api/v1/namespaces/ns/events/" + name,
        "PATCH /api/v1/namespaces/ns/events/" + name, "POST /api/v1/namespaces/ns/events",
        "POST /api/v1/namespaces/ns/events"), calls);
    assertEquals(1, bodies.get(0).path("count").asInt());
    assertEquals("2026-01-01T00:00:00Z", bodies.get(0).path("firstTimestamp").asText());
    assertEquals("{\"count\":3,\"lastTimestamp\":\"2026-01-01T00:00:20Z\",\"message\":\"Readiness probe failed\"}",
        bodies.get(2).toString());
  }

  @Test
  void aRepeatOfAnEventThatWentIsWrittenAgainWithItsCount() throws Exception {
    JsonNode pod = pod("p", "u1");
    events.normal(pod, "c", "Pulling", "Pulling image \"x\"", T0);
    answers.add(404);
    events.normal(pod, "c", "Pulling", "Pulling image \"x\"", T0.plusSeconds(60));
    assertEquals(3, calls.size(), calls.toString());
    assertEquals("POST /api/v1/namespaces/ns/events", calls.get(2));
    JsonNode again = bodies.get(2);
    assertEquals(bodies.get(0).at("/metadata/name"), again.at("/metadata/name"));
    assertEquals(2, again.path("count").asInt());
    assertEquals("2026-01-01T00:00:00Z", again.path("firstTimestamp").asText());
    assertEquals("2026-01-01T00:01:00Z", again.path("lastTimestamp").asText());
  }

  @Test
  void aRepeatThatOvertakesTheCreateOfTheFirstPatchesItOnceItIsThere() throws Exception {
    JsonNode pod = pod("p", "u1");
    events.normal(pod, "c", "Pulling", "Pulling image \"x\"", T0);
    answers.add(404); // the patch came first
    answers.add(409); // then the first's create: the patch again
    events.normal(pod, "c", "Pulling", "Pulling image \"x\"", T0.plusSeconds(1));
    String name = bodies.get(0).at("/metadata/name").asText();
    assertEquals(List.of("POST /api/v1/namespaces/ns/events", "PATCH /api/v1/namespaces/ns/events/" + name,
        "POST /api/v1/namespaces/ns/events", "PATCH /api/v1/namespaces/ns/events/" + name), calls);
    assertEquals(2, bodies.get(3).path("count").asInt());
  }

  @Test
  void aPodSpendsTwentyFiveEventsThenOneInFiveMinutesAndTheCountGoesOn() throws Exception {
    JsonNode pod = pod("p", "u1");
    for (int i = 0; i < 40; i++) {
      events.warning(pod, "c", "Failed", "Error: " + (i % 30), T0.plusMillis(i));
    }
    assertEquals(EventCorrelator.BURST, calls.size());
    events.warning(pod("q", "u2"), "c", "Failed", "Error: 0", T0.plusMillis(50));
    assertEquals(EventCorrelator.BURST + 1, calls.size(), "another pod has a budget of its own");

    events.warning(pod, "c", "Failed", "Error: 1", T0.plus(Duration.ofMinutes(5)).plusSeconds(1));
    assertEquals(EventCorrelator.BURST + 2, calls.size());
    // "Error: 1" came at 1 and 31 ms (the second held back) and now: its third.
    assertEquals(3, bodies.get(bodies.size() - 1).path("count").asInt());
    events.warning(pod, "c", "Failed", "Error: 2", T0.plus(Duration.ofMinutes(5)).plusSeconds(2));
    assertEquals(EventCorrelator.BURST + 2, calls.size(), "the refill is spent");
  }

  private static JsonNode pod(String name, String uid) throws Exception {
    return NodeObject.JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'ns','uid':'" + uid + "'}}")
        .replace('\'', '"'));
  }
}
