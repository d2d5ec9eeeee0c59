package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.Key;
import io.logplane.projections.Quantity;
import io.logplane.projections.policy.QuotaUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * kube-apiserver's ResourceQuota admission, decided inside apply() where the quotas and their
 * usage are: a create that would take a quota of its namespace over its hard limits is refused
 * (403, kube's message), and a pod that does not state a compute resource a quota limits too.
 * The usage in each quota's status is kept here, record by record, from what every accepted
 * record added, changed or removed in the namespace, so that a create sees exactly the usage
 * at its offset and two racing creates cannot both take the last unit. A quota's usage is
 * counted from the namespace's objects once, when it is created or its hard limits change.
 */
public final class Quotas {

  private Quotas() {}

  public static boolean isQuota(Key k) {
    return k.group().equals("core") && k.resource().equals(PolicyIndex.QUOTAS);
  }

  /** The Forbidden message that refuses the new object, or null when every quota admits it. */
  public static String admit(Tx tx, Key key, ObjectNode object) {
    return check(tx, key, object, QuotaUsage.usage(key, object));
  }

  /**
   * The Forbidden message that refuses the new version of an object, or null when every quota
   * admits it. As kube's quota admission, only the kinds whose evaluator handles updates are
   * charged ({@link QuotaUsage#chargedOnUpdate}), and only for what the update adds: each
   * resource's growth over the current version, never less than zero (a Service turned
   * NodePort takes its node ports, a claim grown takes the difference in storage).
   */
  public static String admitUpdate(Tx tx, Key key, ObjectNode current, ObjectNode next) {
    if (!QuotaUsage.chargedOnUpdate(key)) {
      return null;
    }
    Map<String, Quantity> was = QuotaUsage.usage(key, current);
    Map<String, Quantity> growth = new TreeMap<>();
    QuotaUsage.usage(key, next).forEach((r, a) -> growth.put(r, a.minus(was.getOrDefault(r, Quantity.ZERO))
        .max(Quantity.ZERO)));
    return check(tx, key, next, growth);
  }

  /** The Forbidden message when the quotas of the namespace cannot take {@code usage} more, or null. */
  private static String check(Tx tx, Key key, ObjectNode object, Map<String, Quantity> usage) {
    if (key.namespace().isEmpty()) {
      return null;
    }
    List<String> quotas = PolicyIndex.keys(tx, "core", PolicyIndex.QUOTAS, key.namespace());
    if (quotas.isEmpty()) {
      return null;
    }
    Map<String, Quantity> requested = new TreeMap<>(usage);
    requested.values().removeIf(a -> a.value().signum() == 0); // kube's quota.RemoveZeros
    Set<String> matching = QuotaUsage.matchingResources(key);
    String prefix = key.qualifiedResource() + " \"" + key.name() + "\" is forbidden: ";
    List<ObjectNode> applying = new ArrayList<>();
    for (String q : quotas) {
      ObjectNode quota = tx.get(q);
      if (quota == null || !QuotaUsage.matchesScopes(quota, key, object)) {
        continue;
      }
      Set<String> restricted = new TreeSet<>(names(hard(quota)));
      restricted.retainAll(matching);
      if (restricted.isEmpty()) {
        continue;
      }
      if (io.logplane.projections.policy.Pods.is(key)) {
        String missing = QuotaUsage.missing(object, restricted);
        if (missing != null) {
          return prefix + "failed quota: " + Key.parse(q).name() + ": " + missing;
        }
      }
      applying.add(quota);
    }
    for (ObjectNode quota : applying) {
      JsonNode hard = hard(quota);
      JsonNode used = quota.path("status").path("used");
      List<String> exceeded = new ArrayList<>();
      for (Map.Entry<String, Quantity> r : requested.entrySet()) {
        if (hard.has(r.getKey()) && matching.contains(r.getKey())
            && Quantity.of(used.get(r.getKey())).plus(r.getValue()).compareTo(Quantity.of(hard.get(r.getKey()))) > 0) {
          exceeded.add(r.getKey());
        }
      }
      if (!exceeded.isEmpty()) {
        return prefix + "exceeded quota: " + quota.path("metadata").path("name").asText()
            + ", requested: " + print(exceeded, requested::get) + ", used: "
            + print(exceeded, r -> Quantity.of(used.get(r))) + ", limited: "
            + print(exceeded, r -> Quantity.of(hard.get(r)));
      }
    }
    return null;
  }

  private static String print(List<String> names, java.util.function.Function<String, Quantity> value) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : ",").append(n).append('=').append(value.apply(n));
    }
    return b.toString();
  }

  private static JsonNode hard(ObjectNode quota) {
    JsonNode status = quota.path("status").path("hard");
    return status.isObject() ? status : quota.path("spec").path("hard");
  }

  private static List<String> names(JsonNode o) {
    List<String> n = new ArrayList<>();
    o.fieldNames().forEachRemaining(n::add);
    return n;
  }

  /** True when the quota's hard limits are not yet those its status counts against. */
  public static boolean needsCounting(ObjectNode quota) {
    return !quota.path("spec").path("hard").equals(quota.path("status").path("hard"));
  }

  /** Sets the quota's status (in place): its hard limits and the usage of the namespace's objects. */
  public static void count(Tx tx, Key key, ObjectNode quota) {
    JsonNode hard = quota.path("spec").path("hard");
    Map<String, Quantity> used = new TreeMap<>();
    hard.fieldNames().forEachRemaining(r -> used.put(r, Quantity.ZERO));
    List<String> keys = new ArrayList<>(tx.keysInNamespace(key.namespace()));
    if (!keys.contains(key.toString())) {
      keys.add(key.toString());
    }
    for (String k : keys) {
      Key other = Key.parse(k);
      ObjectNode o = k.equals(key.toString()) ? quota : tx.get(k);
      if (o != null && QuotaUsage.matchesScopes(quota, other, o)) {
        QuotaUsage.usage(other, o).forEach((r, a) -> used.computeIfPresent(r, (x, sum) -> sum.plus(a)));
      }
    }
    // A copy: an update's status is the current object's node, which the state still holds.
    ObjectNode status = quota.get("status") instanceof ObjectNode s ? s.deepCopy() : quota.objectNode();
    quota.set("status", status);
    status.set("hard", hard.deepCopy());
    ObjectNode u = status.putObject("used");
    used.forEach((r, a) -> u.put(r, a.toString()));
  }

  /**
   * After an accepted record: the policy indexes follow the quotas, limit ranges and budgets
   * added or removed, and each quota of a namespace the record changed counts the difference.
   */
  public static void account(Tx tx, List<Change> changes) {
    Set<String> seen = new HashSet<>();
    Map<String, Map<String, Quantity>> deltas = new LinkedHashMap<>();
    for (Change c : changes) {
      if (c.key().startsWith(Allocations.PREFIX)) {
        continue;
      }
      Key k = Key.parse(c.key());
      if (PolicyIndex.indexed(k)) {
        PolicyIndex.note(tx, c.type(), k);
      }
      if (k.namespace().isEmpty() || !seen.add(c.key())) {
        continue;
      }
      for (String q : PolicyIndex.keys(tx, "core", PolicyIndex.QUOTAS, k.namespace())) {
        ObjectNode quota = q.equals(c.key()) ? null : tx.get(q);
        if (quota != null) {
          difference(quota, k, tx.before(c.key()), tx.get(c.key()), deltas.computeIfAbsent(q, x -> new TreeMap<>()));
        }
      }
    }
    deltas.forEach((q, delta) -> {
      if (delta.isEmpty()) {
        return;
      }
      ObjectNode next = tx.get(q).deepCopy();
      ObjectNode status = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
      ObjectNode used = status.get("used") instanceof ObjectNode u ? u : status.putObject("used");
      delta.forEach((r, d) -> used.put(r, Quantity.of(used.get(r)).plus(d).toString()));
      tx.put(Change.Type.MODIFIED, q, next);
    });
  }

  private static void difference(ObjectNode quota, Key k, ObjectNode before, ObjectNode after,
      Map<String, Quantity> delta) {
    Map<String, Quantity> was = before != null && QuotaUsage.matchesScopes(quota, k, before)
        ? QuotaUsage.usage(k, before) : Map.of();
    Map<String, Quantity> is = after != null && QuotaUsage.matchesScopes(quota, k, after)
        ? QuotaUsage.usage(k, after) : Map.of();
    JsonNode hard = hard(quota);
    Set<String> resources = new TreeSet<>(was.keySet());
    resources.addAll(is.keySet());
    for (String r : resources) {
      Quantity d = is.getOrDefault(r, Quantity.ZERO).minus(was.getOrDefault(r, Quantity.ZERO));
      if (hard.has(r) && d.value().signum() != 0) {
        delta.merge(r, d, Quantity::plus);
      }
    }
  }
}
