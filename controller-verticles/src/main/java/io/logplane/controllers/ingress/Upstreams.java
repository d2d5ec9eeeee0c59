package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.List;

/**
 * The ready endpoints of a backend, read from the Service and its EndpointSlices (labelled
 * {@code kubernetes.io/service-name}, whoever wrote them), as ingress-nginx sends to endpoints
 * rather than to the ClusterIP. The Service port the backend names is found by number or name;
 * the slice port of the same name gives the target port. A Service that is gone: null.
 */
final class Upstreams {

  /** One endpoint address and port. */
  record Address(String ip, int port) {}

  static final String SERVICES = "core/services/";
  static final String SLICES = "discovery.k8s.io/endpointslices/";
  private static final String SERVICE_NAME = "kubernetes.io/service-name";
  private static final String BY_SERVICE = "ingress-by-service";

  private final Informer services;
  private final Informer slices;

  Upstreams(Informers informers) {
    this.services = informers.informer(SERVICES);
    this.slices = informers.informer(SLICES);
    slices.addIndex(BY_SERVICE, s -> {
      String svc = s.path("metadata").path("labels").path(SERVICE_NAME).asText("");
      return svc.isEmpty() ? List.of() : List.of(s.path("metadata").path("namespace").asText() + "/" + svc);
    });
  }

  /** The Service of a backend, or null when it does not exist. */
  ObjectNode service(Backend b) {
    return services.get(SERVICES + b.namespace() + "/" + b.service());
  }

  /** The ready endpoints of the backend's port; null when the Service or its port does not exist. */
  List<Address> ready(Backend b) {
    ObjectNode svc = service(b);
    if (svc == null) {
      return null;
    }
    JsonNode port = null;
    for (JsonNode p : svc.path("spec").path("ports")) {
      if (b.matches(p)) {
        port = p;
      }
    }
    if (port == null) {
      return null;
    }
    String portName = port.path("name").asText("");
    List<Address> out = new ArrayList<>();
    for (ObjectNode slice : slices.byIndex(BY_SERVICE, b.namespace() + "/" + b.service())) {
      int target = -1;
      for (JsonNode p : slice.path("ports")) {
        if (portName.equals(p.path("name").asText(""))) {
          target = p.path("port").asInt(-1);
        }
      }
      if (target < 0) {
        continue;
      }
      for (JsonNode e : slice.path("endpoints")) {
        if (!e.path("conditions").path("ready").asBoolean(true)) {
          continue;
        }
        for (JsonNode a : e.path("addresses")) {
          out.add(new Address(a.asText(), target));
        }
      }
    }
    return out;
  }
}
