package io.logplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of the control-plane scenarios (scheduler, deployment, pod-start), a mixin of {@link BenchCommand}. */
final class PlaneOptions {
  @Option(names = "--sched-nodes", paramLabel = "N", defaultValue = "5000",
      description = "Fake nodes of the scheduler scenario (default: ${DEFAULT-VALUE}).")
  int schedNodes;
  @Option(names = "--sched-pods", paramLabel = "N", defaultValue = "10000",
      description = "Pods of the scheduler scenario, 100m cpu and 200Mi each"
          + " (default: ${DEFAULT-VALUE}).")
  int schedPods;
  @Option(names = "--sched-clients", paramLabel = "N", defaultValue = "16",
      description = "Concurrent clients creating the scheduler scenario's nodes and pods"
          + " (default: ${DEFAULT-VALUE}).")
  int schedClients;
  @Option(names = "--sched-timeout", paramLabel = "DURATION", defaultValue = "10m",
      description = "Wait for all pods bound after the release (default: ${DEFAULT-VALUE}).")
  String schedTimeout;
  @Option(names = "--deploy-nodes", paramLabel = "N", defaultValue = "100",
      description = "Ready nodes (not the fake ones) the deployment scenario waits for"
          + " (default: ${DEFAULT-VALUE}).")
  int deployNodes;
  @Option(names = "--deploy-replicas", paramLabel = "N", defaultValue = "1000",
      description = "Replicas of the deployment scenario's Deployment (default: ${DEFAULT-VALUE}).")
  int deployReplicas;
  @Option(names = "--deploy-timeout", paramLabel = "DURATION", defaultValue = "5m",
      description = "Wait for the nodes, for the Deployment's readyReplicas and for its pods"
          + " to go (default: ${DEFAULT-VALUE}).")
  String deployTimeout;
  @Option(names = "--pod-start-node", paramLabel = "NAME",
      description = "The real node of the pod-start and service scenarios (default: the one"
          + " named as this machine, which logplane up runs).")
  String podStartNode;
  @Option(names = "--pod-start-pods", paramLabel = "N", defaultValue = "100",
      description = "Pods whose start the pod-start scenario times (default: ${DEFAULT-VALUE}).")
  int podStartPods;
  @Option(names = "--pod-start-rate", paramLabel = "RATE", defaultValue = "10/s",
      description = "Their create rate (default: ${DEFAULT-VALUE}).")
  String podStartRate;
  @Option(names = "--pod-start-max", paramLabel = "N", defaultValue = "110",
      description = "Pods running on the node when its agent's memory and CPU are measured"
          + " (default: ${DEFAULT-VALUE}, the kubelet's max-pods).")
  int podStartMax;
  @Option(names = "--pod-start-image", paramLabel = "IMAGE", defaultValue = "busybox",
      description = "The pods' image, already on the node: they run sh and sleep"
          + " (default: ${DEFAULT-VALUE}).")
  String podStartImage;
  @Option(names = "--pod-start-pull-policy", paramLabel = "POLICY", defaultValue = "IfNotPresent",
      description = "Their imagePullPolicy, IfNotPresent or Never (default: ${DEFAULT-VALUE}).")
  String podStartPullPolicy;
  @Option(names = "--pod-start-timeout", paramLabel = "DURATION", defaultValue = "5m",
      description = "Wait for the pods Running, and for them gone (default: ${DEFAULT-VALUE}).")
  String podStartTimeout;
  @Option(names = "--node-pid", paramLabel = "PID", split = ",",
      description = "The node agent's processes whose memory and CPU the pod-start scenario"
          + " prints (default: the process listening on the node's port, when it is on this"
          + " machine).")
  List<Long> nodePids = new ArrayList<>();

  /** The scheduler and deployment scenarios' options; bad values are {@link IllegalArgumentException}s. */
  Plane.Options plane(boolean keep) {
    if (schedNodes < 1 || schedPods < 1 || schedClients < 1 || deployNodes < 0 || deployReplicas < 1) {
      throw new IllegalArgumentException("--sched-nodes, --sched-pods, --sched-clients and --deploy-replicas"
          + " must be positive, --deploy-nodes not negative");
    }
    return new Plane.Options(schedNodes, schedPods, schedClients, Units.duration(schedTimeout), deployNodes,
        deployReplicas, Units.duration(deployTimeout), keep);
  }

  /** The pod-start scenario's options; bad values are {@link IllegalArgumentException}s. */
  PodStartScenario.Options podStart(boolean keep) {
    if (podStartPods < 1 || podStartMax < 1 || !nodePids.stream().allMatch(p -> p > 0)) {
      throw new IllegalArgumentException("--pod-start-pods, --pod-start-max and --node-pid must be positive");
    }
    if (!Set.of("IfNotPresent", "Never").contains(podStartPullPolicy)) {
      throw new IllegalArgumentException(
          "--pod-start-pull-policy must be IfNotPresent or Never: the image is to be there");
    }
    return new PodStartScenario.Options(podStartNode, podStartPods, podStartMax, Units.rate(podStartRate),
        podStartImage, podStartPullPolicy, Units.duration(podStartTimeout), nodePids, keep);
  }
}
