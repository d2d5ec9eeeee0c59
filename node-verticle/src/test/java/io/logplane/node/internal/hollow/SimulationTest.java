package io.logplane.node.internal.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.PodRuntime;
import io.logplane.node.internal.agent.PodStatusMaker;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pod JSON and simulated time in, the status a hollow node writes out. */
class SimulationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Simulation sim = new Simulation();

  @Test
  void aPodRunsAndIsReadyWithItsIpsAndContainerStatuses() throws Exception {
    ObjectNode pod = pod("Always", null, null);
    ((ObjectNode) pod.get("status")).putArray("conditions").addObject()
        .put("type", "PodScheduled").put("status", "True");
    PodRuntime.Observed seen = sim.observe(pod, "172.16.0.2", "10.244.1.2", T0,
        T0.plusSeconds(3), null);
    assertNull(seen.nextChange(), "a container that runs for ever changes by itself never");
    JsonNode s = PodStatusMaker.status(pod, seen.runs());
    assertEquals("Running", s.path("phase").asText());
    assertEquals("10.244.1.2", s.path("podIP").asText());
    assertEquals("10.244.1.2", s.at("/podIPs/0/ip").asText());
    assertEquals("172.16.0.2", s.path("hostIP").asText());
    assertEquals("2026-01-01T00:00:00Z", s.path("startTime").asText());
    assertEquals("PodScheduled=True PodReadyToStartContainers=True Initialized=True Ready=True"
        + " ContainersReady=True", conditions(s));
    JsonNode c = s.at("/containerStatuses/0");
    assertEquals("web", c.path("name").asText());
    assertEquals("2026-01-01T00:00:00Z", c.at("/state/running/startedAt").asText());
    assertTrue(c.path("ready").asBoolean() && c.path("started").asBoolean());
    assertEquals(0, c.path("restartCount").asInt());
    assertEquals("nginx:1.25", c.path("image").asText());
    assertTrue(c.path("imageID").asText().startsWith("docker.io/library/nginx@sha256:"));
    assertTrue(c.path("containerID").asText().startsWith("hollow://"));
    assertEquals("Completed", s.at("/initContainerStatuses/0/state/terminated/reason").asText());
    assertTrue(s.at("/initContainerStatuses/0/ready").asBoolean());
  }

  @Test
  void theSameMomentGivesTheSameStatusSoNothingIsWrittenTwice() {
    ObjectNode pod = pod("Always", null, null);
    JsonNode first = PodStatusMaker.status(pod,
        sim.observe(pod, "h", "10.244.0.2", T0, T0.plusSeconds(1), null).runs());
    pod.set("status", first);
    JsonNode later = PodStatusMaker.status(pod,
        sim.observe(pod, "h", "10.244.0.2", T0, T0.plusSeconds(500), null).runs());
    assertEquals(first, later);
  }

  @Test
  void aRunForPodThatNeverRestartsSucceedsOrFailsWithItsExitCode() {
    ObjectNode pod = pod("Never", "5s", null);
    PodRuntime.Observed running = sim.observe(pod, "h", "ip", T0, T0.plusSeconds(4), null);
    assertEquals(T0.plusSeconds(5), running.nextChange());
    PodRuntime.Observed done = sim.observe(pod, "h", "ip", T0, T0.plusSeconds(5), null);
    JsonNode s = PodStatusMaker.status(pod, done.runs());
    assertNull(done.nextChange());
    assertEquals("Succeeded", s.path("phase").asText());
    JsonNode t = s.at("/containerStatuses/0/state/terminated");
    assertEquals(0, t.path("exitCode").asInt());
    assertEquals("Completed", t.path("reason").asText());
    assertEquals("2026-01-01T00:00:05Z", t.path("finishedAt").asText());
    assertEquals("Ready=False/PodCompleted", condition(s, "Ready"));
    assertEquals("PodReadyToStartContainers=False", condition(s, "PodReadyToStartContainers"));

    ObjectNode failing = pod("Never", "5s", "3");
    JsonNode f = PodStatusMaker.status(failing,
        sim.observe(failing, "h", "ip", T0, T0.plusSeconds(9), null).runs());
    assertEquals("Failed", f.path("phase").asText());
    assertEquals(3, f.at("/containerStatuses/0/state/terminated/exitCode").asInt());
    assertEquals("Error", f.at("/containerStatuses/0/state/terminated/reason").asText());
  }

  @Test
  void withRestartPolicyAlwaysTheContainerRestartsAfterTheKubeletsBackoff() {
    ObjectNode pod = pod("Always", "10s", "1");
    // run 0: 0-10 s; restarts at once; run 1: 10-20 s; back-off 10 s; run 2 from 30 s
    JsonNode at15 = status(pod, T0.plusSeconds(15));
    assertEquals(1, at15.at("/containerStatuses/0/restartCount").asInt());
    assertEquals("2026-01-01T00:00:10Z", at15.at("/containerStatuses/0/state/running/startedAt").asText());
    assertEquals(1, at15.at("/containerStatuses/0/lastState/terminated/exitCode").asInt());
    JsonNode at25 = status(pod, T0.plusSeconds(25));
    assertEquals("CrashLoopBackOff", at25.at("/containerStatuses/0/state/waiting/reason").asText());
    assertEquals("Running", at25.path("phase").asText());
    assertEquals("Ready=False/ContainersNotReady", condition(at25, "Ready"));
    assertEquals(T0.plusSeconds(30),
        sim.observe(pod, "h", "ip", T0, T0.plusSeconds(25), null).nextChange());
    JsonNode at31 = status(pod, T0.plusSeconds(31));
    assertEquals(2, at31.at("/containerStatuses/0/restartCount").asInt());
    assertTrue(at31.at("/containerStatuses/0/ready").asBoolean());

    ObjectNode onFailureOk = pod("OnFailure", "10s", null);
    assertEquals("Succeeded", status(onFailureOk, T0.plusSeconds(15)).path("phase").asText());
  }

  @Test
  void aPodBeingDeletedHasItsContainersStoppedAndEndsSucceeded() {
    ObjectNode pod = pod("Always", null, null);
    ((ObjectNode) pod.get("metadata")).put("deletionTimestamp", "2026-01-01T00:01:00Z");
    PodRuntime.Observed seen = sim.observe(pod, "h", "ip", T0, T0.plusSeconds(61),
        T0.plusSeconds(60));
    JsonNode s = PodStatusMaker.status(pod, seen.runs());
    assertEquals("Succeeded", s.path("phase").asText());
    assertEquals("2026-01-01T00:01:00Z",
        s.at("/containerStatuses/0/state/terminated/finishedAt").asText());
    assertFalse(s.at("/containerStatuses/0/ready").asBoolean());
  }

  @Test
  void durationsAreGoDurations() {
    assertEquals(1500L, Durations.millis("1.5s"));
    assertEquals(90_000L, Durations.millis("1m30s"));
    assertEquals(250L, Durations.millis("250ms"));
    assertEquals(7_200_000L, Durations.millis("2h"));
    assertNull(Durations.millis("5 seconds"));
    assertNull(Durations.millis(""));
  }

  private JsonNode status(ObjectNode pod, Instant now) {
    return PodStatusMaker.status(pod, sim.observe(pod, "h", "ip", T0, now, null).runs());
  }

  private static String conditions(JsonNode s) {
    StringBuilder b = new StringBuilder();
    for (JsonNode c : s.path("conditions")) {
      b.append(b.length() == 0 ? "" : " ").append(c.path("type").asText()).append('=')
          .append(c.path("status").asText());
    }
    return b.toString();
  }

  private static String condition(JsonNode s, String type) {
    for (JsonNode c : s.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        String reason = c.path("reason").asText("");
        return type + "=" + c.path("status").asText() + (reason.isEmpty() ? "" : "/" + reason);
      }
    }
    return type + " missing";
  }

  private static ObjectNode pod(String restartPolicy, String runFor, String exitCode) {
    ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata").put("name", "p").put("namespace", "default")
        .put("uid", "u-1").put("resourceVersion", "7");
    ObjectNode annotations = meta.putObject("annotations");
    if (runFor != null) {
      annotations.put(Simulation.RUN_FOR, runFor);
    }
    if (exitCode != null) {
      annotations.put(Simulation.EXIT_CODE, exitCode);
    }
    ObjectNode spec = pod.putObject("spec").put("nodeName", "hollow-node-1")
        .put("restartPolicy", restartPolicy);
    spec.putArray("initContainers").addObject().put("name", "init").put("image", "busybox");
    spec.putArray("containers").addObject().put("name", "web").put("image", "nginx:1.25");
    pod.putObject("status").put("phase", "Pending").put("qosClass", "BestEffort");
    return pod;
  }
}
