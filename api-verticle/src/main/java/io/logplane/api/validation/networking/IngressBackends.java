package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Fields;

/**
 * An Ingress backend ({@code validateIngressBackend}): a service (a name and a port given by
 * number or by name, not both) or a resource reference, exactly one of them.
 */
final class IngressBackends {

  private IngressBackends() {}

  static void validate(JsonNode backend, String path, FieldErrors errors) {
    boolean resource = Fields.has(backend, "resource");
    boolean service = Fields.has(backend, "service");
    if (resource && service) {
      errors.invalid(path, "", "cannot set both resource and service backends");
    } else if (resource) {
      References.typedLocal(backend.get("resource"), path + ".resource", errors);
    } else if (service) {
      service(backend.get("service"), path, errors);
    } else {
      errors.invalid(path, "", "resource or service backend is required");
    }
  }

  private static void service(JsonNode s, String path, FieldErrors errors) {
    String name = s.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(path + ".service.name", null);
    } else {
      Names.check(Names.isDns1035Label(name), path + ".service.name", name, errors);
    }
    String portName = s.path("port").path("name").asText("");
    long number = s.path("port").path("number").asLong(0);
    if (!portName.isEmpty() && number != 0) {
      errors.invalid(path, "", "cannot set both port name & port number");
    } else if (!portName.isEmpty()) {
      Names.check(Names.isPortName(portName), path + ".service.port.name", portName, errors);
    } else if (number != 0) {
      Names.check(Names.isPortNumber(number), path + ".service.port.number", number, errors);
    } else {
      errors.required(path, "port name or number is required");
    }
  }
}
