package io.logplane.node.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the policy rules need of a pod: its namespace, name, labels, node, IPv4 address and
 * container ports. Only pods on the pod network with an address and not finished take part in
 * network policy, as a CNI's policy agent sees them: host-network pods share the node's address,
 * and a Succeeded or Failed pod's address may be another pod's already.
 */
record PolicyPod(String namespace, String name, JsonNode labels, String nodeName, String ip,
    JsonNode containers) {

  /** The pod, or empty when it takes no part in network policy. */
  static Optional<PolicyPod> of(JsonNode pod) {
    JsonNode spec = pod.path("spec");
    String phase = pod.path("status").path("phase").asText();
    String ip = pod.path("status").path("podIP").asText();
    if (spec.path("hostNetwork").asBoolean(false) || ip.isEmpty() || ip.contains(":")
        || phase.equals("Succeeded") || phase.equals("Failed")) {
      return Optional.empty();
    }
    JsonNode meta = pod.path("metadata");
    return Optional.of(new PolicyPod(meta.path("namespace").asText(), meta.path("name").asText(),
        meta.path("labels"), spec.path("nodeName").asText(), ip, spec.path("containers")));
  }

  /**
   * What the rules read of {@code pod}, in its own shape (so {@link #of} reads it the same), or
   * null when it takes no part: a pending pod, a finished one, one on the host's network.
   */
  static JsonNode kept(JsonNode pod) {
    Optional<PolicyPod> p = of(pod);
    if (p.isEmpty()) {
      return null;
    }
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    ObjectNode meta = kept.putObject("metadata").put("namespace", p.get().namespace()).put("name", p.get().name());
    if (p.get().labels().isObject()) {
      meta.set("labels", p.get().labels());
    }
    ObjectNode spec = kept.putObject("spec").put("nodeName", p.get().nodeName());
    ArrayNode containers = spec.putArray("containers");
    for (JsonNode c : p.get().containers()) {
      if (c.path("ports").isArray() && !c.path("ports").isEmpty()) {
        containers.addObject().set("ports", c.path("ports"));
      }
    }
    kept.putObject("status").put("podIP", p.get().ip()).put("phase", pod.path("status").path("phase").asText());
    return kept;
  }

  static List<PolicyPod> all(List<JsonNode> pods) {
    List<PolicyPod> all = new ArrayList<>();
    pods.forEach(p -> of(p).ifPresent(all::add));
    all.sort(java.util.Comparator.comparing(PolicyPod::ip)); // a stable order: stable rules
    return all;
  }

  /** The number of the container port named {@code name} for {@code protocol}, if any. */
  Optional<Integer> port(String name, String protocol) {
    for (JsonNode c : containers) {
      for (JsonNode p : c.path("ports")) {
        if (p.path("name").asText().equals(name) && p.path("protocol").asText("TCP").equals(protocol)) {
          return Optional.of(p.path("containerPort").asInt());
        }
      }
    }
    return Optional.empty();
  }
}
