package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.ContainerRun;
import io.logplane.node.internal.agent.ContainerRun.Running;
import io.logplane.node.internal.agent.ContainerRun.Terminated;
import io.logplane.node.internal.agent.ContainerRun.Waiting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's container statuses as the kubelet's {@code convertToAPIContainerStatuses} makes them
 * from the runs it found: the latest run's state, the one before as {@code lastState}, the
 * latest run's number as {@code restartCount}; a container that is to start again but waits
 * (back-off, an image it cannot have) shows that waiting reason, its ended run moved to
 * {@code lastState}; one never created waits as {@code ContainerCreating}, or
 * {@code PodInitializing} in a pod with init containers. A running container is started and
 * ready as its probes say. Pure.
 */
final class PodRuns {
  static final String CONTAINER_CREATING = "ContainerCreating";
  static final String POD_INITIALIZING = "PodInitializing";

  private PodRuns() {}

  /**
   * @param runs     each container's runs by name, oldest first
   * @param reasons  the waiting state of the containers whose last start failed or waits
   * @param init     whether {@code containers} are the pod's init containers
   * @param probes   the probes of the running runs, by run id (none yet: as they start)
   * @param imageIds the id of the image each container's runs were made from, by name
   */
  static List<ContainerRun> of(JsonNode pod, JsonNode containers, boolean init,
      Map<String, List<Attempt>> runs, Map<String, Waiting> reasons,
      Map<String, RunProbes> probes, Map<String, String> imageIds, boolean stopping) {
    boolean hasInit = !pod.path("spec").path("initContainers").isEmpty();
    Waiting initial = new Waiting(hasInit ? POD_INITIALIZING : CONTAINER_CREATING, null);
    String policy = PodActions.restartPolicy(pod);
    List<ContainerRun> out = new ArrayList<>();
    for (JsonNode c : containers) {
      String name = c.path("name").asText();
      String image = c.path("image").asText();
      List<Attempt> all = runs.getOrDefault(name, List.of());
      Attempt latest = all.isEmpty() ? null : all.get(all.size() - 1);
      Terminated last = all.size() < 2 ? null : all.get(all.size() - 2).terminated();
      ContainerRun.State state = latest == null ? initial : state(latest, initial);
      int restarts = latest == null ? 0 : latest.number();
      Waiting reason = reasons.get(name);
      boolean doneInit = init && latest != null && latest.exited() && latest.exitCode() == 0;
      if (reason != null && !stopping && !doneInit && PodActions.shouldRestart(latest, policy)) {
        if (state instanceof Terminated t) {
          last = t;
        }
        state = reason;
      }
      String id = latest == null ? null : "runc://" + latest.id();
      boolean running = state instanceof Running;
      RunProbes said = running ? probes.getOrDefault(latest.id(), new RunProbes(c)) : null;
      out.add(new ContainerRun(name, image, state, last, restarts, id,
          running && said.ready(), running && said.started(), latest == null ? null : imageIds.get(name)));
    }
    return out;
  }

  private static ContainerRun.State state(Attempt a, Waiting initial) {
    return switch (a.state()) {
      case RUNNING -> new Running(a.startedAt());
      case EXITED -> a.terminated();
      case CREATED -> new Waiting(CONTAINER_CREATING, null);
      case UNKNOWN -> initial;
    };
  }
}
