/**
 * Real pods on this machine: the layer a real node agent's {@code PodRuntime} stands on.
 *
 * <ul>
 *   <li>{@code UplinkGuard}: nftables drops that keep the cluster's addresses (pod, service,
 *       load-balancer ranges) off the interfaces of the default routes; installed before any
 *       pod gets an address.
 *   <li>{@code PodNetwork}, {@code NetNs}, {@code Cni}: a named network namespace per pod,
 *       attached to the node's bridge by the CNI {@code bridge} and {@code host-local} plugins.
 *   <li>{@code OciSpec} (pure), with {@code ContainerEnv}, {@code Expansion},
 *       {@code Capabilities} and {@code CgroupResources}: runc's {@code config.json} from a
 *       pod's container as the kubelet and a CRI runtime would make it.
 *   <li>{@code Containers}, {@code Runc}, {@code Conmon}: containers under conmon (CRI logs,
 *       exit codes in files) so they outlive the agent and are found again after its restart.
 *   <li>{@code ContainerRuntime}: the CRI-like steps — run a pod sandbox, create, start, stop and
 *       remove containers, remove the sandbox leaving nothing behind.
 * </ul>
 *
 * Everything here blocks and needs root; the agent calls it off its event loop.
 */
package io.logplane.node.internal.runtime;
