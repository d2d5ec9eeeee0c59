package io.logplane.node.internal.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.PodRuntime.Observed;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.runtime.NetNs;
import io.logplane.node.internal.runtime.RealNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real node's agent that stops without a word ({@code kill -9}) and comes back: its pods'
 * containers, which outlive it under conmon, are adopted by a new {@link RealPods} over the same
 * data directory, and what belonged to pods that left meanwhile is removed; and 100 pods made and
 * deleted leave nothing behind.
 */
class RealPodsRestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST_IP = "192.0.2.10";
  private static final Instant POD_START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SLEEPER = "{'terminationGracePeriodSeconds':1,'containers':[{"
      + "'name':'c','image':'busybox','command':['sh','-c','trap \\\"exit 0\\\" TERM; sleep 3600 & wait']}]}";

  private static RealNode node;
  private static ImageSource images;
  private final List<ExecutorService> executors = new ArrayList<>();
  private final List<JsonNode> made = new ArrayList<>();
  private RealPods pods;

  @BeforeAll
  static void start() throws IOException {
    node = RealNode.start("logplane_it_restart", "10.244.244.0/24", "lpit8", "logplane-it-restart");
    images = (reference, policy, auths) -> node.busybox;
  }

  /** Whatever a test left: removed by an agent that knows none of it (its orphans). */
  @AfterEach
  void removePods() throws InterruptedException {
    if (pods != null) {
      kill();
    }
    agent().removeOrphans(Set.of());
    await("the pods are gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(node::leftovers, List::isEmpty);
    executors.forEach(ExecutorService::shutdownNow);
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    assertEquals(new UplinkGuard.Counters(0, 0), node.stop(),
        "packets for the cluster ranges headed for the uplink");
  }

  /** A new agent's pods over the node's data directory, as after a restart. */
  private RealPods agent() {
    ExecutorService executor = Executors.newCachedThreadPool();
    executors.add(executor);
    pods = new RealPods(node.runtime, images, "nameserver 10.96.0.10\n", Clock.systemUTC(), executor);
    return pods;
  }

  /** The agent ends with no clean stop: nothing of its pods is stopped or freed, as a kill -9. */
  private void kill() throws InterruptedException {
    ExecutorService executor = executors.get(executors.size() - 1);
    executor.shutdownNow();
    assertEquals(true, executor.awaitTermination(1, TimeUnit.MINUTES), "the agent's syncs ended");
    pods = null;
  }

  private JsonNode pod(String name) throws IOException {
    JsonNode pod = JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'it','uid':'"
        + UUID.randomUUID() + "'},'spec':" + SLEEPER + "}").replace('\'', '"'));
    made.add(pod);
    return pod;
  }

  private static String uid(JsonNode pod) {
    return pod.path("metadata").path("uid").asText();
  }

  private JsonNode status(JsonNode pod) {
    return PodStatusMaker.status(pod, pods.observe(pod, HOST_IP, null, POD_START, Instant.now(),
        null).runs());
  }

  private JsonNode awaitRunning(JsonNode pod) {
    return await("pod " + pod.at("/metadata/name").asText() + " runs").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50)).until(() -> status(pod),
            s -> s.at("/containerStatuses/0/state").has("running"));
  }

  /** Deletes the pod as the node does: its containers stopped, then all it held freed. */
  private void delete(JsonNode pod) {
    ObjectNode deleted = pod.deepCopy();
    deleted.withObjectProperty("metadata").put("deletionTimestamp", Instant.now().toString())
        .put("deletionGracePeriodSeconds", 1);
    Instant stopAt = Instant.now();
    await("pod " + pod.at("/metadata/name").asText() + " stops").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> pods.observe(deleted, HOST_IP, null, POD_START, Instant.now(), stopAt),
            Observed::stopped);
    pods.forget(uid(pod));
  }

  @Test
  void aRestartedAgentAdoptsTheRunningContainerAndRemovesThePodDeletedWhileItWasDown()
      throws Exception {
    agent();
    JsonNode kept = pod("kept");
    JsonNode deleted = pod("deleted-while-down");
    JsonNode before = awaitRunning(kept).at("/containerStatuses/0");
    awaitRunning(deleted);
    String id = uid(kept) + ".c.0";
    long pid = node.runtime.containerStatus(id).pid();

    kill();
    agent().removeOrphans(Set.of(uid(kept)));

    JsonNode after = awaitRunning(kept).at("/containerStatuses/0");
    assertEquals(before.path("containerID").asText(), after.path("containerID").asText());
    assertEquals(0, after.path("restartCount").asInt(), after.toString());
    assertEquals(before.at("/state/running/startedAt").asText(),
        after.at("/state/running/startedAt").asText(), "the start of the run, not of the agent");
    assertEquals(pid, node.runtime.containerStatus(id).pid(), "the same process, not restarted");

    await("the deleted pod is removed").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !node.runtime.sandboxes().contains(uid(deleted)));
    assertFalse(NetNs.exists(node.netns(uid(deleted))), "its network namespace");
    assertFalse(Files.exists(node.runtime.logPath(deleted, "c", 0).getParent().getParent()),
        "its logs");
    assertEquals(Set.of(uid(kept)), node.runtime.sandboxes());
    assertEquals(List.of(id), node.runtime.containers(), "no run made twice (and no holder: the pod's namespaces are kept by files)");
  }

  @Test
  void aPodThatEndedWhileTheAgentWasDownKeepsItsRunsEnd() throws Exception {
    agent();
    JsonNode pod = pod("ends");
    awaitRunning(pod);
    String id = uid(pod) + ".c.0";
    kill();
    node.runtime.stopContainer(id, Duration.ofSeconds(5)); // exits 0 on SIGTERM
    Instant ended = node.runtime.containerStatus(id).finishedAt();

    agent().removeOrphans(Set.of(uid(pod)));
    JsonNode c = await("the run restarted").atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50)).until(() -> status(pod).at("/containerStatuses/0"),
            s -> s.path("restartCount").asInt() == 1 && s.at("/state").has("running"));
    assertEquals(0, c.at("/lastState/terminated/exitCode").asInt(-1), c.toString());
    assertEquals(ended.truncatedTo(ChronoUnit.SECONDS).toString(),
        c.at("/lastState/terminated/finishedAt").asText(), "the end conmon saw, not the agent's return");
  }

  @Test
  void aHundredPodsMadeAndDeletedLeaveNothingBehind() throws IOException {
    agent();
    List<String> before = node.leftovers();
    for (int round = 0; round < 20; round++) {
      List<JsonNode> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        batch.add(pod("cycle-" + round + "-" + i));
      }
      batch.forEach(this::awaitRunning);
      batch.forEach(this::delete);
    }
    await("all is freed").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(node::leftovers, before::equals);
    for (JsonNode p : made) {
      assertFalse(Files.exists(node.runtime.logPath(p, "c", 0).getParent().getParent()),
          "logs of " + p.at("/metadata/name").asText());
    }
  }
}
