/**
 * {@code kubectl port-forward} on the node, as the kubelet and its container runtime serve
 * {@code /portForward/{namespace}/{pod}}: {@code PortForwardHandler} takes the request (over a
 * SPDY/3.1 upgrade, or a WebSocket tunnelling SPDY as kubectl 1.31+ asks first),
 * {@code StreamPairs} pairs each forwarded connection's error and data streams by their request
 * id, and {@code PodPortCopy} copies a data stream to and from the port at the pod's address,
 * writing what went wrong on the error stream in the runtime's words ({@code ForwardErrors}).
 */
package io.logplane.node.internal.server.portforward;
