package io.logplane.node.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;

/** The pods of the node, as its server finds them: the node agent's pods with their status. */
@FunctionalInterface
public interface NodePods {

  /**
   * The pod, with the status the node reports for it; null when the node does not hold it.
   * Completes on any context: the agent answers from its own.
   */
  Future<JsonNode> pod(String namespace, String name);
}
