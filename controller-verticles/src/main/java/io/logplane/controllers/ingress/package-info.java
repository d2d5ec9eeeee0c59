/**
 * The built-in Ingress controller: a reverse proxy serving the {@code networking.k8s.io/v1}
 * Ingresses of the {@code logplane} IngressClass (and those of no class) over HTTP/1.1, HTTP/2
 * and WebSocket, straight to the ready endpoints of their Services, as ingress-nginx does; TLS
 * from {@code kubernetes.io/tls} Secrets chosen by SNI. {@link io.logplane.controllers.ingress.Routes}
 * is the pure rule matching; {@link io.logplane.controllers.ingress.IngressProxy} serves it from
 * the shared informers; {@link io.logplane.controllers.ingress.IngressStatusController} writes
 * {@code status.loadBalancer} and the Events of a missing Service or Secret.
 */
package io.logplane.controllers.ingress;
