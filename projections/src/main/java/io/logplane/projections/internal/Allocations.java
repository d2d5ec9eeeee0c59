package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Ipv4Cidr;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service cluster IPs (of the cluster's Service CIDR, {@link ClusterNetwork}) and node ports
 * (30000-32767), allocated inside apply():
 * the candidate derives from the offset, and the allocation is recorded in the state under an
 * {@code internal/...} key so every replica sees the same addresses taken. Internal keys are
 * stored but never served or watched.
 */
public final class Allocations {

  public static final String PREFIX = "internal/";
  private static final int PORT_BASE = 30000;
  private static final int PORT_SIZE = 2768;
  private static final int ATTEMPTS = 64;

  private final Tx tx;

  public Allocations(Tx tx) {
    this.tx = tx;
  }

  public static boolean isService(Key k) {
    return k.group().equals("core") && k.resource().equals("services");
  }

  private static String ipKey(String ip) {
    return PREFIX + "clusterips//" + ip;
  }

  private static String portKey(int port) {
    return PREFIX + "nodeports//" + port;
  }

  /** Allocates what a new Service needs; returns the field at fault when a requested one is taken. */
  public Outcome.Cause allocate(String serviceKey, ObjectNode service) {
    ObjectNode spec = service.path("spec") instanceof ObjectNode s ? s : service.putObject("spec");
    if (!needsClusterIp(spec)) {
      return null;
    }
    Outcome.Cause error = allocateIps(serviceKey, spec);
    if (error == null && needsNodePorts(spec)) {
      error = initNodePorts(serviceKey, spec);
    }
    if (error == null && needsHealthCheck(spec)) {
      error = allocateHealthCheck(serviceKey, spec);
    }
    return error;
  }

  /**
   * What an update of a Service takes and gives back, as kube-apiserver's Service REST does
   * (patchAllocatedValues, then allocateUpdate): values the update left out are the current ones;
   * a change to ExternalName releases the cluster IP and from it allocates one; node ports are
   * allocated for a type that needs them (and for ports added to one), released when no longer
   * used; the health check node port follows {@code externalTrafficPolicy: Local} of a
   * LoadBalancer. The cluster IP may not change otherwise.
   */
  public Outcome.Cause update(String serviceKey, ObjectNode current, ObjectNode next) {
    JsonNode cur = current.path("spec");
    if (!(next.path("spec") instanceof ObjectNode spec)) {
      return null;
    }
    patchAllocated(cur, spec);
    boolean hadIp = needsClusterIp(cur);
    boolean needsIp = needsClusterIp(spec);
    if (hadIp && needsIp && cur.has("clusterIP")) {
      String asked = spec.path("clusterIP").asText("");
      if (!asked.equals(cur.get("clusterIP").asText())) {
        return invalid("spec.clusterIPs[0]", "\"" + asked + "\"", "may not change once set");
      }
    } else if (!hadIp && needsIp) {
      Outcome.Cause error = allocateIps(serviceKey, spec);
      if (error != null) {
        return error;
      }
    } else if (hadIp && !needsIp) {
      releaseIp(serviceKey, cur.path("clusterIP").asText(""));
    }
    if (needsNodePorts(spec)) {
      Outcome.Cause error = updateNodePorts(serviceKey, cur, spec);
      if (error != null) {
        return error;
      }
    } else {
      nodePorts(cur).forEach(n -> releasePort(serviceKey, n));
    }
    if (!needsHealthCheck(cur) && needsHealthCheck(spec)) {
      return allocateHealthCheck(serviceKey, spec);
    }
    if (needsHealthCheck(cur) && !needsHealthCheck(spec)) {
      releasePort(serviceKey, cur.path("healthCheckNodePort").asInt(0));
    }
    return null;
  }

  /** Releases what a deleted Service held. */
  public void release(ObjectNode service) {
    JsonNode spec = service.path("spec");
    String ip = spec.path("clusterIP").asText("");
    if (!ip.isEmpty() && !ip.equals("None") && tx.get(ipKey(ip)) != null) {
      tx.remove(ipKey(ip), tx.get(ipKey(ip)).deepCopy());
    }
    List<Integer> ports = new ArrayList<>(nodePorts(spec));
    if (needsHealthCheck(spec)) {
      ports.add(spec.path("healthCheckNodePort").asInt(0));
    }
    for (int n : ports) {
      if (n > 0 && tx.get(portKey(n)) != null) {
        tx.remove(portKey(n), tx.get(portKey(n)).deepCopy());
      }
    }
  }

  private Outcome.Cause allocateIps(String serviceKey, ObjectNode spec) {
    String ip = spec.path("clusterIP").asText("");
    if (ip.equals("None")) {
      return null;
    }
    if (ip.isEmpty()) {
      ip = freeIp();
      if (ip == null) {
        return new Outcome.Cause("InternalError", "spec.clusterIPs",
            "Internal error: failed to allocate a serviceIP: range is full");
      }
    } else if (tx.get(ipKey(ip)) != null) {
      return invalid("spec.clusterIPs", "[]string{\"" + ip + "\"}", "failed to allocate IP " + ip
          + ": provided IP is already allocated");
    }
    take(ipKey(ip), serviceKey);
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
    return null;
  }

  /** kube's initNodePorts: ports of one number (TCP and UDP 53, say) share a node port. */
  private Outcome.Cause initNodePorts(String serviceKey, ObjectNode spec) {
    Map<Integer, Integer> byPort = new HashMap<>();
    int salt = 0;
    int index = 0;
    for (JsonNode p : spec.path("ports")) {
      ObjectNode port = (ObjectNode) p;
      int asked = port.path("nodePort").asInt(0);
      int number = port.path("port").asInt(0);
      if (asked == 0 && !allocatesNodePorts(spec)) {
        index++;
        continue;
      }
      Integer shared = byPort.get(number);
      if (shared == null) {
        int requested = requestedNodePort(number, spec.path("ports"));
        int n = requested != 0 ? requested : freePort(salt++);
        if (requested != 0 && tx.get(portKey(requested)) != null) {
          return portTaken(index, requested);
        } else if (n < 0) {
          return rangeFull();
        }
        take(portKey(n), serviceKey);
        port.put("nodePort", n);
        byPort.put(number, n);
      } else if (asked == 0) {
        port.put("nodePort", shared);
      } else if (asked != shared) {
        if (tx.get(portKey(asked)) != null) {
          return portTaken(index, asked);
        }
        take(portKey(asked), serviceKey);
      }
      index++;
    }
    return null;
  }

  /** kube's updateNodePorts: new numbers taken, missing ones allocated, unused old ones released. */
  private Outcome.Cause updateNodePorts(String serviceKey, JsonNode cur, ObjectNode spec) {
    List<Integer> old = nodePorts(cur);
    Set<Integer> taken = new HashSet<>();
    int salt = 0;
    int index = 0;
    for (JsonNode p : spec.path("ports")) {
      ObjectNode port = (ObjectNode) p;
      int n = port.path("nodePort").asInt(0);
      if (n == 0 && !allocatesNodePorts(spec)) {
        index++;
        continue;
      }
      if (n != 0) {
        if (!old.contains(n) && taken.add(n)) {
          if (tx.get(portKey(n)) != null) {
            return portTaken(index, n);
          }
          take(portKey(n), serviceKey);
        }
      } else {
        n = freePort(salt++);
        if (n < 0) {
          return rangeFull();
        }
        take(portKey(n), serviceKey);
        port.put("nodePort", n);
      }
      index++;
    }
    List<Integer> now = nodePorts(spec);
    old.stream().filter(n -> !now.contains(n)).forEach(n -> releasePort(serviceKey, n));
    return null;
  }

  private Outcome.Cause allocateHealthCheck(String serviceKey, ObjectNode spec) {
    int asked = spec.path("healthCheckNodePort").asInt(0);
    if (asked != 0 && tx.get(portKey(asked)) != null) {
      return new Outcome.Cause("InternalError", "spec.healthCheckNodePort", "Internal error: failed to allocate"
          + " requested HealthCheck NodePort " + asked + ": provided port is already allocated");
    }
    int n = asked != 0 ? asked : freePort(ATTEMPTS);
    if (n < 0) {
      return new Outcome.Cause("InternalError", "spec.healthCheckNodePort",
          "Internal error: failed to allocate a HealthCheck NodePort 0: range is full");
    }
    take(portKey(n), serviceKey);
    spec.put("healthCheckNodePort", n);
    return null;
  }

  /**
   * patchAllocatedValues: what the update left out and the current Service holds (its cluster
   * IP, a node port by the port's name, the health check node port) is kept.
   */
  private static void patchAllocated(JsonNode cur, ObjectNode spec) {
    if (needsClusterIp(cur) && needsClusterIp(spec)) {
      if (spec.path("clusterIP").asText("").isEmpty() && cur.has("clusterIP")) {
        spec.set("clusterIP", cur.get("clusterIP"));
      }
      if (spec.path("clusterIPs").isEmpty() && cur.has("clusterIPs")) {
        spec.set("clusterIPs", cur.get("clusterIPs"));
      }
    }
    if (needsNodePorts(cur) && needsNodePorts(spec)) {
      Set<Integer> used = new HashSet<>(nodePorts(cur));
      used.retainAll(nodePorts(spec));
      Map<String, Integer> byName = new HashMap<>();
      cur.path("ports").forEach(p -> byName.put(p.path("name").asText(""), p.path("nodePort").asInt(0)));
      for (JsonNode p : spec.path("ports")) {
        int old = byName.getOrDefault(p.path("name").asText(""), 0);
        if (p.path("nodePort").asInt(0) == 0 && old != 0 && !used.contains(old)) {
          ((ObjectNode) p).put("nodePort", old);
        }
      }
    }
    if (needsHealthCheck(cur) && needsHealthCheck(spec) && spec.path("healthCheckNodePort").asInt(0) == 0
        && cur.has("healthCheckNodePort")) {
      spec.set("healthCheckNodePort", cur.get("healthCheckNodePort"));
    }
  }

  private static boolean needsClusterIp(JsonNode spec) {
    return !spec.path("type").asText("ClusterIP").equals("ExternalName");
  }

  private static boolean needsNodePorts(JsonNode spec) {
    String type = spec.path("type").asText("ClusterIP");
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  /** Whether ports that ask for none get one (a LoadBalancer may say no). */
  private static boolean allocatesNodePorts(JsonNode spec) {
    String type = spec.path("type").asText("ClusterIP");
    return type.equals("NodePort") || type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true);
  }

  private static boolean needsHealthCheck(JsonNode spec) {
    return spec.path("type").asText("").equals("LoadBalancer")
        && spec.path("externalTrafficPolicy").asText("").equals("Local");
  }

  private static List<Integer> nodePorts(JsonNode spec) {
    List<Integer> ports = new ArrayList<>();
    spec.path("ports").forEach(p -> {
      if (p.path("nodePort").asInt(0) != 0) {
        ports.add(p.path("nodePort").asInt());
      }
    });
    return ports;
  }

  /** The node port asked for the first port of this number that asks one. */
  private static int requestedNodePort(int number, JsonNode ports) {
    for (JsonNode p : ports) {
      if (p.path("port").asInt(0) == number && p.path("nodePort").asInt(0) != 0) {
        return p.path("nodePort").asInt();
      }
    }
    return 0;
  }

  private static Outcome.Cause portTaken(int index, int port) {
    return invalid("spec.ports[" + index + "].nodePort", Integer.toString(port), "provided port is already allocated");
  }

  private static Outcome.Cause rangeFull() {
    return new Outcome.Cause("InternalError", "spec.ports", "Internal error: failed to allocate a nodePort: range is full");
  }

  private static Outcome.Cause invalid(String field, String value, String detail) {
    return new Outcome.Cause("FieldValueInvalid", field, "Invalid value: " + value + ": " + detail);
  }

  private void releaseIp(String owner, String ip) {
    release(owner, ipKey(ip));
  }

  private void releasePort(String owner, int port) {
    if (port > 0) {
      release(owner, portKey(port));
    }
  }

  /** Gives back what this Service holds under the key (never another's). */
  private void release(String owner, String key) {
    ObjectNode held = tx.get(key);
    if (held != null && held.path("owner").asText("").equals(owner)) {
      tx.remove(key, held.deepCopy());
    }
  }

  private void take(String key, String owner) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("owner", owner);
    o.putObject("metadata");
    tx.put(Change.Type.ADDED, key, o);
  }

  /** The Genesis record's ranges, kept in the state. */
  public void record(ClusterNetwork network) {
    if (tx.get(ClusterNetwork.KEY) == null) { // a second genesis (servers racing on an empty log) changes nothing
      tx.put(Change.Type.ADDED, ClusterNetwork.KEY, network.toObject());
    }
  }

  /**
   * A free address past the tenth of the range (the first ten are the well-known Services'),
   * derived from the offset; in the default range, the address of each offset is what it was
   * before the range could be chosen.
   */
  private String freeIp() {
    Ipv4Cidr range = ClusterNetwork.recorded(tx::get).serviceCidr();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long n = 10 + Math.floorMod(mix(tx.offset(), attempt), range.size() - 11);
      long ip = range.network() + n;
      String text = Ipv4Cidr.format(ip);
      if ((ip & 255) != 0 && (ip & 255) != 255 && tx.get(ipKey(text)) == null) {
        return text;
      }
    }
    return null;
  }

  private int freePort(int salt) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = PORT_BASE + (int) Math.floorMod(mix(tx.offset(), salt * ATTEMPTS + attempt), (long) PORT_SIZE);
      if (tx.get(portKey(port)) == null) {
        return port;
      }
    }
    for (int port = PORT_BASE; port < PORT_BASE + PORT_SIZE; port++) { // nearly full: the first free one
      if (tx.get(portKey(port)) == null) {
        return port;
      }
    }
    return -1;
  }

  private static long mix(long offset, int attempt) {
    return Names.mix(offset, attempt) & Long.MAX_VALUE;
  }
}
