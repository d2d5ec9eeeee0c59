/**
 * A real node's pod volumes and the environment its containers take from objects, as the
 * kubelet makes them. {@code ObjectSource} is where ConfigMaps and Secrets are read
 * ({@code ApiObjects}: the API server through the node's client, with a short cache; a map in
 * tests). Pure: {@code Env} (the kubelet's {@code makeEnvironmentVariables}), {@code Payloads}
 * (the files of configMap, secret, downwardAPI and projected volumes) and {@code PodFields}
 * (the downward API's values). On disk: {@code AtomicDir} (the kubelet's atomic writer,
 * {@code ..data} swapped to a new timestamped directory), {@code HostPaths} (hostPath type
 * checks) and {@code PodVolumes}, which sets up a pod's volumes in its directory and gives
 * each container its binds. A missing object or key is a {@code ConfigError} whose message is
 * the kubelet's.
 */
package io.logplane.node.internal.volumes;
