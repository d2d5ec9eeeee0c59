package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.vertx.core.Future;

/**
 * How a node's parts reach the API server: one call, answered with the server's response.
 * {@link Api} is the real one (bounded, retried); tests answer from a script.
 */
public interface Requests {
  /** The future fails only when the node is stopping; HTTP errors are answers. */
  Future<KubeClient.Response> call(String method, String path, JsonNode body);
}
