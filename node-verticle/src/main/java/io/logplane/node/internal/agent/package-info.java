/**
 * What any node agent does through the API, whatever runs its containers: register the Node
 * and report its status ({@code NodeAgent}, {@code NodeObject}), renew its Lease on time
 * ({@code Heartbeat}, {@code LeaseObject}), give pods IPs from its pod CIDR ({@code PodIps}),
 * write pod statuses made from what a {@code PodRuntime} says the containers do
 * ({@code PodWorkers}, {@code PodStatusMaker}), record Events, and send requests with a bound
 * on concurrency and a back-off ({@code Api}). The status, lease and timing code is pure and
 * takes the time as a parameter.
 */
package io.logplane.node.internal.agent;
