package io.logplane.node.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the log a {@code containerLogs} request reads, as the kubelet's {@code getContainerLogs}
 * and {@code validateContainerLogStatus} do from the pod and the status the node reports: the
 * running or last ended run of the container, or with {@code previous} the run before it. The
 * run is the attempt at the end of the status's container id ({@code runc://uid.name.attempt}).
 */
final class ContainerLogs {

  /** The log to read and the runtime id of the run that writes it. */
  record Target(Path file, String id) {}

  private ContainerLogs() {}

  /** The log of {@code pod}'s (null when the node does not hold it) container to read. */
  static Target find(JsonNode pod, String podName, String container, boolean previous,
      LogFiles files) throws Refused {
    if (pod == null) {
      throw new Refused(404, "pod \"" + podName + "\" does not exist");
    }
    if (!hasContainer(pod.path("spec"), container)) {
      throw new Refused(404, "container \"" + container + "\" not found in pod \"" + podName + "\"");
    }
    String uri = containerId(pod.path("status"), podName, container, previous);
    String id = uri.substring(uri.indexOf("://") + 3);
    int attempt;
    try {
      attempt = Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
    } catch (NumberFormatException e) {
      throw new Refused(400, "failed to get container status \"" + uri + "\": not a container of this node");
    }
    Path file = files.logPath(pod, container, attempt);
    if (!Files.exists(file)) {
      throw new Refused(400, "failed to try resolving symlinks in path \"" + file + "\": lstat "
          + file + ": no such file or directory");
    }
    return new Target(file, id);
  }

  private static boolean hasContainer(JsonNode spec, String name) {
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (name.equals(c.path("name").asText())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The run before {@code id} ({@code runc://uid.name.N-1}); empty for the first run. A
   * terminated state that names no run (the node's statuses do not name them yet, the kubelet's
   * do) is taken for the latest run's when the container waits to restart, else for the one
   * before it.
   */
  private static String before(String id) {
    int dot = id.lastIndexOf('.');
    try {
      int attempt = Integer.parseInt(id.substring(dot + 1));
      return attempt > 0 ? id.substring(0, dot + 1) + (attempt - 1) : "";
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return "";
    }
  }

  /** The id of the run to read, or why there is none, in the kubelet's words. */
  private static String containerId(JsonNode status, String pod, String name, boolean previous)
      throws Refused {
    JsonNode s = null;
    for (String list : new String[] {"containerStatuses", "initContainerStatuses",
        "ephemeralContainerStatuses"}) {
      for (JsonNode c : status.path(list)) {
        if (s == null && name.equals(c.path("name").asText())) {
          s = c;
        }
      }
    }
    String which = "container \"" + name + "\" in pod \"" + pod + "\"";
    if (s == null) {
      throw new Refused(400, which + " is not available");
    }
    JsonNode state = s.path("state");
    JsonNode last = s.path("lastState").path("terminated");
    String current = s.path("containerID").asText("");
    String lastId = last.isMissingNode() ? "" : last.path("containerID").asText(
        state.has("waiting") ? current : before(current));
    if (previous) {
      if (lastId.isEmpty()) {
        throw new Refused(400, "previous terminated " + which + " not found");
      }
      return lastId;
    }
    if (state.has("running")) {
      return current;
    }
    if (state.has("terminated")) {
      String id = state.path("terminated").path("containerID").asText(current);
      if (!id.isEmpty()) {
        return id;
      }
      if (!lastId.isEmpty()) {
        return lastId;
      }
      throw new Refused(400, which + " is terminated");
    }
    if (!last.isMissingNode()) {
      if (lastId.isEmpty()) {
        throw new Refused(400, which + " is terminated");
      }
      return lastId;
    }
    if (state.has("waiting")) {
      String reason = state.path("waiting").path("reason").asText("");
      throw new Refused(400, which + " is waiting to start: " + switch (reason) {
        case "ErrImagePull" -> "image can't be pulled";
        case "ImagePullBackOff" -> "trying and failing to pull image";
        default -> reason;
      });
    }
    throw new Refused(400, which + " is waiting to start - no logs yet");
  }
}
