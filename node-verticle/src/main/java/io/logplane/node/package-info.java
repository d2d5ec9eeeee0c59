/**
 * Node agents that speak to the control plane only through the Kubernetes HTTP API
 * ({@code kube-client}), never through Logplane's own modules, so that they work against any
 * API server. {@link io.logplane.node.HollowNodes} deploys simulated nodes (registration,
 * lease heartbeats and pod status, without containers); the real node agent will reuse their
 * registration, lease and status code, which lives apart from the simulation in
 * {@code internal.agent}.
 */
package io.logplane.node;
