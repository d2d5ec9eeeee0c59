package io.logplane.node.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Events of containers that come to wait, in the kubelet's words. */
class WaitsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<JsonNode> posted = new ArrayList<>();
  private final EventRecorder events = new EventRecorder((method, path, body) -> {
    posted.add(body);
    return Future.failedFuture("not sent");
  }, "n1");

  @Test
  void aFailedPullThenItsBackOff() throws Exception {
    JsonNode creating = pod("{'waiting':{'reason':'ContainerCreating'}}");
    JsonNode failed = pod("{'waiting':{'reason':'ErrImagePull','message':'failed to pull and unpack image'}}");
    Waits.announce(events, creating, failed, T0);
    Waits.announce(events, failed, failed, T0); // the same status again: nothing new
    Waits.announce(events, failed, pod("{'waiting':{'reason':'ImagePullBackOff','message':'Back-off pulling image \\\"nope:1\\\"'}}"), T0);
    assertEquals(List.of(
        "Warning Failed Failed to pull image \"nope:1\": failed to pull and unpack image",
        "Warning Failed Error: ErrImagePull",
        "Normal BackOff Back-off pulling image \"nope:1\"",
        "Warning Failed Error: ImagePullBackOff"), seen());
    assertEquals("spec.containers{c}", posted.get(0).at("/involvedObject/fieldPath").asText());
    assertEquals("kubelet", posted.get(0).at("/source/component").asText());
  }

  @Test
  void aCrashedContainersBackOffAndAConfigError() throws Exception {
    Waits.announce(events, pod("{'terminated':{'exitCode':1}}"), pod("{'waiting':{'reason':'CrashLoopBackOff'}}"), T0);
    Waits.announce(events, pod("{'waiting':{'reason':'ContainerCreating'}}"),
        pod("{'waiting':{'reason':'CreateContainerConfigError','message':'configmap \\\"cm\\\" not found'}}"), T0);
    assertEquals(List.of("Warning BackOff Back-off restarting failed container c in pod p_ns(u1)",
        "Warning Failed Error: configmap \"cm\" not found"), seen());
  }

  @Test
  void creatingAndRunningContainersHaveNoneHere() throws Exception {
    Waits.announce(events, NodeObject.JSON.createObjectNode(), pod("{'waiting':{'reason':'ContainerCreating'}}"), T0);
    Waits.announce(events, NodeObject.JSON.createObjectNode(), pod("{'running':{}}"), T0);
    assertEquals(List.of(), seen());
  }

  private List<String> seen() {
    return posted.stream().map(e -> e.path("type").asText() + " " + e.path("reason").asText() + " "
        + e.path("message").asText()).toList();
  }

  private static JsonNode pod(String state) throws Exception {
    return NodeObject.JSON.readTree(("{'metadata':{'name':'p','namespace':'ns','uid':'u1'},"
        + "'spec':{'containers':[{'name':'c','image':'nope:1'}]},"
        + "'status':{'containerStatuses':[{'name':'c','state':" + state + "}]}}").replace('\'', '"'));
  }
}
