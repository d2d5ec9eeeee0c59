package io.logplane.controllers.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import java.util.ArrayList;
import java.util.List;

/**
 * The caches both endpoint controllers read (Services and pods by namespace) and how a pod
 * change maps to the Services that select it, before or after the change.
 */
final class ServicePods {

  static final String SERVICES = "core/services/";
  static final String PODS = "core/pods/";
  private static final String BY_NAMESPACE = "namespace";

  final Informer services;
  final Informer pods;

  ServicePods(ControllerContext ctx) {
    services = ctx.informers().informer(SERVICES);
    pods = ctx.informers().informer(PODS);
    services.addIndex(BY_NAMESPACE, s -> List.of(namespace(s)));
    pods.addIndex(BY_NAMESPACE, p -> List.of(namespace(p)));
  }

  /** A controller of Services, woken by the pods they select. */
  Controller.Builder declare(String name) {
    return Controller.named(name).reconciles(SERVICES).watches(PODS, this::servicesOf);
  }

  List<ObjectNode> podsIn(String namespace) {
    return pods.byIndex(BY_NAMESPACE, namespace);
  }

  private List<String> servicesOf(ObjectNode pod) {
    List<String> keys = new ArrayList<>();
    String ns = namespace(pod);
    for (ObjectNode svc : services.byIndex(BY_NAMESPACE, ns)) {
      if (Selection.matches(svc, pod)) {
        keys.add(SERVICES + ns + "/" + Metadata.text(svc, "name"));
      }
    }
    return keys;
  }

  private static String namespace(ObjectNode o) {
    String ns = Metadata.text(o, "namespace");
    return ns == null ? "" : ns;
  }
}
