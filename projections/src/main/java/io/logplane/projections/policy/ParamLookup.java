package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link Policies} finds the params a binding's {@code paramRef} names: objects of the
 * policy's {@code paramKind}, read from the caller's current state (kube reads its informer's
 * cache). Pure lookups: no I/O is expected of an implementation that reads a projection.
 */
public interface ParamLookup {

  /** No kind is known: a policy with a paramKind is then misconfigured, as kube finds it. */
  ParamLookup NONE = new ParamLookup() {
    @Override
    public Optional<Boolean> namespaced(String apiVersion, String kind) {
      return Optional.empty();
    }

    @Override
    public JsonNode get(String apiVersion, String kind, String namespace, String name) {
      return null;
    }

    @Override
    public List<JsonNode> list(String apiVersion, String kind, String namespace) {
      return List.of();
    }
  };

  /** Whether objects of the kind are namespaced; empty when the server does not serve the kind. */
  Optional<Boolean> namespaced(String apiVersion, String kind);

  /** The object of the kind with this name, in {@code namespace} (null for a cluster-scoped kind); null when absent. */
  JsonNode get(String apiVersion, String kind, String namespace, String name);

  /**
   * Every object of the kind in {@code namespace} (null for a cluster-scoped kind), in the order
   * the params are to be evaluated (by name is the natural one); the engine applies the selector.
   */
  List<JsonNode> list(String apiVersion, String kind, String namespace);
}
