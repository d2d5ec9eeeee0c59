package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.machine.Cgroup;
import io.logplane.node.internal.machine.MachineMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The running containers of a node's pods, as their statuses show them, with their cgroups. */
final class RunningContainers {
  private static final String SCHEME = "runc://";

  private RunningContainers() {}

  /**
   * @param cgroupsPath a container id to its cgroup path, as the runtime gives it
   */
  static List<MachineMetrics.Running> of(List<JsonNode> pods, UnaryOperator<String> cgroupsPath) {
    List<MachineMetrics.Running> out = new ArrayList<>();
    for (JsonNode pod : pods) {
      for (JsonNode c : pod.path("status").path("containerStatuses")) {
        String id = c.path("containerID").asText("");
        if (id.startsWith(SCHEME) && c.path("state").has("running")) {
          out.add(new MachineMetrics.Running(pod.path("metadata").path("namespace").asText(),
              pod.path("metadata").path("name").asText(), c.path("name").asText(),
              Cgroup.of(cgroupsPath.apply(id.substring(SCHEME.length())))));
        }
      }
    }
    return out;
  }
}
