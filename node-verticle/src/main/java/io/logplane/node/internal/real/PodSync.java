package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.ContainerRun;
import io.logplane.node.internal.agent.PodRuntime.Observed;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.real.Attempt.State;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.runtime.Containers;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.volumes.ObjectSource;
import io.logplane.node.internal.volumes.PodFields;
import io.logplane.node.internal.volumes.PodVolumes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the kubelet's {@code syncPod} over a pod's real containers: read what its runs
 * do, run their probes that are due ({@link PodProbing}), ask {@link PodActions} what to do, do
 * it through the {@link ContainerRuntime} (make the sandbox, set up or refresh its volumes
 * ({@link VolumeSetup}), start containers with their image, environment and volume mounts
 * ({@link ContainerStart}), or stop them all with the pod's grace period and free the sandbox
 * and volumes when the pod is deleted), and say what the containers do now. Blocking:
 * called off the event loop, one pass at a time per pod.
 */
final class PodSync {
  private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);
  /** As the kubelet's PLEG relists: how often a running pod is looked at again. */
  static final Duration RELIST = Duration.ofSeconds(1);

  private final ContainerRuntime runtime;
  private final PodResolvConf resolvConf;
  private final Clock clock;
  private final CrashBackoff restarts = new CrashBackoff();
  private final Termination termination;
  private final PodProbing probing;
  private final VolumeSetup volumes;
  private final ContainerStart starts;
  private final Map<String, Long> allocatable;
  private final PodEvents events;

  /**
   * @param secrets     the credentials of a pod's {@code imagePullSecrets}
   * @param objects     where the ConfigMaps and Secrets of env and volumes are read
   * @param allocatable the node's allocatable cpu (millicores), memory and ephemeral-storage:
   *                    the downward API's limits of a container that sets none
   * @param events      where the Events of what is done to the containers are recorded
   */
  PodSync(ContainerRuntime runtime, ImageSource images, PullSecrets secrets, PodResolvConf resolvConf, Clock clock,
      ObjectSource objects, Map<String, Long> allocatable, PodEvents events) {
    this.events = events;
    this.volumes = new VolumeSetup(runtime, new PodVolumes(objects, clock), clock, events);
    this.starts = new ContainerStart(runtime, images, secrets, objects, clock, events);
    this.allocatable = Map.copyOf(allocatable);
    this.runtime = runtime;
    this.resolvConf = resolvConf;
    this.clock = clock;
    this.termination = new Termination(runtime, clock);
    this.probing = new PodProbing(runtime, clock, events);
  }

  Observed sync(JsonNode pod, PodMemory m, String hostIp, Instant start, boolean stopping) {
    Instant now = clock.instant();
    if (!m.recovered) {
      recover(pod, m, now);
    }
    if (m.stopped) {
      return observed(pod, m, hostIp, start, true, now, null);
    }
    refresh(m, now);
    Map<String, String> unhealthy = stopping ? Map.of() : probing.probe(pod, m);
    PodActions actions = PodActions.compute(pod, m.latest(), unhealthy.keySet(), stopping,
        restarts, now);
    if (stopping) {
      stop(pod, m, actions.kill());
      return observed(pod, m, hostIp, start, true, clock.instant(), null);
    }
    if (m.sandbox == null) {
      try {
        m.sandbox = runtime.runPodSandbox(pod, resolvConf.forPod(pod));
        m.ip = m.sandbox.ip();
      } catch (RuntimeException e) {
        LOG.warn("cannot make the sandbox of pod {}: {}", PodActions.podName(pod), e.toString());
        return observed(pod, m, hostIp, start, false, now, now.plus(RELIST));
      }
    }
    for (Attempt a : actions.kill()) {
      events.normal(pod, a.name(), "Killing", killing(pod, a.name(), unhealthy.get(a.name())));
    }
    termination.kill(pod, actions.kill());
    m.reasons.putAll(actions.backingOff());
    PodFields.Facts facts = facts(m, hostIp);
    Map<String, Path> mounted = volumes.setUp(pod, m, facts);
    if (mounted != null) { // else the containers wait in ContainerCreating, as the kubelet's
      for (String name : actions.start()) {
        starts.start(pod, m, name, now, facts, mounted);
      }
    }
    refresh(m, clock.instant());
    Instant next = actions.killPod() ? null : clock.instant().plus(RELIST);
    return observed(pod, m, hostIp, start, false, clock.instant(), next);
  }

  /** Stops what still runs of a pod that left the node, and frees all it held, logs too. */
  void remove(JsonNode pod, PodMemory m) {
    if (!m.stopped) {
      if (!m.recovered) {
        recover(pod, m, clock.instant());
      }
      refresh(m, clock.instant());
      stop(pod, m, PodActions.compute(pod, m.latest(), Set.of(), true, restarts,
          clock.instant()).kill());
    }
    runtime.removePodLogs(pod);
  }

  private void stop(JsonNode pod, PodMemory m, List<Attempt> running) {
    String uid = pod.path("metadata").path("uid").asText();
    for (Attempt a : running) {
      events.normal(pod, a.name(), "Killing", killing(pod, a.name(), null));
    }
    termination.kill(pod, running);
    refresh(m, clock.instant());
    runtime.removePodSandbox(uid, Duration.ZERO);
    m.sandbox = null;
    m.stopped = true;
    restarts.forget(uid + "_");
    starts.forget(uid);
  }

  private PodFields.Facts facts(PodMemory m, String hostIp) {
    return new PodFields.Facts(hostIp, m.ip == null ? List.of() : List.of(m.ip), allocatable);
  }

  /**
   * The kubelet's {@code Killing} message: why a container is stopped, and whether it is to
   * be started again.
   *
   * @param failedProbe {@code liveness} or {@code startup} when that probe failed it, else null
   */
  static String killing(JsonNode pod, String name, String failedProbe) {
    if (failedProbe == null) {
      return "Stopping container " + name;
    }
    String message = "Container " + name + " failed " + failedProbe + " probe";
    return "Never".equals(PodActions.restartPolicy(pod)) ? message : message + ", will be restarted";
  }

  /** Reads the state of the runs that had not ended. */
  private void refresh(PodMemory m, Instant now) {
    for (List<Attempt> runs : m.runs.values()) {
      for (int i = 0; i < runs.size(); i++) {
        Attempt a = runs.get(i);
        if (!a.exited()) {
          Containers.Status s = runtime.containerStatus(a.id());
          Integer code = s.exitCode();
          Instant at = s.finishedAt() != null ? s.finishedAt() : now; // its end as conmon wrote it
          runs.set(i, a.seen(state(s), code == null ? 0 : code, s.oomKilled(), at));
        }
      }
    }
  }

  /**
   * After the agent restarted: the runs of the pod that are on disk (ids {@code uid.name.n}),
   * adopted as they are: their numbers (so restart counts), states, exit codes and the times of
   * their start and end as the disk has them, not the time of the agent's return.
   */
  private void recover(JsonNode pod, PodMemory m, Instant now) {
    m.recovered = true;
    String prefix = pod.path("metadata").path("uid").asText() + ".";
    for (String id : runtime.containers()) {
      if (id.startsWith(prefix)) {
        String[] parts = id.substring(prefix.length()).split("\\.");
        if (parts.length == 2 && parts[1].matches("\\d+")) {
          m.runs.computeIfAbsent(parts[0], k -> new ArrayList<>())
              .add(adopted(parts[0], Integer.parseInt(parts[1]), id, now));
        }
      }
    }
    m.runs.values().forEach(l -> l.sort(Comparator.comparingInt(Attempt::number)));
    m.runs.keySet().forEach(name -> starts.adoptImage(pod, m, name));
  }

  private Attempt adopted(String name, int number, String id, Instant now) {
    Containers.Status s = runtime.containerStatus(id);
    State state = state(s);
    Instant started = s.startedAt() != null || state == State.CREATED ? s.startedAt() : now;
    Integer code = s.exitCode();
    Instant finished = s.finishedAt() != null ? s.finishedAt() : now;
    return new Attempt(name, number, id, State.UNKNOWN, 0, false, started, null)
        .seen(state, code == null ? 0 : code, s.oomKilled(), finished);
  }

  private Observed observed(JsonNode pod, PodMemory m, String hostIp, Instant start,
      boolean stopping, Instant now, Instant next) {
    List<ContainerRun> init = PodRuns.of(pod, pod.path("spec").path("initContainers"), true,
        m.runs, m.reasons, m.probes, m.imageIds, stopping);
    List<ContainerRun> regular = PodRuns.of(pod, pod.path("spec").path("containers"), false,
        m.runs, m.reasons, m.probes, m.imageIds, stopping);
    boolean ready = !stopping && !regular.isEmpty()
        && regular.stream().allMatch(ContainerRun::ready);
    if (m.ready == null || m.ready != ready) {
      m.readyChanged = m.ready == null ? start : now;
      m.ready = ready;
    }
    return new Observed(new PodStatusMaker.Runs(hostIp, m.ip, start, init, regular,
        m.readyChanged, stopping), next, m.stopped, stopping ? null : FailedMount.message(m.volumeWaiting,
        m.volumeWaitingSince, now));
  }

  /** The runs of a pod nothing was seen of yet: all waiting to be created. */
  static Observed pending(JsonNode pod, String hostIp, Instant start) {
    PodMemory none = new PodMemory();
    return new Observed(new PodStatusMaker.Runs(hostIp, null, start,
        PodRuns.of(pod, pod.path("spec").path("initContainers"), true, none.runs, none.reasons,
            none.probes, none.imageIds, false),
        PodRuns.of(pod, pod.path("spec").path("containers"), false, none.runs, none.reasons,
            none.probes, none.imageIds, false),
        start, false), null, false);
  }

  private static State state(Containers.Status s) {
    return switch (s.state()) {
      case "created" -> State.CREATED;
      case "running" -> State.RUNNING;
      case "exited" -> State.EXITED;
      default -> State.UNKNOWN;
    };
  }

  static JsonNode container(JsonNode pod, String name) {
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : pod.path("spec").path(list)) {
        if (c.path("name").asText().equals(name)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException("pod has no container " + name);
  }
}
