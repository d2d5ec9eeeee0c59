package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.List;

/**
 * A NetworkPolicy ({@code ValidateNetworkPolicySpec}): its pod selector, each rule's ports
 * (protocol, port number or name, endPort) and peers (one of pod or namespace selector, or an
 * ipBlock alone), and policyTypes Ingress or Egress.
 */
final class NetworkPolicyValidator implements KindValidator {

  private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
  private static final List<String> TYPES = List.of("Ingress", "Egress");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    LabelSelectors.validate(spec.path("podSelector"), "spec.podSelector", errors);
    rules(spec.path("ingress"), "spec.ingress", "from", errors);
    rules(spec.path("egress"), "spec.egress", "to", errors);
    JsonNode types = spec.path("policyTypes");
    if (types.size() > TYPES.size()) {
      errors.invalid("spec.policyTypes", new GoStructs.Text("&[]networking.PolicyType{...}"),
          "may not specify more than two policyTypes");
      return;
    }
    for (int i = 0; i < types.size(); i++) {
      if (!TYPES.contains(types.get(i).asText())) {
        errors.notSupported("spec.policyTypes[" + i + "]", types.get(i).asText(), TYPES);
      }
    }
  }

  private static void rules(JsonNode rules, String path, String peers, FieldErrors errors) {
    for (int i = 0; i < rules.size(); i++) {
      String rulePath = path + "[" + i + "]";
      JsonNode ports = rules.get(i).path("ports");
      for (int p = 0; p < ports.size(); p++) {
        port(ports.get(p), rulePath + ".ports[" + p + "]", errors);
      }
      JsonNode list = rules.get(i).path(peers);
      for (int p = 0; p < list.size(); p++) {
        peer(list.get(p), rulePath + "." + peers + "[" + p + "]", errors);
      }
    }
  }

  private static void port(JsonNode port, String path, FieldErrors errors) {
    if (Fields.has(port, "protocol") && !PROTOCOLS.contains(port.get("protocol").asText())) {
      errors.notSupported(path + ".protocol", port.get("protocol").asText(), PROTOCOLS);
    }
    boolean end = Fields.has(port, "endPort");
    long endPort = port.path("endPort").asLong(0);
    if (!Fields.has(port, "port")) {
      if (end) {
        errors.invalid(path + ".endPort", endPort, "may not be specified when `port` is not specified");
      }
      return;
    }
    JsonNode p = port.get("port");
    if (p.isTextual()) {
      if (end) {
        errors.invalid(path + ".endPort", endPort, "may not be specified when `port` is non-numeric");
      }
      Names.check(Names.isPortName(p.textValue()), path + ".port", p.textValue(), errors);
      return;
    }
    Names.check(Names.isPortNumber(p.asLong()), path + ".port", p.asLong(), errors);
    if (end) {
      if (endPort < p.asLong()) {
        errors.invalid(path + ".endPort", p.asLong(), "must be greater than or equal to `port`");
      }
      Names.check(Names.isPortNumber(endPort), path + ".endPort", endPort, errors);
    }
  }

  private static void peer(JsonNode peer, String path, FieldErrors errors) {
    int count = 0;
    if (Fields.has(peer, "podSelector")) {
      count++;
      LabelSelectors.validate(peer.get("podSelector"), path + ".podSelector", errors);
    }
    if (Fields.has(peer, "namespaceSelector")) {
      count++;
      LabelSelectors.validate(peer.get("namespaceSelector"), path + ".namespaceSelector", errors);
    }
    boolean ipBlock = Fields.has(peer, "ipBlock");
    if (ipBlock) {
      count++;
      IpBlocks.validate(peer.get("ipBlock"), path + ".ipBlock", errors);
    }
    if (count == 0) {
      errors.required(path, "must specify a peer");
    } else if (count > 1 && ipBlock) {
      errors.forbidden(path, "may not specify both ipBlock and another peer");
    }
  }
}
