/**
 * A small Kubernetes client, with nothing of Logplane in it: a kubeconfig context
 * ({@link io.logplane.kubeclient.KubeConfig}: server, CA, token, basic auth or client
 * certificate), the TLS it describes ({@link io.logplane.kubeclient.Tls} from
 * {@link io.logplane.kubeclient.Pem} data), and {@link io.logplane.kubeclient.KubeClient}, which
 * speaks to the server the way client-go does: HTTP/2 over TLS on few connections, JSON bodies,
 * watches read line by line.
 *
 * <p>{@code logplane bench} sends its load through {@code KubeClient}; {@code logplane history}
 * builds the JDK's HTTP client from the same {@code KubeConfig} and {@code Tls}.
 */
package io.logplane.kubeclient;
