package io.logplane.api.table;

import static io.logplane.api.table.Cells.NONE;
import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.num;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Services, Endpoints, EndpointSlices, Ingresses, IngressClasses and NetworkPolicies. */
final class ServicePrinters {

  private ServicePrinters() {}

  static Printer service() {
    String spec = "core/v1.ServiceSpec.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Type", "string", spec + "type"),
        Column.doc("Cluster-IP", "string", spec + "clusterIP"),
        Column.doc("External-IP", "string", spec + "externalIPs"),
        Column.doc("Port(s)", "string", spec + "ports"), Column.ageColumn(),
        Column.doc("Selector", "string", spec + "selector").wide()),
        (o, now) -> {
          JsonNode ips = at(o, "spec", "clusterIPs");
          String clusterIp = ips.size() > 0 ? ips.get(0).asText() : str(o, "spec", "clusterIP");
          String ports = ports(at(o, "spec", "ports"));
          return List.of(Cells.name(o), str(o, "spec", "type"), clusterIp.isEmpty() ? NONE : clusterIp,
              externalIp(o), ports.isEmpty() ? NONE : ports, Cells.age(o, now),
              Cells.labels(at(o, "spec", "selector")));
        });
  }

  private static String ports(JsonNode ports) {
    List<String> pieces = new ArrayList<>();
    for (JsonNode p : ports) {
      String protocol = str(p, "protocol").isEmpty() ? "TCP" : str(p, "protocol");
      long nodePort = num(p, "nodePort");
      pieces.add(num(p, "port") + (nodePort > 0 ? ":" + nodePort : "") + "/" + protocol);
    }
    return String.join(",", pieces);
  }

  /** kube's getServiceExternalIP with wide output (the server never clips). */
  private static String externalIp(JsonNode svc) {
    List<String> external = Cells.texts(at(svc, "spec", "externalIPs"));
    switch (str(svc, "spec", "type")) {
      case "ClusterIP", "NodePort" -> {
        return external.isEmpty() ? NONE : String.join(",", external);
      }
      case "LoadBalancer" -> {
        String lb = loadBalancer(at(svc, "status", "loadBalancer", "ingress"));
        if (!external.isEmpty()) {
          List<String> all = new ArrayList<>();
          if (!lb.isEmpty()) {
            all.addAll(List.of(lb.split(",")));
          }
          all.addAll(external);
          return String.join(",", all);
        }
        return lb.isEmpty() ? "<pending>" : lb;
      }
      case "ExternalName" -> {
        return str(svc, "spec", "externalName");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  /** Load-balancer ingress points: IPs, else hostnames, sorted and deduplicated. */
  static String loadBalancer(JsonNode ingress) {
    TreeSet<String> result = new TreeSet<>();
    for (JsonNode i : ingress) {
      if (!str(i, "ip").isEmpty()) {
        result.add(str(i, "ip"));
      } else if (!str(i, "hostname").isEmpty()) {
        result.add(str(i, "hostname"));
      }
    }
    return String.join(",", result);
  }

  static Printer endpoints() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Endpoints", "string", "core/v1.Endpoints.subsets"),
        Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), formatEndpoints(o.path("subsets")), Cells.age(o, now)));
  }

  private static String formatEndpoints(JsonNode subsets) {
    if (subsets.size() == 0) {
      return NONE;
    }
    List<String> list = new ArrayList<>();
    for (JsonNode ss : subsets) {
      if (ss.path("ports").size() == 0) { // headless services may have no ports
        ss.path("addresses").forEach(a -> list.add(str(a, "ip")));
      } else {
        for (JsonNode port : ss.path("ports")) {
          for (JsonNode a : ss.path("addresses")) {
            String ip = str(a, "ip");
            list.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + num(port, "port"));
          }
        }
      }
    }
    return Cells.withMore(list, 3, "");
  }

  static Printer endpointSlice() {
    String doc = "discovery/v1.EndpointSlice.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("AddressType", "string", doc + "addressType"),
        Column.doc("Ports", "string", doc + "ports"), Column.doc("Endpoints", "string", doc + "endpoints"),
        Column.ageColumn()),
        (o, now) -> {
          List<String> ports = new ArrayList<>();
          for (JsonNode p : o.path("ports")) {
            JsonNode port = p.path("port");
            ports.add(port.isNumber() ? port.asText() : p.hasNonNull("name") ? str(p, "name") : "*");
          }
          List<String> addresses = new ArrayList<>();
          o.path("endpoints").forEach(e -> addresses.addAll(Cells.texts(e.path("addresses"))));
          return List.of(Cells.name(o), str(o, "addressType"), Cells.withMore(ports, 3, "<unset>"),
              Cells.withMore(addresses, 3, "<unset>"), Cells.age(o, now));
        });
  }

  static Printer ingress() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("Class", "string",
            "The name of the IngressClass resource that should be used for additional configuration"),
        Column.text("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
        Column.text("Address", "string", "Address is a list containing ingress points for the load-balancer"),
        Column.text("Ports", "string", "Ports of TLS configurations that open"), Column.ageColumn()),
        (o, now) -> {
          String cls = str(o, "spec", "ingressClassName");
          return List.of(Cells.name(o), cls.isEmpty() ? NONE : cls, hosts(at(o, "spec", "rules")),
              loadBalancer(at(o, "status", "loadBalancer", "ingress")),
              at(o, "spec", "tls").size() > 0 ? "80, 443" : "80", Cells.age(o, now));
        });
  }

  private static String hosts(JsonNode rules) {
    List<String> list = new ArrayList<>();
    boolean more = false;
    for (JsonNode r : rules) {
      more = more || list.size() == 3;
      if (!more && !str(r, "host").isEmpty()) {
        list.add(str(r, "host"));
      }
    }
    if (list.isEmpty()) {
      return "*";
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (rules.size() - 3) + " more..." : joined;
  }

  static Printer ingressClass() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("Controller", "string", "Controller that is responsible for handling this class"),
        Column.text("Parameters", "string", "A reference to a resource with additional parameters"), Column.ageColumn()),
        (o, now) -> {
          JsonNode p = at(o, "spec", "parameters");
          String params = NONE;
          if (p.isObject()) {
            params = str(p, "kind") + (p.hasNonNull("apiGroup") ? "." + str(p, "apiGroup") : "") + "/" + str(p, "name");
          }
          return List.of(Cells.name(o), str(o, "spec", "controller"), params, Cells.age(o, now));
        });
  }

  static Printer networkPolicy() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Pod-Selector", "string", "networking/v1.NetworkPolicySpec.podSelector"), Column.ageColumn()),
        (o, now) -> {
          JsonNode sel = at(o, "spec", "podSelector");
          // podSelector is a struct, not a pointer, in Go: absent reads as the empty selector
          return List.of(Cells.name(o), Cells.selector(sel.isMissingNode() ? JsonNodeFactory.instance.objectNode() : sel),
              Cells.age(o, now));
        });
  }
}
