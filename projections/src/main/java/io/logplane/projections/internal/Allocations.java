package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Ipv4Cidr;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Outcome;

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
    String type = spec.path("type").asText("ClusterIP");
    if (type.equals("ExternalName")) {
      return null;
    }
    String ip = spec.path("clusterIP").asText("");
    if (!ip.equals("None")) {
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
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      int salt = 0;
      int index = 0;
      for (JsonNode p : spec.path("ports")) {
        ObjectNode port = (ObjectNode) p;
        int n = port.path("nodePort").asInt(0);
        if (n == 0) {
          n = freePort(salt++);
        } else if (tx.get(portKey(n)) != null) {
          return invalid("spec.ports[" + index + "].nodePort", Integer.toString(n), "provided port is already allocated");
        }
        index++;
        take(portKey(n), serviceKey);
        port.put("nodePort", n);
      }
    }
    return null;
  }

  private static Outcome.Cause invalid(String field, String value, String detail) {
    return new Outcome.Cause("FieldValueInvalid", field, "Invalid value: " + value + ": " + detail);
  }

  /** Keeps the allocations of the current Service in an update (they are immutable). */
  public static Outcome.Cause keep(ObjectNode current, ObjectNode next) {
    JsonNode cur = current.path("spec");
    if (!(next.path("spec") instanceof ObjectNode spec) || !cur.has("clusterIP")) {
      return null;
    }
    String asked = spec.path("clusterIP").asText("");
    if (!asked.isEmpty() && !asked.equals(cur.get("clusterIP").asText())) {
      return invalid("spec.clusterIPs[0]", "\"" + asked + "\"", "may not change once set");
    }
    spec.set("clusterIP", cur.get("clusterIP"));
    if (cur.has("clusterIPs")) {
      spec.set("clusterIPs", cur.get("clusterIPs"));
    }
    JsonNode ports = spec.path("ports");
    if (ports instanceof ArrayNode list) {
      for (JsonNode p : list) {
        for (JsonNode old : cur.path("ports")) {
          if (!p.has("nodePort") && old.has("nodePort") && old.path("port").equals(p.path("port"))) {
            ((ObjectNode) p).set("nodePort", old.get("nodePort"));
          }
        }
      }
    }
    return null;
  }

  /** Releases what a deleted Service held. */
  public void release(ObjectNode service) {
    String ip = service.path("spec").path("clusterIP").asText("");
    if (!ip.isEmpty() && !ip.equals("None") && tx.get(ipKey(ip)) != null) {
      tx.remove(ipKey(ip), tx.get(ipKey(ip)).deepCopy());
    }
    for (JsonNode p : service.path("spec").path("ports")) {
      int n = p.path("nodePort").asInt(0);
      if (n > 0 && tx.get(portKey(n)) != null) {
        tx.remove(portKey(n), tx.get(portKey(n)).deepCopy());
      }
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
    return PORT_BASE;
  }

  private static long mix(long offset, int attempt) {
    return Names.mix(offset, attempt) & Long.MAX_VALUE;
  }
}
