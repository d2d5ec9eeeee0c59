package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Labels;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.internal.GoStruct;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Service as ValidateService checks it: ports (named when there are several, names unique,
 * numbers in range, a known protocol, a target port), the selector, session affinity and type.
 * The cluster IP's immutability is the projection's to decide (it allocates the IPs).
 */
final class ServiceValidator implements KindValidator {

  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> AFFINITIES = List.of("ClientIP", "None");

  @Override
  public void validate(ObjectNode service, FieldErrors errors) {
    JsonNode spec = service.path("spec");
    String type = spec.path("type").asText("ClusterIP");
    boolean headless = "None".equals(spec.path("clusterIP").asText(""));
    JsonNode ports = spec.path("ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errors.required("spec.ports", null);
    }
    if (type.equals("ExternalName")) {
      String name = spec.path("externalName").asText("");
      if (name.isEmpty()) {
        errors.required("spec.externalName", null);
      } else {
        Names.check(Names.isDns1123Subdomain(name.endsWith(".") ? name.substring(0, name.length() - 1) : name),
            "spec.externalName", name, errors);
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, names, "spec.ports[" + i + "]", errors);
    }
    if (spec.has("selector") && !spec.get("selector").isNull()) {
      Labels.validate(spec.get("selector"), "spec.selector", errors);
    }
    String affinity = spec.path("sessionAffinity").asText("None");
    if (affinity.isEmpty()) {
      errors.required("spec.sessionAffinity", null);
    } else if (!AFFINITIES.contains(affinity)) {
      errors.notSupported("spec.sessionAffinity", affinity, AFFINITIES);
    }
    if (!TYPES.contains(type)) {
      errors.notSupported("spec.type", type, TYPES);
    }
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      String protocol = ports.get(i).path("protocol").asText("TCP");
      long port = ports.get(i).path("port").asLong(0);
      if (!keys.add(protocol + "/" + port)) {
        errors.duplicate("spec.ports[" + i + "]", GoStruct.servicePortKey(protocol, port));
      }
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
    String protocol = p.path("protocol").asText("TCP");
    if (protocol.isEmpty()) {
      errors.required(path + ".protocol", null);
    } else if (!PROTOCOLS.contains(protocol)) {
      errors.notSupported(path + ".protocol", protocol, PROTOCOLS);
    }
    JsonNode target = p.path("targetPort");
    if (target.isTextual()) {
      Names.check(Names.isPortName(target.textValue()), path + ".targetPort", target.textValue(), errors);
    } else if (target.isNumber()) {
      Names.check(Names.isPortNumber(target.asLong()), path + ".targetPort", target.asLong(), errors);
    }
    if (p.hasNonNull("appProtocol")) {
      String app = p.get("appProtocol").asText();
      Names.check(Names.isQualifiedName(app), path + ".appProtocol", app, errors);
    }
  }
}
