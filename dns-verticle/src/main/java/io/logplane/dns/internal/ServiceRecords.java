package io.logplane.dns.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.dns.internal.ClusterState.Endpoint;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * The records of one Service's names. Each method returns null when the name does not exist
 * (NXDOMAIN), an empty list when it exists without records of the type asked (NODATA).
 */
final class ServiceRecords {

  private final ObjectNode svc;
  private final Name owner;
  private final Name svcName;
  private final ClusterState state;

  /**
   * @param owner the name asked (the owner of the answers)
   * @param svcName {@code svc.ns.svc.<domain>}
   */
  ServiceRecords(ObjectNode svc, Name owner, Name svcName, ClusterState state) {
    this.svc = svc;
    this.owner = owner;
    this.svcName = svcName;
    this.state = state;
  }

  /** An endpoint's label: its hostname, or its address with dashes (as CoreDNS names one without). */
  static String hostLabel(String hostname, String ip) {
    return hostname.isEmpty() ? ip.replace('.', '-').replace(':', '-') : hostname;
  }

  private JsonNode spec() {
    return svc.path("spec");
  }

  private boolean externalName() {
    return spec().path("type").asText("").equals("ExternalName");
  }

  private boolean headless() {
    return spec().path("clusterIP").asText("").equals("None");
  }

  private String namespace() {
    return svc.path("metadata").path("namespace").asText();
  }

  private String name() {
    return svc.path("metadata").path("name").asText();
  }

  /** {@code svc.ns.svc.<domain>}. */
  List<Record> forService(int type, List<Record> extra) {
    if (externalName()) {
      return cname();
    }
    if (type == Type.SRV) {
      List<Record> out = new ArrayList<>();
      for (JsonNode p : spec().path("ports")) {
        out.addAll(srv(p, extra));
      }
      return out;
    }
    List<Record> out = new ArrayList<>();
    if (headless()) {
      for (Endpoint e : state.endpoints(namespace(), name())) {
        if (e.ready()) {
          address(owner, e.ip(), type, out);
        }
      }
    } else {
      for (JsonNode ip : spec().path("clusterIPs")) {
        address(owner, ip.asText(), type, out);
      }
      if (!spec().has("clusterIPs")) {
        address(owner, spec().path("clusterIP").asText(""), type, out);
      }
    }
    return out;
  }

  /** {@code host.svc.ns.svc.<domain>}: the endpoint with that hostname (or dashed address). */
  List<Record> forEndpoint(String label, int type) {
    if (externalName()) {
      return null;
    }
    List<Record> out = null;
    for (Endpoint e : state.endpoints(namespace(), name())) {
      if (ClusterZone.lower(hostLabel(e.hostname(), e.ip())).equals(ClusterZone.lower(label))) {
        out = out == null ? new ArrayList<>() : out;
        address(owner, e.ip(), type, out);
      }
    }
    return out;
  }

  /** {@code _port._proto.svc.ns.svc.<domain>}: SRV for a named port of that protocol. */
  List<Record> forPort(String port, String proto, int type, List<Record> extra) {
    if (externalName()) {
      return null;
    }
    List<Record> out = null;
    for (JsonNode p : spec().path("ports")) {
      if (ClusterZone.lower(p.path("name").asText("")).equals(ClusterZone.lower(port))
          && ClusterZone.lower(p.path("protocol").asText("TCP")).equals(ClusterZone.lower(proto))) {
        out = out == null ? new ArrayList<>() : out;
        if (type == Type.SRV || type == Type.ANY) {
          out.addAll(srv(p, extra));
        }
      }
    }
    return out;
  }

  /**
   * A port's SRV records: one to the Service's name for a cluster IP, one per ready endpoint
   * (to its name, at the endpoint's port) for a headless Service; their A records as extras.
   */
  private List<Record> srv(JsonNode port, List<Record> extra) {
    List<Record> out = new ArrayList<>();
    if (!headless()) {
      out.add(new SRVRecord(owner, DClass.IN, Replies.TTL, 0, 100, port.path("port").asInt(), svcName));
      for (JsonNode ip : spec().path("clusterIPs")) {
        address(svcName, ip.asText(), Type.ANY, extra);
      }
      return out;
    }
    List<Endpoint> ready = state.endpoints(namespace(), name()).stream().filter(Endpoint::ready).toList();
    for (Endpoint e : ready) {
      Integer at = e.ports().get(port.path("name").asText(""));
      if (at == null) {
        continue;
      }
      Name target = Names.of(svcName, hostLabel(e.hostname(), e.ip()));
      out.add(new SRVRecord(owner, DClass.IN, Replies.TTL, 0, 100 / ready.size(), at, target));
      address(target, e.ip(), Type.ANY, extra);
    }
    return out;
  }

  private List<Record> cname() {
    Name target = Names.absolute(spec().path("externalName").asText(""));
    return new ArrayList<>(List.of(new CNAMERecord(owner, DClass.IN, Replies.TTL, target)));
  }

  /** Adds the A (or AAAA) record of an address when the type asked takes it. */
  private static void address(Name owner, String ip, int type, List<Record> out) {
    InetAddress a = Names.literal(ip);
    if (a instanceof Inet4Address && (type == Type.A || type == Type.ANY)) {
      out.add(new ARecord(owner, DClass.IN, Replies.TTL, a));
    } else if (a instanceof Inet6Address && (type == Type.AAAA || type == Type.ANY)) {
      out.add(new AAAARecord(owner, DClass.IN, Replies.TTL, a));
    }
  }
}
