package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a matched request goes: a Service's port in the Ingress's namespace, by number or by
 * name ({@code port} null: the Ingress names a resource backend, which this controller does not
 * serve). {@code ingress} is the storage key of the Ingress the rule came from.
 */
public record Backend(String ingress, String namespace, String service, int portNumber, String portName) {

  /** The backend of an IngressBackend object ({@code service.name}, {@code service.port.number|name}); null if none. */
  static Backend of(String ingress, String namespace, JsonNode backend) {
    JsonNode svc = backend.path("service");
    if (!svc.hasNonNull("name")) {
      return null;
    }
    JsonNode port = svc.path("port");
    return new Backend(ingress, namespace, svc.get("name").asText(), port.path("number").asInt(0),
        port.hasNonNull("name") ? port.get("name").asText() : null);
  }

  /** Whether a Service port ({@code ports[i]} of its spec) is the one this backend names. */
  boolean matches(JsonNode servicePort) {
    return portName != null ? portName.equals(servicePort.path("name").asText())
        : portNumber == servicePort.path("port").asInt(-1);
  }
}
