package io.logplane.node.planted;

/** A planted violation for the architecture test: the node agent reading the store instead of the API. */
public final class NodeUsingProjections {
  public static byte[] pod(io.logplane.projections.Store store, String key) {
    return store.get(key);
  }
}
