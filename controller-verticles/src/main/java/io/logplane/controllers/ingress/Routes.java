package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing table of a set of Ingresses, immutable, as ingress-nginx builds its servers: one
 * server per rule host; a request goes to the server of its precise host, else of the wildcard
 * host that matches it, else to the server of the rules without host. Within the server the
 * longest matching path wins ({@code Exact} before {@code Prefix} on a tie); between Ingresses
 * that say the same thing the oldest wins. No match: the default backend of the oldest Ingress
 * that has one, else none (the proxy answers 404).
 */
public final class Routes {

  /** A table of no Ingress. */
  public static final Routes EMPTY = of(List.of());

  private final Map<String, List<IngressSpec.Rule>> byHost;
  private final Backend defaultBackend;
  private final Map<String, String> secretByHost;

  private Routes(Map<String, List<IngressSpec.Rule>> byHost, Backend defaultBackend, Map<String, String> secretByHost) {
    this.byHost = byHost;
    this.defaultBackend = defaultBackend;
    this.secretByHost = secretByHost;
  }

  /** The table of these Ingresses (those this controller serves). */
  public static Routes of(List<ObjectNode> ingresses) {
    List<ObjectNode> oldestFirst = new ArrayList<>(ingresses);
    oldestFirst.sort(Comparator.comparing((ObjectNode o) -> Metadata.text(o, "creationTimestamp"),
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(o -> Metadata.text(o, "namespace"))
        .thenComparing(o -> Metadata.text(o, "name")));
    Map<String, List<IngressSpec.Rule>> byHost = new LinkedHashMap<>();
    Backend def = null;
    Map<String, String> secrets = new LinkedHashMap<>();
    for (ObjectNode o : oldestFirst) {
      IngressSpec spec = IngressSpec.of(o);
      spec.rules().forEach(r -> byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(r));
      if (def == null) {
        def = spec.defaultBackend();
      }
      spec.tls().forEach(t -> t.hosts().forEach(h -> secrets.putIfAbsent(h, t.secret())));
    }
    return new Routes(byHost, def, secrets);
  }

  /** Where a request for this host (a Host header or :authority) and URI goes; null: nowhere (404). */
  public Backend match(String authority, String uri) {
    String host = Hosts.normalize(authority);
    String path = Paths.of(uri);
    IngressSpec.Rule best = null;
    for (IngressSpec.Rule r : byHost.getOrDefault(server(byHost.keySet(), host), List.of())) {
      if (Paths.matches(r.pathType(), r.path(), path) && better(r, best)) {
        best = r;
      }
    }
    return best != null ? best.backend() : defaultBackend;
  }

  /** The Secret (storage key) serving TLS for this server name; null: the default certificate. */
  public String secretFor(String serverName) {
    String host = Hosts.normalize(serverName);
    String found = server(secretByHost.keySet(), host);
    return found == null ? null : secretByHost.get(found);
  }

  /** Every Secret the table names. */
  public java.util.Collection<String> secrets() {
    return secretByHost.values();
  }

  /** The precise entry for host, else a wildcard entry matching it, else the host-less one (or null). */
  private static String server(java.util.Set<String> hosts, String host) {
    if (hosts.contains(host)) {
      return host;
    }
    for (String h : hosts) {
      if (h.startsWith("*.") && Hosts.matches(h, host)) {
        return h;
      }
    }
    return hosts.contains("") ? "" : null;
  }

  /** Longer path first; Exact before Prefix at equal length; else the one seen first (the older). */
  private static boolean better(IngressSpec.Rule r, IngressSpec.Rule best) {
    if (best == null) {
      return true;
    }
    int a = length(r.path());
    int b = length(best.path());
    if (a != b) {
      return a > b;
    }
    return "Exact".equals(r.pathType()) && !"Exact".equals(best.pathType());
  }

  private static int length(String path) {
    return path.endsWith("/") ? path.length() - 1 : path.length();
  }
}
