/**
 * The load-balancer controller, as k3s's ServiceLB: addresses for {@code type: LoadBalancer}
 * Services from a local pool, written to {@code status.loadBalancer.ingress}; the nodes' service
 * proxies answer on them.
 */
package io.logplane.controllers.servicelb;
