package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import io.logplane.projections.Store;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The ValidatingAdmissionPolicies in force on one replica, as kube's admission plugin keeps
 * them: the policies and their bindings from informers over the projection (so a policy holds
 * from the moment its write is answered), each policy compiled once per resourceVersion, params
 * and namespaces read from the projection's store. Both the API's admission and the in-process
 * controllers' writer ask it, so a controller's pod is held to the policies as a user's is.
 */
public final class AdmissionPolicies {

  public static final String POLICIES = "admissionregistration.k8s.io/validatingadmissionpolicies/";
  public static final String BINDINGS = "admissionregistration.k8s.io/validatingadmissionpolicybindings/";

  /** Where objects of a kind are kept: their store key prefix and whether they are namespaced. */
  public record KindLocation(String keyPrefix, boolean namespaced) {}

  private record Compiled(String resourceVersion, CompiledPolicy policy) {}

  private final Informer policies;
  private final Informer bindings;
  private final Store store;
  private final BiFunction<String, String, Optional<KindLocation>> kinds;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  /**
   * @param kinds where the objects of an apiVersion and kind are kept, for the params; empty
   *              when the server serves no such kind
   */
  public AdmissionPolicies(Informers informers, Store store, BiFunction<String, String, Optional<KindLocation>> kinds) {
    this.policies = informers.informer(POLICIES);
    this.bindings = informers.informer(BINDINGS);
    this.store = store;
    this.kinds = kinds;
  }

  /** Whether any binding is in force: with none, no request needs a policy's look. */
  public boolean active() {
    return bindings.size() > 0;
  }

  /** What the policies say of a request; {@link PolicyDecision#ALLOWED} at once when no binding exists. */
  public PolicyDecision decide(Attributes a) {
    if (bindings.size() == 0) {
      return PolicyDecision.ALLOWED;
    }
    List<ObjectNode> policyObjects = policies.list();
    policyObjects.sort(Comparator.comparing(p -> Metadata.text(p, "name")));
    List<CompiledPolicy> in = new ArrayList<>(policyObjects.size());
    for (ObjectNode p : policyObjects) {
      in.add(compiled(p));
    }
    List<JsonNode> bound = new ArrayList<>(bindings.list());
    bound.sort(Comparator.comparing(b -> b.path("metadata").path("name").asText("")));
    JsonNode namespace = namespaceOf(a);
    return Policies.evaluate(a, in, bound, params, namespace);
  }

  private CompiledPolicy compiled(ObjectNode p) {
    String name = Metadata.text(p, "name");
    String version = Metadata.text(p, "resourceVersion");
    Compiled c = compiled.get(name);
    if (c == null || !c.resourceVersion().equals(version)) {
      c = new Compiled(version, PolicyCompiler.compile(p));
      compiled.put(name, c);
      compiled.keySet().removeIf(n -> policies.get(POLICIES + "/" + n) == null);
    }
    return c.policy();
  }

  /** The Namespace of the request: the namespace itself for a request on a Namespace. */
  private JsonNode namespaceOf(Attributes a) {
    if (a.namespace().isEmpty()) {
      return null;
    }
    if (a.resource().group().isEmpty() && a.resource().resource().equals("namespaces")) {
      return a.object() != null ? a.object() : a.oldObject();
    }
    return read("core/namespaces//" + a.namespace());
  }

  private JsonNode read(String key) {
    byte[] bytes = store.get(key);
    return bytes == null ? null : Json.object(bytes);
  }

  private final ParamLookup params = new ParamLookup() {
    @Override
    public Optional<Boolean> namespaced(String apiVersion, String kind) {
      return kinds.apply(apiVersion, kind).map(KindLocation::namespaced);
    }

    @Override
    public JsonNode get(String apiVersion, String kind, String namespace, String name) {
      return kinds.apply(apiVersion, kind)
          .map(k -> read(k.keyPrefix() + (k.namespaced() && namespace != null ? namespace : "") + "/" + name))
          .orElse(null);
    }

    @Override
    public List<JsonNode> list(String apiVersion, String kind, String namespace) {
      Optional<KindLocation> where = kinds.apply(apiVersion, kind);
      if (where.isEmpty()) {
        return List.of();
      }
      String prefix = where.get().keyPrefix() + (where.get().namespaced() && namespace != null ? namespace + "/" : "");
      List<JsonNode> found = new ArrayList<>();
      try (Store.Snapshot snap = store.snapshot()) {
        snap.scan(prefix, null, (key, json) -> {
          found.add(Json.object(json));
          return true;
        });
      }
      return found;
    }
  };
}
