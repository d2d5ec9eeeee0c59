package io.logplane.dns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import java.util.function.Function;

/**
 * The {@code kube-dns} Service of {@code kube-system}, which pods are pointed at: a cluster IP
 * of its own (the tenth address of the Service CIDR, the kubeadm convention), port 53 over UDP and TCP, and no
 * selector: its Endpoints and EndpointSlice name the address and port the DNS listens on for
 * pods, so the service proxy brings a pod's queries there as for any Service. Made when
 * missing; the endpoints rewritten when the DNS's address changed.
 */
public final class KubeDns {

  public static final String NAMESPACE = "kube-system";
  public static final String NAME = "kube-dns";
  /** The user the DNS writes its Service as. */
  public static final String USER = "system:kube-dns";

  private static final Key SERVICE = new Key("core", "services", NAMESPACE, NAME);
  private static final Key ENDPOINTS = new Key("core", "endpoints", NAMESPACE, NAME);
  private static final Key SLICE = new Key("discovery.k8s.io", "endpointslices", NAMESPACE, NAME);

  private KubeDns() {}

  /**
   * Makes the Service and points its endpoints at {@code ip:port}, blocking until written.
   *
   * @param read the stored object at a key, or null
   * @param clusterIp the Service's cluster IP
   */
  public static void ensure(ObjectWriter writer, Function<Key, ObjectNode> read, String clusterIp, String ip,
      int port) throws Exception {
    try {
      if (read.apply(SERVICE) == null) {
        writer.create(SERVICE, service(clusterIp, port)).get();
      }
      put(writer, read, ENDPOINTS, endpoints(ip, port));
      put(writer, read, SLICE, slice(ip, port));
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof io.logplane.projections.WriteRefused)) {
        throw e;
      }
      // Another server wrote them meanwhile (replicas starting together): theirs stands.
      org.slf4j.LoggerFactory.getLogger(KubeDns.class).info("kube-dns left as another server wrote it: {}",
          e.getCause().getMessage());
    }
  }

  private static void put(ObjectWriter writer, Function<Key, ObjectNode> read, Key key, ObjectNode wanted)
      throws Exception {
    ObjectNode current = read.apply(key);
    if (current == null) {
      writer.create(key, wanted).get();
      return;
    }
    String field = key.resource().equals("endpoints") ? "subsets" : "endpoints";
    if (!current.path(field).equals(wanted.path(field)) || !current.path("ports").equals(wanted.path("ports"))) {
      wanted.set("metadata", current.get("metadata").deepCopy());
      writer.update(key, wanted).get();
    }
  }

  private static ObjectNode meta(ObjectNode o) {
    ObjectNode m = o.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
    m.putObject("labels").put("k8s-app", "kube-dns").put("kubernetes.io/name", "CoreDNS")
        .put("kubernetes.io/cluster-service", "true");
    return m;
  }

  static ObjectNode service(String clusterIp, int port) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
    meta(o);
    ObjectNode spec = o.putObject("spec").put("type", "ClusterIP").put("clusterIP", clusterIp)
        .put("sessionAffinity", "None").put("ipFamilyPolicy", "SingleStack").put("internalTrafficPolicy", "Cluster");
    spec.putArray("clusterIPs").add(clusterIp);
    spec.putArray("ipFamilies").add("IPv4");
    ArrayNode ports = spec.putArray("ports");
    ports.addObject().put("name", "dns").put("protocol", "UDP").put("port", 53).put("targetPort", port);
    ports.addObject().put("name", "dns-tcp").put("protocol", "TCP").put("port", 53).put("targetPort", port);
    o.putObject("status").putObject("loadBalancer");
    return o;
  }

  static ObjectNode endpoints(String ip, int port) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Endpoints");
    meta(o);
    ObjectNode subset = o.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", ip);
    ArrayNode ports = subset.putArray("ports");
    ports.addObject().put("name", "dns").put("port", port).put("protocol", "UDP");
    ports.addObject().put("name", "dns-tcp").put("port", port).put("protocol", "TCP");
    return o;
  }

  static ObjectNode slice(String ip, int port) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "discovery.k8s.io/v1").put("kind", "EndpointSlice");
    ObjectNode labels = (ObjectNode) meta(o).get("labels");
    labels.put("kubernetes.io/service-name", NAME).put("endpointslice.kubernetes.io/managed-by", "logplane.io/dns");
    o.put("addressType", "IPv4");
    ObjectNode e = o.putArray("endpoints").addObject();
    e.putArray("addresses").add(ip);
    e.putObject("conditions").put("ready", true).put("serving", true).put("terminating", false);
    ArrayNode ports = o.putArray("ports");
    ports.addObject().put("name", "dns").put("port", port).put("protocol", "UDP");
    ports.addObject().put("name", "dns-tcp").put("port", port).put("protocol", "TCP");
    return o;
  }
}
