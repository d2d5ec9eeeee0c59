package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a node's pods on runc, in the steps of the CRI's runtime service: run a pod sandbox;
 * create, start, stop and remove its containers; remove the sandbox. Every step is idempotent
 * and every fact it reports is read back from disk (runc's state, conmon's exit files, the CNI
 * results), so an agent that restarted finds its pods where it left them. Blocking: call it off
 * the event loop.
 *
 * <p>Ids: a sandbox has its pod's uid; a container {@code uid.name.attempt}, so the previous run
 * of a container stays (with its log) until it is removed.
 */
public final class ContainerRuntime {

  private final RuntimeConfig config;
  private final Containers containers;
  private final Sandboxes sandboxes;
  private final OciSpec specs;

  public ContainerRuntime(RuntimeConfig config, List<String> privilegedCapabilities) {
    this.config = config;
    this.specs = new OciSpec(privilegedCapabilities);
    this.containers = new Containers(config);
    this.sandboxes = new Sandboxes(config, containers, specs);
  }

  /** The pod's sandbox, made if it is not there: network, shared files, holder running. */
  public Sandbox runPodSandbox(JsonNode pod, String resolvConf) {
    return sandboxes.run(pod, resolvConf);
  }

  /**
   * The pod's directory on the node: its sandbox's files and its volumes, all removed with the
   * sandbox.
   */
  public Path podDir(String uid) {
    return config.pods().resolve(uid);
  }

  /** The file that names the network namespace of the sandbox {@code sandboxId}. */
  public Path netnsPath(String sandboxId) {
    return NetNs.path(sandboxes.netnsName(sandboxId));
  }

  public static String containerId(JsonNode pod, String name, int attempt) {
    return pod.path("metadata").path("uid").asText() + "." + name + "." + attempt;
  }

  /** Where a container's CRI log is: {@code logs/<ns>_<pod>_<uid>/<name>/<attempt>.log}, as the kubelet's. */
  public Path logPath(JsonNode pod, String name, int attempt) {
    JsonNode m = pod.path("metadata");
    return config.logs().resolve(m.path("namespace").asText("default") + "_" + m.path("name").asText()
        + "_" + m.path("uid").asText()).resolve(name).resolve(attempt + ".log");
  }

  /**
   * Creates (not starts) run {@code attempt} of the pod's container {@code name}.
   *
   * @param env     the container's variables ({@link ContainerEnv#of})
   * @param volumes the pod's volumes the container mounts, prepared by the caller
   * @return the container's id
   */
  public String createContainer(Sandbox sandbox, JsonNode pod, String name, int attempt,
      Image image, Map<String, String> env, List<VolumeMount> volumes) {
    JsonNode container = null;
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (c.path("name").asText().equals(name)) {
        container = c;
      }
    }
    for (JsonNode c : pod.path("spec").path("initContainers")) {
      if (c.path("name").asText().equals(name)) {
        container = c;
      }
    }
    if (container == null) {
      throw new IllegalArgumentException("pod has no container " + name);
    }
    String id = containerId(pod, name, attempt);
    ObjectNode spec = specs.container(pod, container, image.config(), env, sandbox.context(),
        volumes, containers.cgroupsPath(id));
    containers.create(id, spec, image.rootfs(), logPath(pod, name, attempt), ContainerStdio.of(container));
    return id;
  }

  /** The cgroup of container {@code id}, as its spec's {@code cgroupsPath}. */
  public String cgroupsPath(String id) {
    return containers.cgroupsPath(id);
  }

  /** Starts the created container; when it started, as its status tells it from then on. */
  public Instant startContainer(String id) {
    return containers.start(id);
  }

  /** Has the running container {@code id} write its log to a new file at its path (CRI's ReopenContainerLog). */
  public void reopenContainerLog(String id) {
    containers.reopenLog(id);
  }

  public Containers.Status containerStatus(String id) {
    return containers.status(id);
  }

  /** SIGTERM, up to {@code grace}, SIGKILL; the status once ended. */
  public Containers.Status stopContainer(String id, Duration grace) {
    return containers.stop(id, grace);
  }

  /**
   * Runs {@code command} inside the running container {@code id}, as a {@code preStop} or probe
   * exec does, killed after {@code timeout}; its exit code (137 when killed there).
   */
  public int execSync(String id, List<String> command, Duration timeout) {
    return containers.exec(id, command, timeout);
  }

  /** What a command run in a container did: its exit code and its output, stdout then stderr. */
  public record ExecOutput(int exitCode, String output) {}

  /** As {@link #execSync}, with the command's output, which a failed exec probe reports. */
  public ExecOutput execWithOutput(String id, List<String> command, Duration timeout) {
    return containers.execWithOutput(id, command, timeout);
  }

  /**
   * The line that runs {@code command} in the running container {@code id} in the foreground
   * for a client ({@code kubectl exec}), with a terminal or not; it writes the command's pid to
   * {@link #execPidFile} once the command started.
   */
  public List<String> execLine(String id, boolean tty, Path pidFile, List<String> command) {
    return containers.execLine(id, tty, pidFile, command);
  }

  /**
   * conmon's attach socket of container {@code id}, through which a client reads the container's
   * output and, when its spec has {@code stdin}, writes its stdin ({@code kubectl attach -i}).
   */
  public Path attachSocket(String id) {
    return containers.attachSocket(id);
  }

  /** Resizes the terminal of container {@code id} ({@code kubectl attach -t}). */
  public void resizeTerminal(String id, int width, int height) {
    containers.resizeTerminal(id, width, height);
  }

  /** Where the exec {@code execId} in container {@code id} has its pid written. */
  public Path execPidFile(String id, String execId) {
    return containers.execPidFile(id, execId);
  }

  public void removeContainer(String id) {
    containers.remove(id);
  }

  /**
   * Stops what still runs of the pod (each container with {@code grace}), removes its
   * containers, then its sandbox. Nothing of the pod is left: no runc state, cgroup, mount,
   * interface, namespace or address.
   */
  public void removePodSandbox(String sandboxId, Duration grace) {
    for (String id : containers.list()) {
      if (id.startsWith(sandboxId + ".")) {
        if (containers.status(id).state().matches("created|running")) {
          containers.stop(id, grace);
        }
        containers.remove(id);
      }
    }
    sandboxes.remove(sandboxId);
  }

  /** Removes the logs of the pod's containers, all runs; nothing happens when none are left. */
  public void removePodLogs(JsonNode pod) {
    Containers.deleteTree(logPath(pod, "c", 0).getParent().getParent());
  }

  /**
   * The ids of the sandboxes (their pods' uids) of which anything is on disk: containers, the
   * pod's directory, its network attachment; what an agent that restarted finds of its pods.
   */
  public Set<String> sandboxes() {
    return sandboxes.onDisk();
  }

  /**
   * Removes the logs of the pod of {@code uid}, all its containers' runs, when its name is no
   * longer known (a pod deleted while the node was down).
   */
  public void removePodLogs(String uid) {
    if (!Files.isDirectory(config.logs())) {
      return;
    }
    try (Stream<Path> dirs = Files.list(config.logs())) {
      for (Path d : dirs.filter(d -> d.getFileName().toString().endsWith("_" + uid)).toList()) {
        Containers.deleteTree(d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of the node's containers, sandboxes' holders included. */
  public List<String> containers() {
    return containers.list();
  }
}
