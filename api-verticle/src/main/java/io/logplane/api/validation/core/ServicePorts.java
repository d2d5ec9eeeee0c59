package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.internal.GoStruct;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Service's ports as ValidateService checks them: each port (validateServicePort), node ports
 * only where the type has them, and no two ports or node ports of one protocol alike.
 */
final class ServicePorts {

  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  /** The kubelet's port, which a LoadBalancer may not expose (cloud firewalls open it). */
  static final long KUBELET_PORT = 10250;

  private ServicePorts() {}

  static void each(JsonNode ports, FieldErrors errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, names, "spec.ports[" + i + "]", errors);
    }
  }

  private static void port(JsonNode p, boolean requireName, Set<String> names, String path, FieldErrors errors) {
    String name = p.path("name").asText("");
    if (requireName && name.isEmpty()) {
      errors.required(path + ".name", null);
    } else if (!name.isEmpty()) {
      Names.check(Names.isDns1123Label(name), path + ".name", name, errors);
      if (!names.add(name)) {
        errors.duplicate(path + ".name", name);
      }
    }
    long port = p.path("port").asLong(0);
    Names.check(Names.isPortNumber(port), path + ".port", port, errors);
    String protocol = p.path("protocol").asText("");
    if (protocol.isEmpty()) {
      errors.required(path + ".protocol", null);
    } else if (!PROTOCOLS.contains(protocol)) {
      errors.notSupported(path + ".protocol", protocol, PROTOCOLS);
    }
    JsonNode target = p.path("targetPort");
    if (target.isTextual()) {
      Names.check(Names.isPortName(target.textValue()), path + ".targetPort", target.textValue(), errors);
    } else {
      Names.check(Names.isPortNumber(target.asLong(0)), path + ".targetPort", target.asLong(0), errors);
    }
    if (p.hasNonNull("appProtocol")) {
      String app = p.get("appProtocol").asText();
      Names.check(Names.isQualifiedName(app), path + ".appProtocol", app, errors);
    }
  }

  /** A LoadBalancer does not expose the kubelet's port. */
  static void loadBalancer(JsonNode ports, FieldErrors errors) {
    for (int i = 0; i < ports.size(); i++) {
      long port = ports.get(i).path("port").asLong(0);
      if (port == KUBELET_PORT) {
        errors.invalid("spec.ports[" + i + "]", port, "may not expose port " + KUBELET_PORT
            + " externally since it is used by kubelet");
      }
    }
  }

  /** After the type's rules: node ports of a ClusterIP service, then duplicates. */
  static void across(JsonNode ports, String type, FieldErrors errors) {
    for (int i = 0; type.equals("ClusterIP") && i < ports.size(); i++) {
      if (ports.get(i).path("nodePort").asLong(0) != 0) {
        errors.forbidden("spec.ports[" + i + "].nodePort", "may not be used when `type` is 'ClusterIP'");
      }
    }
    Set<String> nodePorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      long nodePort = ports.get(i).path("nodePort").asLong(0);
      if (nodePort != 0 && !nodePorts.add(ports.get(i).path("protocol").asText("") + "/" + nodePort)) {
        errors.duplicate("spec.ports[" + i + "].nodePort", nodePort);
      }
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = ports.get(i).path("protocol").asText("");
      long port = ports.get(i).path("port").asLong(0);
      if (!keys.add(protocol + "/" + port)) {
        errors.duplicate("spec.ports[" + i + "]", GoStruct.servicePortKey(protocol, port));
      }
    }
  }
}
