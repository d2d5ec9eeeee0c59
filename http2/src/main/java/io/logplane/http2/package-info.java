/**
 * What every HTTP/2 server of Logplane (the API server, the replay proxy, the Ingress proxy, a
 * node's server) adds to Vert.x's, whose HTTP/2 is Netty's codec. Nothing of Kubernetes or of
 * Logplane's state: the verticles and the node agent share it without using each other.
 */
package io.logplane.http2;
