package io.logplane.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * As kube-controller-manager's endpointslice controller: the selected pods of each Service with
 * a selector as {@code discovery.k8s.io/v1} EndpointSlices (IPv4), at most 100 endpoints each,
 * terminating ones included with their conditions, owned by the Service (so they go with it),
 * labelled {@code kubernetes.io/service-name}. Slices are rewritten only when they change.
 */
public final class EndpointSliceController implements Reconciler {

  static final String SLICES = "discovery.k8s.io/endpointslices/";
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER = "endpointslice-controller.k8s.io";
  static final int MAX_ENDPOINTS = 100;
  private static final String BY_SERVICE = "service";

  private final ServicePods cache;
  private final Informer slices;
  private final ObjectWriter writer;

  private EndpointSliceController(ControllerContext ctx, ServicePods cache) {
    this.cache = cache;
    this.slices = ctx.informers().informer(SLICES);
    slices.addIndex(BY_SERVICE, s -> CONTROLLER.equals(s.path("metadata").path("labels").path(MANAGED_BY).asText())
        ? List.of(Metadata.text(s, "namespace") + "/" + s.path("metadata").path("labels").path(SERVICE_NAME).asText())
        : List.of());
    this.writer = ctx.writer("endpointslice-controller");
  }

  public static Controller controller(ControllerContext ctx) {
    ServicePods cache = new ServicePods(ctx);
    return cache.declare("endpointslice").build(new EndpointSliceController(ctx, cache));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    Key svcKey = Key.parse(key);
    ObjectNode svc = cache.services.get(key);
    List<ObjectNode> existing = new ArrayList<>(slices.byIndex(BY_SERVICE, svcKey.namespace() + "/" + svcKey.name()));
    existing.sort(Comparator.comparing(s -> Metadata.text(s, "name")));
    List<ObjectNode> desired = svc == null || !Selection.selects(svc) ? List.of()
        : desired(svc, Selection.backends(svc, cache.podsIn(svcKey.namespace())), svcKey.namespace());
    for (int i = 0; i < Math.max(existing.size(), desired.size()); i++) {
      if (i >= desired.size()) {
        ObjectNode gone = existing.get(i);
        writer.delete(key(svcKey.namespace(), Metadata.text(gone, "name")), Metadata.uid(gone), null).join();
      } else if (i >= existing.size()) {
        ObjectNode slice = desired.get(i);
        ObjectNode meta = (ObjectNode) slice.get("metadata");
        meta.put("generateName", svcKey.name() + "-");
        meta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Service")
            .put("name", svcKey.name()).put("uid", Metadata.uid(svc)).put("controller", true)
            .put("blockOwnerDeletion", true);
        writer.create(key(svcKey.namespace(), ""), slice).join();
      } else if (differs(existing.get(i), desired.get(i))) {
        ObjectNode next = existing.get(i).deepCopy();
        ((ObjectNode) next.get("metadata")).set("labels", desired.get(i).path("metadata").get("labels"));
        for (String f : new String[] {"addressType", "endpoints", "ports"}) {
          next.set(f, desired.get(i).get(f));
        }
        writer.update(key(svcKey.namespace(), Metadata.text(next, "name")), next).join();
      }
    }
    return Result.DONE;
  }

  private static Key key(String namespace, String name) {
    return new Key("discovery.k8s.io", "endpointslices", namespace, name);
  }

  private static boolean differs(JsonNode current, JsonNode desired) {
    for (String f : new String[] {"addressType", "endpoints", "ports"}) {
      if (!desired.path(f).equals(current.path(f))) {
        return true;
      }
    }
    return !desired.path("metadata").path("labels").equals(current.path("metadata").path("labels"));
  }

  /** The slices the backends make: grouped by resolved ports, cut at {@link #MAX_ENDPOINTS}. */
  static List<ObjectNode> desired(JsonNode svc, List<Backend> backends, String namespace) {
    Map<List<Backend.Port>, List<Backend>> byPorts = new LinkedHashMap<>();
    for (Backend b : backends) {
      byPorts.computeIfAbsent(b.ports(), p -> new ArrayList<>()).add(b);
    }
    List<ObjectNode> slices = new ArrayList<>();
    byPorts.forEach((ports, group) -> {
      for (int from = 0; from < group.size(); from += MAX_ENDPOINTS) {
        slices.add(slice(svc, ports, group.subList(from, Math.min(group.size(), from + MAX_ENDPOINTS)), namespace));
      }
    });
    if (slices.isEmpty()) {
      slices.add(slice(svc, Selection.ports(svc, JsonNodeFactory.instance.objectNode()), List.of(), namespace));
    }
    return slices;
  }

  private static ObjectNode slice(JsonNode svc, List<Backend.Port> ports, List<Backend> group, String namespace) {
    ObjectNode slice = JsonNodeFactory.instance.objectNode().put("apiVersion", "discovery.k8s.io/v1")
        .put("kind", "EndpointSlice");
    ObjectNode labels = EndpointsController.labels(svc);
    labels.put(SERVICE_NAME, Metadata.text(svc, "name")).put(MANAGED_BY, CONTROLLER);
    slice.putObject("metadata").put("namespace", namespace).set("labels", labels);
    slice.put("addressType", "IPv4");
    ArrayNode endpoints = slice.putArray("endpoints");
    for (Backend b : group) {
      ObjectNode e = endpoints.addObject();
      e.putArray("addresses").add(b.ip());
      e.putObject("conditions").put("ready", b.ready()).put("serving", b.serving()).put("terminating", b.terminating());
      if (!b.hostname().isEmpty()) {
        e.put("hostname", b.hostname());
      }
      if (!b.node().isEmpty()) {
        e.put("nodeName", b.node());
      }
      e.set("targetRef", b.targetRef(namespace));
    }
    ArrayNode list = slice.putArray("ports");
    for (Backend.Port p : ports) {
      ObjectNode port = list.addObject().put("name", p.name()).put("port", p.port()).put("protocol", p.protocol());
      if (p.appProtocol() != null) {
        port.put("appProtocol", p.appProtocol());
      }
    }
    return slice;
  }
}
