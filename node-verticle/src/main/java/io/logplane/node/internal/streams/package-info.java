/**
 * What the node's server needs to run a command in a container for {@code kubectl exec} and to
 * stream a container's stdio for {@code kubectl attach}: the Kubernetes WebSocket channel
 * protocols ({@code v5.channel.k8s.io} and its predecessors), the exit statuses the kubelet
 * reports on the error channel, the exec's options, and the process itself ({@code runc exec}
 * over pipes, or over a pseudo-terminal that follows the client's resizes).
 */
package io.logplane.node.internal.streams;
