/**
 * A real node's pods: the kubelet's {@code syncPod} over the container runtime. {@code RealPods}
 * is the node agent's {@code PodRuntime}, answering at once on the event loop while each pod's
 * sync ({@code PodSync}) runs on a worker: it reads the pod's runs, asks the pure
 * {@code PodActions} (the kubelet's {@code computePodActions} and restart back-off, over
 * {@code CrashBackoff}) what to start or kill, does it, and gives the runs from which
 * {@code PodRuns} makes the container statuses as the kubelet reports them. {@code Termination}
 * stops a deleted pod's containers: preStop, SIGTERM, grace period, SIGKILL.
 */
package io.logplane.node.internal.real;
