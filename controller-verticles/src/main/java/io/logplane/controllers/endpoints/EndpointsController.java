package io.logplane.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * As kube-controller-manager's endpoints controller: the {@code Endpoints} of each Service with a
 * selector lists the selected pods' addresses (ready ones in {@code addresses}, others in
 * {@code notReadyAddresses}, terminating ones left out), in subsets of pods that resolve the
 * ports alike; written only when it changes, deleted with the Service.
 */
public final class EndpointsController implements Reconciler {

  static final String ENDPOINTS = "core/endpoints/";

  private final ServicePods cache;
  private final Informer endpoints;
  private final ObjectWriter writer;

  private EndpointsController(ControllerContext ctx, ServicePods cache) {
    this.cache = cache;
    this.endpoints = ctx.informers().informer(ENDPOINTS);
    this.writer = ctx.writer("endpoint-controller");
  }

  public static Controller controller(ControllerContext ctx) {
    ServicePods cache = new ServicePods(ctx);
    return cache.declare("endpoints").build(new EndpointsController(ctx, cache));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    Key svcKey = Key.parse(key);
    Key epKey = new Key("core", "endpoints", svcKey.namespace(), svcKey.name());
    ObjectNode svc = cache.services.get(key);
    ObjectNode current = endpoints.get(epKey.toString());
    if (svc == null) {
      if (current != null) {
        writer.delete(epKey, null, null).join();
      }
      return Result.DONE;
    }
    if (!Selection.selects(svc)) {
      return Result.DONE;
    }
    ObjectNode labels = labels(svc);
    ArrayNode subsets = subsets(svc, Selection.backends(svc, cache.podsIn(svcKey.namespace())), svcKey.namespace());
    if (current == null) {
      ObjectNode ep = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Endpoints");
      ep.putObject("metadata").put("name", svcKey.name()).put("namespace", svcKey.namespace()).set("labels", labels);
      ep.set("subsets", subsets);
      writer.create(epKey, ep).join();
    } else if (!subsets.equals(current.path("subsets")) && !(subsets.isEmpty() && current.path("subsets").isMissingNode())
        || !labels.equals(current.path("metadata").path("labels"))) {
      ObjectNode next = current.deepCopy();
      ((ObjectNode) next.get("metadata")).set("labels", labels);
      next.set("subsets", subsets);
      writer.update(epKey, next).join();
    }
    return Result.DONE;
  }

  static ObjectNode labels(JsonNode svc) {
    ObjectNode labels = JsonNodeFactory.instance.objectNode();
    svc.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
    if ("None".equals(svc.path("spec").path("clusterIP").asText())) {
      labels.put("service.kubernetes.io/headless", "");
    }
    return labels;
  }

  /** Subsets: one per distinct set of resolved ports, in the order first met. */
  static ArrayNode subsets(JsonNode svc, List<Backend> backends, String namespace) {
    Map<List<Backend.Port>, ObjectNode> byPorts = new LinkedHashMap<>();
    boolean needsPorts = svc.path("spec").path("ports").size() > 0;
    for (Backend b : backends) {
      if (b.terminating() || needsPorts && b.ports().isEmpty()) {
        continue;
      }
      ObjectNode subset = byPorts.computeIfAbsent(b.ports(), ports -> JsonNodeFactory.instance.objectNode());
      ObjectNode address = JsonNodeFactory.instance.objectNode().put("ip", b.ip());
      if (!b.hostname().isEmpty()) {
        address.put("hostname", b.hostname());
      }
      if (!b.node().isEmpty()) {
        address.put("nodeName", b.node());
      }
      address.set("targetRef", b.targetRef(namespace));
      subset.withArray(b.ready() ? "addresses" : "notReadyAddresses").add(address);
    }
    ArrayNode subsets = JsonNodeFactory.instance.arrayNode();
    byPorts.forEach((ports, subset) -> {
      if (!ports.isEmpty()) {
        ArrayNode list = subset.putArray("ports");
        for (Backend.Port p : ports) {
          ObjectNode port = list.addObject();
          if (!p.name().isEmpty()) {
            port.put("name", p.name());
          }
          port.put("port", p.port()).put("protocol", p.protocol());
          if (p.appProtocol() != null) {
            port.put("appProtocol", p.appProtocol());
          }
        }
      }
      subsets.add(subset);
    });
    return subsets;
  }
}
