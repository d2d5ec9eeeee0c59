package io.logplane.node.internal.agent;

import java.util.List;
import java.util.Map;

/**
 * What a node's status reports of the node at one moment: resources, addresses, node info and
 * the conditions (the times of the conditions are {@link NodeObject}'s part). A hollow node's
 * facts are fixed ({@link #of(NodeIdentity)}); a real node reads them from its machine.
 *
 * @param capacity    resource name to quantity
 * @param allocatable what pods may take: capacity less what the node keeps for itself
 * @param conditions  in the order they are reported, {@code Ready} last
 * @param port        where the node's server listens ({@code daemonEndpoints.kubeletEndpoint})
 * @param images      the images on the node, in the order reported (none for a hollow node)
 */
public record NodeFacts(Map<String, String> capacity, Map<String, String> allocatable,
    List<Address> addresses, NodeInfo nodeInfo, List<Condition> conditions, int port,
    List<Image> images) {

  /** Facts with the kubelet's port and no images. */
  public NodeFacts(Map<String, String> capacity, Map<String, String> allocatable,
      List<Address> addresses, NodeInfo nodeInfo, List<Condition> conditions) {
    this(capacity, allocatable, addresses, nodeInfo, conditions, KUBELET_PORT, List.of());
  }

  /** The kubelet's port, which hollow nodes report. */
  public static final int KUBELET_PORT = 10250;

  /** An image of {@code status.images}: its names and size. */
  public record Image(List<String> names, long sizeBytes) {}

  /** These facts with the node's server on {@code port}. */
  public NodeFacts withPort(int port) {
    return new NodeFacts(capacity, allocatable, addresses, nodeInfo, conditions, port, images);
  }

  /** These facts with {@code images} on the node. */
  public NodeFacts withImages(List<Image> images) {
    return new NodeFacts(capacity, allocatable, addresses, nodeInfo, conditions, port,
        List.copyOf(images));
  }

  /** One of the node's addresses: {@code InternalIP}, {@code Hostname}. */
  public record Address(String type, String address) {}

  /** The {@code nodeInfo} of a Node's status. */
  public record NodeInfo(String machineID, String systemUUID, String bootID, String kernelVersion,
      String osImage, String containerRuntimeVersion, String kubeletVersion,
      String kubeProxyVersion) {}

  /** A condition without its times: type, {@code True} or {@code False}, reason, message. */
  public record Condition(String type, String status, String reason, String message) {}

  public static final Condition SUFFICIENT_MEMORY = new Condition("MemoryPressure", "False",
      "KubeletHasSufficientMemory", "kubelet has sufficient memory available");
  public static final Condition NO_DISK_PRESSURE = new Condition("DiskPressure", "False",
      "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
  public static final Condition SUFFICIENT_PID = new Condition("PIDPressure", "False",
      "KubeletHasSufficientPID", "kubelet has sufficient PID available");
  /** The Ready condition of a node whose kubelet runs. */
  public static final Condition READY = new Condition("Ready", "True", "KubeletReady",
      "kubelet is posting ready status");

  /** The facts of a node that has no machine: its identity's, without pressure, ready. */
  public static NodeFacts of(NodeIdentity id) {
    NodeInfo info = new NodeInfo(id.name(), id.name(), id.name(), id.kernelVersion(), id.osImage(),
        id.runtimeVersion(), id.kubeletVersion(), id.kubeletVersion());
    return new NodeFacts(id.capacity(), id.capacity(),
        List.of(new Address("InternalIP", id.internalIp()), new Address("Hostname", id.name())),
        info, List.of(SUFFICIENT_MEMORY, NO_DISK_PRESSURE, SUFFICIENT_PID, READY));
  }
}
