/**
 * The node IPAM controller, as kube-controller-manager's range allocator: each Node gets a pod
 * CIDR ({@code spec.podCIDR}, {@code spec.podCIDRs}) of the cluster CIDR that no other Node
 * holds; the node agents wait for it before they run pods.
 */
package io.logplane.controllers.nodeipam;
