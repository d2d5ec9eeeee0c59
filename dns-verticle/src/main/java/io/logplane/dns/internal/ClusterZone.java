package io.logplane.dns.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers for names under the cluster domain, as CoreDNS's kubernetes plugin gives them (the
 * Kubernetes DNS specification): {@code svc.ns.svc.<domain>} A/AAAA (a Service's cluster IP,
 * a headless Service's ready endpoints, an ExternalName's CNAME), {@code host.svc.ns.svc.<domain>}
 * for an endpoint's hostname, SRV for {@code _port._proto.svc.ns.svc.<domain>},
 * {@code a-b-c-d.ns.pod.<domain>} A; NXDOMAIN for a name that does not exist and NODATA for one
 * that exists without records of the type asked. Pure over the {@link ClusterState} it reads.
 */
public final class ClusterZone {

  private final Name zone;
  private final ClusterState state;

  public ClusterZone(String domain, ClusterState state) {
    this.zone = Names.absolute(domain);
    this.state = state;
  }

  public Name zone() {
    return zone;
  }

  /** Whether a name is the zone's or below it. */
  public boolean covers(Name name) {
    return name.subdomain(zone);
  }

  /** The answer to a query (one question, class IN) for a name the zone {@link #covers}. */
  public Message answer(Message query) {
    Record q = query.getQuestion();
    Name name = q.getName();
    int type = q.getType();
    List<String> labels = Names.relative(name, zone);
    int n = labels.size();
    if (n == 0) {
      return apex(query, type);
    }
    String kind = labels.get(n - 1);
    if (!kind.equals("svc") && !kind.equals("pod")) {
      return Replies.nxdomain(query, zone);
    }
    if (n == 1) {
      return Replies.nodata(query, zone);
    }
    String ns = labels.get(n - 2);
    if (n == 2) {
      return state.namespaceExists(ns) ? Replies.nodata(query, zone) : Replies.nxdomain(query, zone);
    }
    if (kind.equals("pod")) {
      return n == 3 ? pod(query, labels.get(0), type) : Replies.nxdomain(query, zone);
    }
    ObjectNode svc = state.service(ns, labels.get(n - 3));
    if (svc == null) {
      return Replies.nxdomain(query, zone);
    }
    Name svcName = Names.of(zone, labels.get(n - 3), ns, "svc");
    ServiceRecords records = new ServiceRecords(svc, name, svcName, state);
    List<Record> answers;
    List<Record> extra = new ArrayList<>();
    if (n == 3) {
      answers = records.forService(type, extra);
    } else if (n == 4) {
      answers = records.forEndpoint(labels.get(0), type);
    } else if (n == 5 && labels.get(0).startsWith("_") && labels.get(1).startsWith("_")) {
      answers = records.forPort(labels.get(0).substring(1), labels.get(1).substring(1), type, extra);
    } else {
      answers = null;
    }
    return reply(query, answers, extra);
  }

  /**
   * The PTR answer for an address the cluster gave (a Service's cluster IP, an endpoint's
   * address), or null when the address is none of those (the query goes on to other resolvers).
   */
  public Message reverse(Message query) {
    Record q = query.getQuestion();
    String ip = Names.reverseAddress(q.getName());
    if (ip == null) {
      return null;
    }
    List<Name> targets = new ArrayList<>();
    for (ObjectNode svc : state.servicesWithIp(ip)) {
      targets.add(Names.of(zone, svc.path("metadata").path("name").asText(),
          svc.path("metadata").path("namespace").asText(), "svc"));
    }
    for (ObjectNode slice : state.slicesWithIp(ip)) {
      String service = slice.path("metadata").path("labels").path("kubernetes.io/service-name").asText("");
      for (JsonNode e : slice.path("endpoints")) {
        for (JsonNode a : e.path("addresses")) {
          if (a.asText().equals(ip) && !service.isEmpty()) {
            targets.add(Names.of(zone, ServiceRecords.hostLabel(e.path("hostname").asText(""), ip), service,
                slice.path("metadata").path("namespace").asText(), "svc"));
          }
        }
      }
    }
    if (targets.isEmpty()) {
      return null;
    }
    Message r = Replies.authoritative(query, Rcode.NOERROR);
    if (q.getType() == Type.PTR || q.getType() == Type.ANY) {
      targets.stream().distinct().forEach(t ->
          r.addRecord(new org.xbill.DNS.PTRRecord(q.getName(), q.getDClass(), Replies.TTL, t), Section.ANSWER));
    }
    return r;
  }

  private Message apex(Message query, int type) {
    if (type == Type.SOA) {
      Message r = Replies.authoritative(query, Rcode.NOERROR);
      r.addRecord(Replies.soa(zone), Section.ANSWER);
      return r;
    }
    if (type == Type.NS) {
      Message r = Replies.authoritative(query, Rcode.NOERROR);
      r.addRecord(new org.xbill.DNS.NSRecord(zone, org.xbill.DNS.DClass.IN, Replies.TTL,
          Names.of(zone, "ns", "dns")), Section.ANSWER);
      return r;
    }
    return Replies.nodata(query, zone);
  }

  /** {@code a-b-c-d.ns.pod.<domain>}: the address the name spells, unchecked (CoreDNS's {@code pods insecure}). */
  private Message pod(Message query, String label, int type) {
    InetAddress ip = Names.dashedIpv4(label);
    if (ip == null) {
      return Replies.nxdomain(query, zone);
    }
    List<Record> answers = new ArrayList<>();
    if (type == Type.A || type == Type.ANY) {
      answers.add(new org.xbill.DNS.ARecord(query.getQuestion().getName(), org.xbill.DNS.DClass.IN, Replies.TTL, ip));
    }
    return reply(query, answers, List.of());
  }

  /** NXDOMAIN for null (no such name), NODATA for none, else the answers (and extra records). */
  private Message reply(Message query, List<Record> answers, List<Record> extra) {
    if (answers == null) {
      return Replies.nxdomain(query, zone);
    }
    if (answers.isEmpty()) {
      return Replies.nodata(query, zone);
    }
    Message r = Replies.authoritative(query, Rcode.NOERROR);
    answers.forEach(a -> r.addRecord(a, Section.ANSWER));
    extra.forEach(a -> r.addRecord(a, Section.ADDITIONAL));
    return r;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
