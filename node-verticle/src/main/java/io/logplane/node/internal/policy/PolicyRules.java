package io.logplane.node.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.nft.RuleSet;
import io.logplane.node.internal.nft.Sync;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nftables rules that enforce NetworkPolicies on one node's pods, in one {@code inet} table
 * of the node's own. Pure: {@link #sync} turns the policies, pods and namespaces known now and
 * what the previous sync made into one {@code nft -f} script.
 *
 * <ul>
 *   <li>{@code forward} (routed and, with {@code br_netfilter}, bridged pod traffic) accepts the
 *       packets of established connections and their related ICMP first, then sends a packet from
 *       a local pod isolated for egress to its chain {@code egress-IP} (verdict map
 *       {@code egress-pods}) and one to a local pod isolated for ingress to
 *       {@code ingress-IP} ({@code ingress-pods}). {@code input} (a pod to this host) does the
 *       egress part.
 *   <li>A pod is isolated for ingress (egress) when a policy of its namespace selects it with
 *       that policy type ({@code policyTypes} defaulting to Ingress, and Egress when the policy
 *       has egress rules). Its chain holds one rule per allowed peer and port of every such
 *       policy, their union: an egress rule returns (the destination's ingress is judged next),
 *       an ingress rule accepts; what none allows goes to {@code ingress-denied} or
 *       {@code egress-denied}, which count and drop.
 *   <li>Traffic from this host to its pods (the kubelet's probes) is not filtered, as Calico's
 *       default and kube's conformance tests expect; a pod's egress to the host is.
 * </ul>
 */
public final class PolicyRules {
  /** The chain whose counter counts the packets dropped for want of an ingress rule. */
  public static final String INGRESS_DENIED = "ingress-denied";
  /** The chain whose counter counts the packets dropped for want of an egress rule. */
  public static final String EGRESS_DENIED = "egress-denied";

  private static final List<String> BASE = List.of(
      "forward { type filter hook forward priority filter ; policy accept ; }",
      "input { type filter hook input priority filter ; policy accept ; }");
  private static final List<String> MAPS = List.of(
      "map ingress-pods { type ipv4_addr : verdict ; }",
      "map egress-pods { type ipv4_addr : verdict ; }");

  private PolicyRules() {}

  /**
   * The script that brings table {@code inet table} from {@code previous} to enforcing
   * {@code policies} on the pods of node {@code nodeName}.
   */
  public static Sync sync(String table, String nodeName, List<JsonNode> policies, List<JsonNode> pods,
      List<JsonNode> namespaces, Sync previous) {
    RuleSet body = new RuleSet("inet " + table, BASE, MAPS);
    for (String hook : List.of("forward", "input")) {
      body.rule(hook, "ct state established,related accept");
      body.rule(hook, "ip saddr vmap @egress-pods");
    }
    body.rule("forward", "ip daddr vmap @ingress-pods");
    body.rule(INGRESS_DENIED, "counter drop");
    body.rule(EGRESS_DENIED, "counter drop");
    List<PolicyPod> all = PolicyPod.all(pods);
    PolicyMatches matches = new PolicyMatches(all, namespaces);
    List<JsonNode> sorted = new ArrayList<>(policies);
    sorted.sort(Comparator.comparing(p -> p.path("metadata").path("namespace").asText() + "/"
        + p.path("metadata").path("name").asText()));
    for (PolicyPod pod : all) {
      if (pod.nodeName().equals(nodeName)) {
        podRules(body, pod, all, matches, sorted);
      }
    }
    return body.script(previous);
  }

  private static void podRules(RuleSet body, PolicyPod pod, List<PolicyPod> all, PolicyMatches matches,
      List<JsonNode> policies) {
    Set<String> ingress = null;
    Set<String> egress = null;
    for (JsonNode policy : policies) {
      String namespace = policy.path("metadata").path("namespace").asText();
      JsonNode spec = policy.path("spec");
      if (!namespace.equals(pod.namespace()) || !selects(spec.path("podSelector"), pod)) {
        continue;
      }
      Set<String> types = types(spec);
      if (types.contains("Ingress")) {
        ingress = ingress == null ? new LinkedHashSet<>() : ingress;
        for (JsonNode rule : spec.path("ingress")) {
          allow(ingress, matches.peers(namespace, rule.path("from"), "saddr"),
              PolicyMatches.ports(rule.path("ports"), List.of(pod)), "accept");
        }
      }
      if (types.contains("Egress")) {
        egress = egress == null ? new LinkedHashSet<>() : egress;
        for (JsonNode rule : spec.path("egress")) {
          allow(egress, matches.peers(namespace, rule.path("to"), "daddr"),
              PolicyMatches.ports(rule.path("ports"), all), "return");
        }
      }
    }
    isolate(body, "ingress", pod, ingress, INGRESS_DENIED);
    isolate(body, "egress", pod, egress, EGRESS_DENIED);
  }

  private static boolean selects(JsonNode selector, PolicyPod pod) {
    try {
      return LabelSelector.fromJson(selector).matches(pod.labels());
    } catch (SelectorException e) {
      return false; // the API refuses such a policy; one that got in selects nothing
    }
  }

  /** {@code policyTypes}, or its default: Ingress, and Egress when there are egress rules. */
  static Set<String> types(JsonNode spec) {
    Set<String> types = new LinkedHashSet<>();
    spec.path("policyTypes").forEach(t -> types.add(t.asText()));
    if (types.isEmpty()) {
      types.add("Ingress");
      if (spec.path("egress").size() > 0) {
        types.add("Egress");
      }
    }
    return types;
  }

  private static void allow(Set<String> rules, List<String> peers, List<String> ports, String verdict) {
    for (String peer : peers) {
      for (String port : ports) {
        rules.add(String.join(" ", java.util.stream.Stream.of(peer, port, verdict)
            .filter(s -> !s.isEmpty()).toList()));
      }
    }
  }

  private static void isolate(RuleSet body, String direction, PolicyPod pod, Set<String> rules, String denied) {
    if (rules == null) {
      return;
    }
    String chain = direction + "-" + pod.ip();
    rules.forEach(r -> body.rule(chain, r));
    body.rule(chain, "goto " + denied);
    body.element(direction + "-pods", pod.ip() + " : jump " + chain);
  }
}
