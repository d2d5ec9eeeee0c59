package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a node reads the ConfigMaps, Secrets, claims and volumes its pods use, and gets the
 * ServiceAccount tokens their projected volumes hold: the API server on a real node
 * ({@link ApiObjects}), a map in tests. Blocking; called from a pod's sync, off the event loop.
 */
public interface ObjectSource {

  /** The object could not be read (the server is unreachable, or refused): not "not found". */
  final class Unavailable extends RuntimeException {
    public Unavailable(String message) {
      super(message);
    }
  }

  /**
   * The object as the API serves it (a Secret's {@code data} base64), or null when it does not
   * exist.
   *
   * @param resource {@code configmaps}, {@code secrets}, {@code persistentvolumeclaims} or
   *     {@code persistentvolumes}
   * @param namespace null for a cluster-scoped object
   * @throws Unavailable when it cannot be told whether the object exists
   */
  JsonNode get(String resource, String namespace, String name);

  /**
   * What a projected {@code serviceAccountToken} source asks for, as the kubelet's TokenRequest:
   * a token of the pod's account, bound to the pod.
   *
   * @param audience empty for the API server's own audiences
   */
  record TokenRequest(String namespace, String account, String audience, long expirationSeconds, String podName,
      String podUid) {}

  /**
   * A token for {@code request}, the same one again until it is due for a refresh.
   *
   * @throws ConfigError when none can be had, in the kubelet's words ({@code failed to fetch token: ...})
   */
  default String token(TokenRequest request) {
    throw new ConfigError("projected source serviceAccountToken is not supported on this node");
  }
}
