package io.logplane.node.internal.real;

import static io.logplane.node.internal.real.PodActionsTest.T0;
import static io.logplane.node.internal.real.PodActionsTest.pod;
import static io.logplane.node.internal.real.PodActionsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.ContainerRun;
import io.logplane.node.internal.agent.ContainerRun.Running;
import io.logplane.node.internal.agent.ContainerRun.Terminated;
import io.logplane.node.internal.agent.ContainerRun.Waiting;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.real.Attempt.State;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Container statuses and the pod status they make, as the kubelet reports them. */
class PodRunsTest {
  private final Map<String, List<Attempt>> runs = new HashMap<>();
  private final Map<String, Waiting> reasons = new HashMap<>();
  private final Map<String, String> imageIds = new HashMap<>();

  private List<ContainerRun> regular(JsonNode pod) {
    return PodRuns.of(pod, pod.path("spec").path("containers"), false, runs, reasons, Map.of(), imageIds, false);
  }

  private List<ContainerRun> init(JsonNode pod) {
    return PodRuns.of(pod, pod.path("spec").path("initContainers"), true, runs, reasons, Map.of(), imageIds, false);
  }

  private JsonNode status(JsonNode pod) {
    return PodStatusMaker.status(pod, new PodStatusMaker.Runs("192.0.2.1", "10.244.0.5", T0,
        init(pod), regular(pod), T0, false));
  }

  @Test
  void whileInitContainersRunTheContainersArePodInitializingAndThePodPending() {
    JsonNode pod = pod("Always", "[{'name':'setup','image':'busybox'}]",
        "[{'name':'main','image':'busybox'}]");
    runs.put("setup", List.of(run("setup", 0, State.RUNNING, 0, null)));
    assertEquals(new Waiting("PodInitializing", null), regular(pod).get(0).state());
    JsonNode s = status(pod);
    assertEquals("Pending", s.path("phase").asText());
    assertEquals("False", condition(s, "Initialized").path("status").asText());
    assertEquals("ContainersNotInitialized", condition(s, "Initialized").path("reason").asText());
    assertEquals("containers with incomplete status: [setup]",
        condition(s, "Initialized").path("message").asText());
    assertEquals("containers with unready status: [main]",
        condition(s, "Ready").path("message").asText());

    runs.put("setup", List.of(run("setup", 0, State.EXITED, 0, T0)));
    runs.put("main", List.of(run("main", 0, State.RUNNING, 0, null)));
    s = status(pod);
    assertEquals("Running", s.path("phase").asText());
    assertEquals("Completed", s.at("/initContainerStatuses/0/state/terminated/reason").asText());
    assertTrue(s.at("/containerStatuses/0/imageID").asText().startsWith("docker.io/library/busybox@sha256:"),
        "with no id from the runtime, a made-up one: " + s);

    imageIds.put("main", "sha256:0123");
    assertEquals("sha256:0123", status(pod).at("/containerStatuses/0/imageID").asText(), "the runtime's id");
    assertEquals("True", condition(s, "Initialized").path("status").asText());
    assertEquals("True", condition(s, "Ready").path("status").asText());
    assertEquals("10.244.0.5", s.path("podIP").asText());
  }

  @Test
  void aCrashLoopingContainerWaitsWithItsLastRunAsLastState() {
    JsonNode pod = pod("Always", "[]", "[{'name':'c','image':'busybox'}]");
    runs.put("c", List.of(run("c", 0, State.EXITED, 1, T0), run("c", 1, State.EXITED, 1, T0)));
    reasons.put("c", new Waiting("CrashLoopBackOff", "back-off 10s restarting failed container=c pod=p_ns(u1)"));
    ContainerRun c = regular(pod).get(0);
    assertEquals("CrashLoopBackOff", ((Waiting) c.state()).reason());
    assertEquals(1, c.restartCount());
    assertEquals(1, c.last().exitCode());
    assertEquals("Error", c.last().reason());
    JsonNode s = status(pod);
    assertEquals("Running", s.path("phase").asText());
    assertEquals(1, s.at("/containerStatuses/0/lastState/terminated/exitCode").asInt());
  }

  @Test
  void endedRunsShowCompletedErrorOrOomKilled() {
    JsonNode pod = pod("Never", "[]", "[{'name':'a'},{'name':'b'},{'name':'c'}]");
    runs.put("a", List.of(run("a", 0, State.EXITED, 0, T0)));
    runs.put("b", List.of(run("b", 0, State.EXITED, 3, T0)));
    runs.put("c", List.of(new Attempt("c", 0, "u1.c.0", State.EXITED, 137, true, T0, T0)));
    List<String> why = regular(pod).stream().map(r -> ((Terminated) r.state()).reason()).toList();
    assertEquals(List.of("Completed", "Error", "OOMKilled"), why);
    assertEquals("Failed", status(pod).path("phase").asText());
  }

  @Test
  void aNeverPodThatExitedZeroSucceeded() {
    JsonNode pod = pod("Never", "[]", "[{'name':'a'}]");
    runs.put("a", List.of(run("a", 0, State.EXITED, 0, T0)));
    JsonNode s = status(pod);
    assertEquals("Succeeded", s.path("phase").asText());
    assertEquals("PodCompleted", condition(s, "Ready").path("reason").asText());
  }

  @Test
  void anImageThatCannotBeHadShowsItsReasonUntilTheContainerStarts() {
    JsonNode pod = pod("Always", "[]", "[{'name':'a','image':'nope:1'}]");
    assertEquals(new Waiting("ContainerCreating", null), regular(pod).get(0).state());
    reasons.put("a", new Waiting("ErrImagePull", "no such image nope:1"));
    assertEquals(new Waiting("ErrImagePull", "no such image nope:1"), regular(pod).get(0).state());
    assertNull(regular(pod).get(0).last());
    runs.put("a", List.of(run("a", 0, State.RUNNING, 0, null)));
    reasons.clear();
    assertEquals(new Running(T0), regular(pod).get(0).state());
  }

  private static JsonNode condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    throw new AssertionError("no condition " + type + " in " + status);
  }
}
