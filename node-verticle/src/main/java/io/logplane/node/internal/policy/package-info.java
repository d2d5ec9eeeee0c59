/**
 * NetworkPolicy enforced on this node's pods in the kernel, as Calico or kube-router do it:
 * NetworkPolicies, Pods and Namespaces read over the HTTP API ({@code NetworkPolicyWatch}),
 * turned into one nftables table of per-pod chains ({@code PolicyRules}, {@code PolicyMatches},
 * pure), and synced by the node's shared table loop ({@code NetworkPolicies}).
 */
package io.logplane.node.internal.policy;
