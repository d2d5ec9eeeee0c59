package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Key;
import io.logplane.projections.Quantity;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A quota's usage of one object, as kube's quota evaluators (pkg/quota/v1/evaluator/core)
 * compute it: every namespaced object counts one {@code count/<resource>.<group>}, the legacy
 * kinds also under their own name; a pod that is not terminal counts its compute resources
 * (requests.cpu/memory, limits.cpu/memory, cpu and memory as requests); a Service its node
 * ports and load balancer; a claim its storage. Scoped quotas see pods only.
 */
public final class QuotaUsage {

  private static final Set<String> LEGACY = Set.of("pods", "services", "configmaps", "secrets",
      "persistentvolumeclaims", "replicationcontrollers", "resourcequotas");
  private static final Set<String> POD_COMPUTE = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
      "limits.cpu", "limits.memory", "ephemeral-storage", "requests.ephemeral-storage", "limits.ephemeral-storage");
  /** The compute resources a pod must state for each container when a quota limits them. */
  public static final Set<String> VALIDATED = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
      "limits.cpu", "limits.memory");

  private QuotaUsage() {}

  /**
   * True for the kinds whose usage kube's quota admission charges on an update too (the
   * evaluators whose {@code Handles} takes Update): Services and PersistentVolumeClaims. Object
   * counts are charged on create only, and pods too (their resources change in place only under
   * InPlacePodVerticalScaling, off by default in 1.28).
   */
  public static boolean chargedOnUpdate(Key key) {
    return key.group().equals("core") && (key.resource().equals("services")
        || key.resource().equals("persistentvolumeclaims"));
  }

  public static String countName(Key key) {
    return "count/" + key.qualifiedResource();
  }

  /** The resources a quota can limit for objects of this kind. */
  public static Set<String> matchingResources(Key key) {
    Set<String> r = new TreeSet<>();
    r.add(countName(key));
    if (key.group().equals("core") && LEGACY.contains(key.resource())) {
      r.add(key.resource());
    }
    if (Pods.is(key)) {
      r.addAll(POD_COMPUTE);
    } else if (key.group().equals("core") && key.resource().equals("services")) {
      r.add("services.nodeports");
      r.add("services.loadbalancers");
    } else if (key.group().equals("core") && key.resource().equals("persistentvolumeclaims")) {
      r.add("requests.storage");
    }
    return r;
  }

  /** What the object uses, by resource name; empty for null or a terminal pod. */
  public static Map<String, Quantity> usage(Key key, JsonNode o) {
    Map<String, Quantity> u = new TreeMap<>();
    if (o == null || key.namespace().isEmpty() || Pods.is(key) && Pods.terminal(o)) {
      return u;
    }
    Quantity one = Quantity.of(java.math.BigDecimal.ONE);
    u.put(countName(key), one);
    if (key.group().equals("core") && LEGACY.contains(key.resource())) {
      u.put(key.resource(), one);
    }
    if (Pods.is(key)) {
      Pods.requests(o).forEach((r, a) -> {
        u.put("requests." + r, a);
        if (r.equals("cpu") || r.equals("memory") || r.equals("ephemeral-storage")) {
          u.put(r, a);
        }
      });
      Pods.limits(o).forEach((r, a) -> u.put("limits." + r, a));
    } else if (key.group().equals("core") && key.resource().equals("services")) {
      String type = o.path("spec").path("type").asText("ClusterIP");
      boolean lb = type.equals("LoadBalancer");
      if (lb) {
        u.put("services.loadbalancers", one);
      }
      boolean nodePorts = type.equals("NodePort") || lb && o.path("spec").path("allocateLoadBalancerNodePorts")
          .asBoolean(true);
      u.put("services.nodeports", Quantity.of(java.math.BigDecimal.valueOf(nodePorts
          ? o.path("spec").path("ports").size() : 0)));
    } else if (key.group().equals("core") && key.resource().equals("persistentvolumeclaims")) {
      JsonNode storage = o.path("spec").path("resources").path("requests").get("storage");
      if (storage != null) {
        u.put("requests.storage", Quantity.of(storage));
      }
    }
    return u;
  }

  /** True when the quota's scopes (spec.scopes and spec.scopeSelector) all take the object. */
  public static boolean matchesScopes(JsonNode quota, Key key, JsonNode o) {
    JsonNode scopes = quota.path("spec").path("scopes");
    JsonNode expressions = quota.path("spec").path("scopeSelector").path("matchExpressions");
    if (scopes.isEmpty() && expressions.isEmpty()) {
      return true;
    }
    if (!Pods.is(key)) {
      return false;
    }
    for (JsonNode s : scopes) {
      if (!Pods.inScope(o, s.asText(), "Exists", null)) {
        return false;
      }
    }
    for (JsonNode e : expressions) {
      if (!Pods.inScope(o, e.path("scopeName").asText(), e.path("operator").asText(), e.path("values"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * kube's pod evaluator Constraints: each container must state what a quota limits among
   * {@link #VALIDATED}; the message of a pod that does not, or null.
   */
  public static String missing(JsonNode pod, Set<String> required) {
    Map<String, Set<String>> missing = new TreeMap<>();
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : pod.path("spec").path(list)) {
        JsonNode res = c.path("resources");
        for (String r : required) {
          if (!VALIDATED.contains(r)) {
            continue;
          }
          String stated = r.startsWith("limits.") ? "limits" : "requests";
          String name = r.contains(".") ? r.substring(r.indexOf('.') + 1) : r;
          if (!res.path(stated).has(name)) {
            missing.computeIfAbsent(r, x -> new TreeSet<>()).add(c.path("name").asText());
          }
        }
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    StringBuilder m = new StringBuilder("must specify ");
    String sep = "";
    for (Map.Entry<String, Set<String>> e : missing.entrySet()) {
      m.append(sep).append(e.getKey()).append(" for: ").append(String.join(",", e.getValue()));
      sep = "; ";
    }
    return m.toString();
  }
}
