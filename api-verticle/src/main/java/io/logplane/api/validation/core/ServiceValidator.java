package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;

/** A Service: its type, ports, selector and cluster IPs. */
final class ServiceValidator implements KindValidator {

  @Override
  public void validate(ObjectNode service, FieldErrors errors) {
    JsonNode spec = service.path("spec");
    String type = spec.path("type").asText("ClusterIP");
    if (!type.equals("ExternalName") && !"None".equals(spec.path("clusterIP").asText()) && spec.path("ports").isEmpty()) {
      errors.required("spec.ports", null);
    }
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      long port = ports.get(i).path("port").asLong(0);
      Names.check(Names.isPortNumber(port), "spec.ports[" + i + "].port", port, errors);
    }
  }
}
