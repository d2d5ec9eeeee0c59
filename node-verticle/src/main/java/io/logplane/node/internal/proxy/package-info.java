/**
 * The node's service proxy, as kube-proxy's nftables mode: Services and EndpointSlices read into
 * {@code ProxiedPort}s ({@code ServicePorts}, pure), made into one nftables table's chains, maps
 * and sets ({@code ProxyRules}, pure), and synced into the kernel in one {@code nft -f}
 * transaction per change ({@code ServiceProxy}).
 */
package io.logplane.node.internal.proxy;
