package io.logplane.controllers.apiservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.util.List;

/**
 * The {@code kubernetes} Service of {@code default}, as kube-apiserver's bootstrap controller makes
 * it: the first address of the Service CIDR, port 443 named {@code https} to the API's port, no
 * selector; and, as its endpoint reconciler keeps them, an Endpoints and an EndpointSlice of the
 * same name with the API server's advertised address and port. Made when missing, made again
 * when deleted, the endpoints rewritten when they say otherwise. An existing Service is left as
 * it is (kube-apiserver has not reset it since 1.17).
 */
public final class KubernetesServiceController implements Reconciler {

  /** The user kube-apiserver writes these as. */
  public static final String USER = "system:apiserver";
  static final String NAME = "kubernetes";
  static final String SERVICES = "core/services/";
  static final String ENDPOINTS = "core/endpoints/";
  static final String SLICES = "discovery.k8s.io/endpointslices/";
  static final Key SERVICE = new Key("core", "services", "default", NAME);
  private static final Key ENDPOINTS_KEY = new Key("core", "endpoints", "default", NAME);
  private static final Key SLICE_KEY = new Key("discovery.k8s.io", "endpointslices", "default", NAME);

  /**
   * Where the API is: the Service's cluster IP, and the address and port pods are sent to.
   *
   * @param clusterIp the Service CIDR's first address
   * @param address   the API server's advertised address ({@code --advertise-address})
   * @param port      the API's port (the Service's target port and the endpoints' port)
   */
  public record ApiServer(String clusterIp, String address, int port) {}

  private final Informer services;
  private final Informer endpoints;
  private final Informer slices;
  private final ObjectWriter writer;
  private final ApiServer api;

  private KubernetesServiceController(ControllerContext ctx, ApiServer api) {
    this.services = ctx.informers().informer(SERVICES);
    this.endpoints = ctx.informers().informer(ENDPOINTS);
    this.slices = ctx.informers().informer(SLICES);
    this.writer = ctx.writers().apply(USER);
    this.api = api;
  }

  /**
   * Woken by the Service and its endpoints, and by the {@code default} namespace, which every
   * cluster has: its first sight queues the Service even when there is none yet.
   */
  public static Controller controller(ControllerContext ctx, ApiServer api) {
    List<String> ours = List.of(SERVICE.toString());
    return Controller.named("kubernetes-service").reconciles(SERVICES)
        .watches(ENDPOINTS, o -> named(o) ? ours : List.of())
        .watches(SLICES, o -> named(o) ? ours : List.of())
        .watches("core/namespaces/", o -> "default".equals(Metadata.text(o, "name")) ? ours : List.of())
        .build(new KubernetesServiceController(ctx, api));
  }

  private static boolean named(JsonNode o) {
    return NAME.equals(Metadata.text(o, "name")) && "default".equals(Metadata.text(o, "namespace"));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    if (!key.equals(SERVICE.toString())) {
      return Result.DONE;
    }
    if (services.get(key) == null) {
      writer.create(SERVICE, service()).join();
    }
    put(endpoints, ENDPOINTS_KEY, endpoints(), "subsets");
    put(slices, SLICE_KEY, slice(), "endpoints");
    return Result.DONE;
  }

  private void put(Informer informer, Key key, ObjectNode wanted, String field) {
    ObjectNode current = informer.get(key.toString());
    if (current == null) {
      writer.create(key, wanted).join();
    } else if (!current.path(field).equals(wanted.path(field)) || !current.path("ports").equals(wanted.path("ports"))) {
      ObjectNode next = current.deepCopy();
      next.set(field, wanted.get(field));
      if (wanted.has("ports")) {
        next.set("ports", wanted.get("ports"));
      }
      writer.update(key, next).join();
    }
  }

  ObjectNode service() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
    o.putObject("metadata").put("name", NAME).put("namespace", "default").putObject("labels")
        .put("component", "apiserver").put("provider", "kubernetes");
    ObjectNode spec = o.putObject("spec").put("type", "ClusterIP").put("clusterIP", api.clusterIp())
        .put("sessionAffinity", "None").put("ipFamilyPolicy", "SingleStack").put("internalTrafficPolicy", "Cluster");
    spec.putArray("clusterIPs").add(api.clusterIp());
    spec.putArray("ipFamilies").add("IPv4");
    spec.putArray("ports").addObject().put("name", "https").put("protocol", "TCP").put("port", 443)
        .put("targetPort", api.port());
    o.putObject("status").putObject("loadBalancer");
    return o;
  }

  ObjectNode endpoints() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Endpoints");
    o.putObject("metadata").put("name", NAME).put("namespace", "default").putObject("labels")
        .put("endpointslice.kubernetes.io/skip-mirror", "true");
    ObjectNode subset = o.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", api.address());
    subset.putArray("ports").addObject().put("name", "https").put("port", api.port()).put("protocol", "TCP");
    return o;
  }

  ObjectNode slice() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
    o.putObject("metadata").put("name", NAME).put("namespace", "default").putObject("labels")
        .put("kubernetes.io/service-name", NAME);
    o.put("addressType", "IPv4");
    ObjectNode e = o.putArray("endpoints").addObject();
    e.putArray("addresses").add(api.address());
    e.putObject("conditions").put("ready", true);
    o.putArray("ports").addObject().put("name", "https").put("port", api.port()).put("protocol", "TCP");
    return o;
  }
}
