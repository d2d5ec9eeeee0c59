/**
 * What a real node reads of its machine, as the kubelet reads it through cadvisor and its
 * eviction manager.
 *
 * <ul>
 *   <li>{@code MachineFacts}: the facts a Node's status reports ({@code NodeFacts}) —
 *       {@code Resources} (capacity and allocatable), {@code MachineInfo} (node info),
 *       {@code NodeAddresses}, and the pressure conditions of {@code Eviction} over
 *       {@code Observations}.
 *   <li>{@code CgroupUsage}, {@code NodeUsage} and {@code UsageSampler}: cpu and memory in use by
 *       each container (its cgroup, v1 or v2) and by the node, as rates between two samples;
 *       {@code MachineMetrics} reports them to {@code metrics.k8s.io} as hollow nodes do.
 * </ul>
 *
 * Files are read under a {@link io.logplane.node.internal.machine.HostFiles} root, so tests read
 * fixture trees; reading blocks and is done off the agent's event loop.
 */
package io.logplane.node.internal.machine;
