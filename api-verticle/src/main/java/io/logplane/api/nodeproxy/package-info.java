/**
 * What the API server proxies to a node's own server, as kube-apiserver reaches a kubelet:
 * where the node is ({@code KubeletLocation}, from the Node's addresses and its
 * {@code daemonEndpoints}), the request it makes there ({@code PodLogOptions} for
 * {@code pods/log}), and how it answers when the node refuses or cannot be reached
 * ({@code Upstream}).
 */
package io.logplane.api.nodeproxy;
