package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.ContainerRun.Waiting;
import io.logplane.node.internal.real.Attempt.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to do next for one pod, as the kubelet's {@code computePodActions} and its restart
 * back-off decide it, from the pod's spec and the latest run of each of its containers. Pure
 * but for the back-off it consults and advances, which takes the time as a parameter.
 *
 * @param killPod   nothing of the pod is to run any more: it is being deleted, or it ended
 *                  for good (its restart policy starts none of its containers again)
 * @param start     the containers to start now, in order: one init container, or the regular
 *                  containers to (re)start
 * @param kill      the runs to kill first: in an unknown state, or all that run when the pod
 *                  is killed
 * @param backingOff containers that would start but wait for their back-off, with the waiting
 *                  state ({@code CrashLoopBackOff}) the status shows meanwhile
 * @param wakeAt    when the first of those back-offs ends; null when none waits
 */
public record PodActions(boolean killPod, List<String> start, List<Attempt> kill,
    Map<String, Waiting> backingOff, Instant wakeAt) {

  public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";

  /**
   * @param latest    the latest run of each container, by name (absent: never created)
   * @param unhealthy the containers whose running run failed its liveness or startup probe:
   *                  killed, to be started again (after their back-off) when the restart policy
   *                  says so
   * @param stopping  whether the pod is being deleted
   */
  public static PodActions compute(JsonNode pod, Map<String, Attempt> latest,
      Set<String> unhealthy, boolean stopping, CrashBackoff backoff, Instant now) {
    if (stopping) {
      List<Attempt> kill = latest.values().stream()
          .filter(a -> a.state() != State.EXITED).toList();
      return new PodActions(true, List.of(), kill, Map.of(), null);
    }
    String policy = restartPolicy(pod);
    List<String> wanted = new ArrayList<>();
    List<Attempt> kill = new ArrayList<>();
    boolean initDone = nextInit(pod, latest, policy, wanted, kill);
    if (!initDone && wanted.isEmpty() && kill.isEmpty() && initFailed(pod, latest)) {
      return new PodActions(true, List.of(), List.of(), Map.of(), null); // Never: the pod failed
    }
    int keep = 0;
    if (initDone) {
      for (JsonNode c : pod.path("spec").path("containers")) {
        String name = c.path("name").asText();
        Attempt a = latest.get(name);
        if (a != null && a.state() == State.RUNNING) {
          if (unhealthy.contains(name)) {
            kill.add(a);
          }
          if (!unhealthy.contains(name) || !"Never".equals(policy)) {
            keep++;
          }
        } else if (shouldRestart(a, policy)) {
          wanted.add(name);
          if (a != null && a.state() == State.UNKNOWN) {
            kill.add(a);
          }
        }
      }
      if (keep == 0 && wanted.isEmpty()) {
        return new PodActions(true, List.of(), kill, Map.of(), null);
      }
    }
    return gate(pod, latest, wanted, kill, backoff, now);
  }

  /**
   * The kubelet's {@code findNextInitContainerToRun}: adds the init container to run next to
   * {@code wanted}; true when the init containers are all done (or a regular one runs).
   */
  private static boolean nextInit(JsonNode pod, Map<String, Attempt> latest, String policy,
      List<String> wanted, List<Attempt> kill) {
    List<String> inits = names(pod.path("spec").path("initContainers"));
    if (inits.isEmpty()) {
      return true;
    }
    for (String name : names(pod.path("spec").path("containers"))) {
      Attempt a = latest.get(name);
      if (a != null && a.state() == State.RUNNING) {
        return true;
      }
    }
    for (int i = inits.size() - 1; i >= 0; i--) {
      Attempt a = latest.get(inits.get(i));
      if (a != null && failed(a)) {
        if (!"Never".equals(policy)) {
          wanted.add(inits.get(i));
          if (a.state() == State.UNKNOWN) {
            kill.add(a);
          }
        }
        return false;
      }
    }
    for (int i = inits.size() - 1; i >= 0; i--) {
      Attempt a = latest.get(inits.get(i));
      if (a == null) {
        continue;
      }
      if (a.state() == State.RUNNING) {
        return false;
      }
      if (a.state() == State.EXITED) {
        if (i == inits.size() - 1) {
          return true;
        }
        wanted.add(inits.get(i + 1));
        return false;
      }
      if (a.state() == State.CREATED) {
        wanted.add(inits.get(i)); // created but not started: start it
        return false;
      }
    }
    wanted.add(inits.get(0));
    return false;
  }

  private static boolean initFailed(JsonNode pod, Map<String, Attempt> latest) {
    for (String name : names(pod.path("spec").path("initContainers"))) {
      Attempt a = latest.get(name);
      if (a != null && failed(a)) {
        return true;
      }
    }
    return false;
  }

  /** The kubelet's {@code isInitContainerFailed}. */
  private static boolean failed(Attempt a) {
    return a.state() == State.EXITED && a.exitCode() != 0 || a.state() == State.UNKNOWN;
  }

  /** The kubelet's {@code ShouldContainerBeRestarted}, the pod not being deleted. */
  public static boolean shouldRestart(Attempt latest, String policy) {
    if (latest == null) {
      return true;
    }
    return switch (latest.state()) {
      case RUNNING -> false;
      case UNKNOWN, CREATED -> true;
      case EXITED -> !"Never".equals(policy)
          && !("OnFailure".equals(policy) && latest.exitCode() == 0);
    };
  }

  /** The kubelet's {@code doBackOff} for each container to start after an exited run. */
  private static PodActions gate(JsonNode pod, Map<String, Attempt> latest, List<String> wanted,
      List<Attempt> kill, CrashBackoff backoff, Instant now) {
    List<String> start = new ArrayList<>();
    Map<String, Waiting> waiting = new LinkedHashMap<>();
    Instant wake = null;
    for (String name : wanted) {
      Attempt a = latest.get(name);
      if (a == null || !a.exited()) {
        start.add(name);
        continue;
      }
      String key = key(pod, name);
      if (backoff.inBackOffSince(key, a.finishedAt(), now)) {
        waiting.put(name, new Waiting(CRASH_LOOP_BACK_OFF, "back-off "
            + CrashBackoff.goString(backoff.get(key)) + " restarting failed container=" + name
            + " pod=" + podName(pod)));
        Instant end = a.finishedAt().plus(backoff.get(key));
        wake = wake == null || end.isBefore(wake) ? end : wake;
      } else {
        backoff.next(key, a.finishedAt(), now);
        start.add(name);
      }
    }
    return new PodActions(false, start, kill, waiting, wake);
  }

  /** The back-off's key of a pod's container; every key of the pod starts with its uid. */
  static String key(JsonNode pod, String container) {
    return pod.path("metadata").path("uid").asText() + "_" + container;
  }

  /** The kubelet's {@code format.Pod}: {@code name_namespace(uid)}. */
  static String podName(JsonNode pod) {
    JsonNode m = pod.path("metadata");
    return m.path("name").asText() + "_" + m.path("namespace").asText("default") + "("
        + m.path("uid").asText() + ")";
  }

  static String restartPolicy(JsonNode pod) {
    return pod.path("spec").path("restartPolicy").asText("Always");
  }

  static List<String> names(JsonNode containers) {
    List<String> out = new ArrayList<>();
    containers.forEach(c -> out.add(c.path("name").asText()));
    return out;
  }
}
