package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.real.Attempt.State;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the kubelet would do next, from a pod's spec and its containers' latest runs. */
class PodActionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final CrashBackoff backoff = new CrashBackoff();
  private final Map<String, Attempt> latest = new HashMap<>();

  static JsonNode pod(String policy, String init, String containers) {
    try {
      return JSON.readTree(("{'metadata':{'name':'p','namespace':'ns','uid':'u1'},"
          + "'spec':{'restartPolicy':'" + policy + "','initContainers':" + init
          + ",'containers':" + containers + "}}").replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Attempt run(String name, int n, State state, int exit, Instant finished) {
    return new Attempt(name, n, "u1." + name + "." + n, state, exit, false, T0, finished);
  }

  private PodActions at(JsonNode pod, Instant now) {
    return PodActions.compute(pod, latest, Set.of(), false, backoff, now);
  }

  @Test
  void initContainersRunOneAtATimeInOrderThenTheContainers() {
    JsonNode pod = pod("Always", "[{'name':'i1'},{'name':'i2'}]", "[{'name':'a'},{'name':'b'}]");
    assertEquals(List.of("i1"), at(pod, T0).start());
    latest.put("i1", run("i1", 0, State.RUNNING, 0, null));
    assertEquals(List.of(), at(pod, T0).start(), "nothing while an init container runs");
    assertFalse(at(pod, T0).killPod());
    latest.put("i1", run("i1", 0, State.EXITED, 0, T0));
    assertEquals(List.of("i2"), at(pod, T0).start());
    latest.put("i2", run("i2", 0, State.EXITED, 0, T0));
    assertEquals(List.of("a", "b"), at(pod, T0).start());
  }

  @Test
  void aFailedInitContainerIsRunAgainAfterItsBackOffOrFailsANeverPod() {
    JsonNode always = pod("Always", "[{'name':'i1'},{'name':'i2'}]", "[{'name':'a'}]");
    latest.put("i1", run("i1", 0, State.EXITED, 0, T0));
    latest.put("i2", run("i2", 0, State.EXITED, 1, T0));
    assertEquals(List.of("i2"), at(always, T0).start(), "the first restart waits for nothing");
    latest.put("i2", run("i2", 1, State.EXITED, 1, T0.plusSeconds(1)));
    PodActions waiting = at(always, T0.plusSeconds(2));
    assertEquals(List.of(), waiting.start());
    assertEquals("CrashLoopBackOff", waiting.backingOff().get("i2").reason());

    PodActions never = at(pod("Never", "[{'name':'i1'},{'name':'i2'}]", "[{'name':'a'}]"), T0);
    assertTrue(never.killPod());
    assertEquals(List.of(), never.start());
  }

  @Test
  void restartPolicyDecidesWhichEndedContainersStartAgain() {
    String two = "[{'name':'ok'},{'name':'bad'}]";
    latest.put("ok", run("ok", 0, State.EXITED, 0, T0));
    latest.put("bad", run("bad", 0, State.EXITED, 2, T0));
    assertEquals(List.of("ok", "bad"), at(pod("Always", "[]", two), T0).start());
    backoff.forget("");
    assertEquals(List.of("bad"), at(pod("OnFailure", "[]", two), T0).start());
    PodActions never = at(pod("Never", "[]", two), T0);
    assertEquals(List.of(), never.start());
    assertTrue(never.killPod(), "nothing runs and nothing will: the pod is done");
  }

  @Test
  void aRunningContainerIsKeptAndAnUnknownOneKilledBeforeItStartsAgain() {
    JsonNode pod = pod("Always", "[]", "[{'name':'a'},{'name':'b'}]");
    latest.put("a", run("a", 0, State.RUNNING, 0, null));
    latest.put("b", run("b", 3, State.UNKNOWN, 0, null));
    PodActions actions = at(pod, T0);
    assertEquals(List.of("b"), actions.start());
    assertEquals(List.of(latest.get("b")), actions.kill());
    assertFalse(actions.killPod());
  }

  @Test
  void crashLoopBackOffWaitsTenSecondsDoublingToFiveMinutes() {
    JsonNode pod = pod("Always", "[]", "[{'name':'c'}]");
    Instant t = T0;
    assertEquals(List.of("c"), at(pod, t).start(), "first start");
    latest.put("c", run("c", 0, State.EXITED, 1, t));
    assertEquals(List.of("c"), at(pod, t).start(), "the first restart is at once");
    long[] waits = {10, 20, 40, 80, 160, 300, 300};
    String[] shown = {"10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"};
    for (int i = 0; i < waits.length; i++) {
      Instant ended = t.plusSeconds(1);
      latest.put("c", run("c", i + 1, State.EXITED, 1, ended));
      PodActions before = at(pod, ended.plusSeconds(waits[i] - 1));
      assertEquals(List.of(), before.start(), "restart " + (i + 2) + " waits " + waits[i] + " s");
      assertEquals("back-off " + shown[i] + " restarting failed container=c pod=p_ns(u1)",
          before.backingOff().get("c").message());
      assertEquals(ended.plusSeconds(waits[i]), before.wakeAt());
      t = ended.plusSeconds(waits[i]);
      assertEquals(List.of("c"), at(pod, t).start(), "restart " + (i + 2) + " once waited");
    }
  }

  @Test
  void aContainerThatRanLongerThanTwiceTheMaximumStartsAgainAtTenSeconds() {
    JsonNode pod = pod("Always", "[]", "[{'name':'c'}]");
    backoff.next(PodActions.key(pod, "c"), T0, T0);
    backoff.next(PodActions.key(pod, "c"), T0, T0);
    assertEquals(Duration.ofSeconds(20), backoff.get(PodActions.key(pod, "c")));
    Instant late = T0.plus(Duration.ofMinutes(11));
    latest.put("c", run("c", 2, State.EXITED, 1, late));
    assertEquals(List.of("c"), at(pod, late).start());
    assertEquals(Duration.ofSeconds(10), backoff.get(PodActions.key(pod, "c")));
  }

  @Test
  void aDeletedPodKillsAllThatHasNotEndedAndStartsNothing() {
    JsonNode pod = pod("Always", "[]", "[{'name':'a'},{'name':'b'},{'name':'c'}]");
    latest.put("a", run("a", 0, State.RUNNING, 0, null));
    latest.put("b", run("b", 0, State.EXITED, 1, T0));
    PodActions actions = PodActions.compute(pod, latest, Set.of(), true, backoff, T0);
    assertTrue(actions.killPod());
    assertEquals(List.of(latest.get("a")), actions.kill());
    assertEquals(List.of(), actions.start());
    assertNull(actions.wakeAt());
  }

  @Test
  void aContainerThatFailedItsLivenessProbeIsKilledAndStartsAgainUnlessNever() {
    latest.put("a", run("a", 0, State.RUNNING, 0, null));
    PodActions always = PodActions.compute(pod("Always", "[]", "[{'name':'a'}]"), latest,
        Set.of("a"), false, backoff, T0);
    assertEquals(List.of(latest.get("a")), always.kill());
    assertEquals(List.of(), always.start(), "started again once it ended, after its back-off");
    assertFalse(always.killPod());
    PodActions never = PodActions.compute(pod("Never", "[]", "[{'name':'a'}]"), latest,
        Set.of("a"), false, backoff, T0);
    assertEquals(List.of(latest.get("a")), never.kill());
    assertTrue(never.killPod());
  }
}
