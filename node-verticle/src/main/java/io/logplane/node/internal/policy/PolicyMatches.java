package io.logplane.node.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The nft match expressions of a NetworkPolicy rule's peers and ports, over the pods and
 * namespaces known now. A peer's pod and namespace selectors become the set of the selected
 * pods' addresses; an {@code ipBlock} its CIDR less its exceptions; a port its protocol and
 * number or range; a named port the {@code address . port} pairs of the pods that name it (the
 * target pod for ingress, any destination pod for egress), so it matches each pod's own number.
 * An empty string matches everything; an empty list, nothing. Pure.
 */
final class PolicyMatches {
  /** The label every namespace carries with its name (kube sets it; here it is implied). */
  static final String NAME_LABEL = "kubernetes.io/metadata.name";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<PolicyPod> pods;
  private final Map<String, ObjectNode> namespaceLabels = new HashMap<>();

  PolicyMatches(List<PolicyPod> pods, List<JsonNode> namespaces) {
    this.pods = pods;
    for (JsonNode ns : namespaces) {
      ObjectNode labels = ns.path("metadata").path("labels").isObject()
          ? ((ObjectNode) ns.path("metadata").path("labels")).deepCopy() : JSON.createObjectNode();
      String name = ns.path("metadata").path("name").asText();
      labels.put(NAME_LABEL, name);
      namespaceLabels.put(name, labels);
    }
  }

  /** What the rules read of a namespace: its name and labels. */
  static JsonNode keptNamespace(JsonNode ns) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("name", ns.path("metadata").path("name").asText());
    if (ns.path("metadata").path("labels").isObject()) {
      meta.set("labels", ns.path("metadata").path("labels"));
    }
    ObjectNode kept = JSON.createObjectNode();
    kept.set("metadata", meta);
    return kept;
  }

  /**
   * The matches of {@code peers} (a rule's {@code from} or {@code to}) of a policy in
   * {@code namespace}, on the packet's {@code saddr} or {@code daddr}.
   */
  List<String> peers(String namespace, JsonNode peers, String direction) {
    if (!peers.isArray() || peers.isEmpty()) {
      return List.of("");
    }
    List<String> matches = new ArrayList<>();
    for (JsonNode peer : peers) {
      if (peer.has("ipBlock")) {
        matches.add(ipBlock(peer.path("ipBlock"), direction));
      } else {
        selected(namespace, peer).ifPresent(ips -> matches.add("ip " + direction + " { " + ips + " }"));
      }
    }
    return matches;
  }

  private static String ipBlock(JsonNode block, String direction) {
    String cidr = block.path("cidr").asText();
    String family = cidr.contains(":") ? "ip6" : "ip";
    StringBuilder m = new StringBuilder(family + " " + direction + " " + cidr);
    List<String> except = new ArrayList<>();
    block.path("except").forEach(e -> except.add(e.asText()));
    if (!except.isEmpty()) {
      m.append(' ').append(family).append(' ').append(direction).append(" != { ")
          .append(String.join(", ", except)).append(" }");
    }
    return m.toString();
  }

  /** The addresses of the pods a selector peer picks, comma-separated; empty for none. */
  private Optional<String> selected(String namespace, JsonNode peer) {
    LabelSelector pods;
    LabelSelector namespaces;
    try {
      pods = peer.has("podSelector") ? LabelSelector.fromJson(peer.path("podSelector"))
          : LabelSelector.everything();
      namespaces = peer.has("namespaceSelector")
          ? LabelSelector.fromJson(peer.path("namespaceSelector")) : null;
    } catch (SelectorException e) {
      return Optional.empty(); // the API refuses such a peer; one that got in selects nothing
    }
    List<String> ips = new ArrayList<>();
    for (PolicyPod p : this.pods) {
      boolean inNamespace = namespaces == null ? p.namespace().equals(namespace)
          : namespaces.matches(labelsOf(p.namespace()));
      if (inNamespace && pods.matches(p.labels())) {
        ips.add(p.ip());
      }
    }
    return ips.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", ips));
  }

  private ObjectNode labelsOf(String namespace) {
    return namespaceLabels.computeIfAbsent(namespace, n -> JSON.createObjectNode().put(NAME_LABEL, n));
  }

  /**
   * The matches of {@code ports} (a rule's {@code ports}); a named port resolved against the
   * container ports of {@code owners}, the pods the packet may be headed to.
   */
  static List<String> ports(JsonNode ports, List<PolicyPod> owners) {
    if (!ports.isArray() || ports.isEmpty()) {
      return List.of("");
    }
    List<String> matches = new ArrayList<>();
    for (JsonNode port : ports) {
      String protocol = port.path("protocol").asText("TCP");
      String proto = "meta l4proto " + protocol.toLowerCase(Locale.ROOT);
      JsonNode number = port.path("port");
      if (number.isMissingNode() || number.isNull()) {
        matches.add(proto);
      } else if (number.isTextual()) {
        List<String> pairs = new ArrayList<>();
        for (PolicyPod p : owners) {
          p.port(number.asText(), protocol).ifPresent(n -> pairs.add(p.ip() + " . " + n));
        }
        if (!pairs.isEmpty()) {
          matches.add(proto + " ip daddr . th dport { " + String.join(", ", pairs) + " }");
        }
      } else if (port.has("endPort")) {
        matches.add(proto + " th dport " + number.asInt() + "-" + port.path("endPort").asInt());
      } else {
        matches.add(proto + " th dport " + number.asInt());
      }
    }
    return matches;
  }
}
