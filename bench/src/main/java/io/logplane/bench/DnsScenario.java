package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster DNS under load: {@code services} Services made in a namespace of their own, then A
 * queries for their names (and a share of names no Service has, answered NXDOMAIN) sent over UDP
 * as fast as the DNS answers, a few outstanding at a time; queries per second, latency
 * percentiles, wrong answers and timeouts. The DNS is the one given, else the one the
 * {@code kube-system/kube-dns} Endpoints name, asked on 127.0.0.1 at their port (Logplane's DNS
 * listens on loopback too); a server with neither is skipped.
 */
final class DnsScenario {
  static final String DOMAIN = "svc.cluster.local.";

  /**
   * @param server    the DNS to ask, or null for kube-dns's port on 127.0.0.1
   * @param services  the Services made
   * @param queries   the queries measured (as many again, unmeasured, warm up first)
   * @param inFlight  the queries outstanding at once
   * @param nxPercent the share of queries for names no Service has
   * @param timeout   when a query is given up
   */
  record Options(InetSocketAddress server, int services, long queries, int inFlight, int nxPercent,
      Duration timeout, boolean keep) {}

  private DnsScenario() {}

  static void run(Plane p, Options o, String suffix) throws InterruptedException {
    InetSocketAddress server = o.server() != null ? o.server() : kubeDns(p);
    if (server == null) {
      p.say("dns: skipped: no kube-system/kube-dns Endpoints to find the cluster DNS by (a"
          + " kube-apiserver alone has none): give it with --dns-server HOST:PORT");
      return;
    }
    String namespace = "bench-dns-" + Plane.id();
    try {
      p.api().namespace(namespace);
      Map<String, String> addresses = services(p, namespace, o.services());
      DnsQueries queries = DnsQueries.mix(addresses, "absent-%d." + namespace + "." + DOMAIN,
          o.nxPercent());
      DnsLoad load = new DnsLoad(queries);
      String last = "svc-" + (o.services() - 1) + "." + namespace + "." + DOMAIN;
      awaitAnswer(p, server, addresses, last);
      p.say("dns: %d Services in %s answered by %s; %d queries to warm up, then %d measured,"
          + " %d in flight", o.services(), namespace, server, o.queries(), o.queries(), o.inFlight());
      load.run(server, o.queries(), o.inFlight(), o.timeout());
      DnsLoad.Figures f = load.run(server, o.queries(), o.inFlight(), o.timeout());
      Errors errors = f.errors();
      p.report().accept(Result.of("dns" + suffix, f.ok(), errors, f.ok() / f.seconds(),
          f.latencies().stats(), String.format(Locale.ROOT,
              "UDP A queries, %d Services, %d%% NXDOMAIN, %d in flight, %d timeouts (%.0f ms),"
                  + " %d late; %s", o.services(), o.nxPercent(), o.inFlight(), f.timeouts(),
              (double) o.timeout().toMillis(), f.late(), server)));
    } catch (IOException e) {
      throw new BenchException("dns: cannot ask " + server + ": " + e.getMessage(), e);
    } finally {
      if (!o.keep()) {
        boolean gone = p.api().deleteAndAwaitGone("/api/v1/namespaces/" + namespace,
            Duration.ofMinutes(2));
        p.say("cleanup: namespace %s %s", namespace, gone ? "deleted" : "still there");
      }
    }
  }

  /** 127.0.0.1 at the UDP port of the kube-dns Endpoints, or null when there are none. */
  private static InetSocketAddress kubeDns(Plane p) throws InterruptedException {
    KubeClient.Response r = p.api().send("GET",
        "/api/v1/namespaces/kube-system/endpoints/kube-dns", null);
    if (!r.ok()) {
      return null;
    }
    try {
      for (JsonNode subset : Json.MAPPER.readTree(r.body()).path("subsets")) {
        for (JsonNode port : subset.path("ports")) {
          if ("UDP".equals(port.path("protocol").asText("TCP")) && subset.has("addresses")) {
            return new InetSocketAddress("127.0.0.1", port.path("port").asInt());
          }
        }
      }
    } catch (IOException e) {
      throw new BenchException("the kube-dns Endpoints are not JSON: " + r.body(), e);
    }
    return null;
  }

  /** Makes the Services (16 creates in flight) and returns each name with its cluster IP. */
  private static Map<String, String> services(Plane p, String namespace, int count)
      throws InterruptedException {
    String path = "/api/v1/namespaces/" + namespace + "/services";
    Errors errors = new Errors();
    CompletableFuture<?>[] window = new CompletableFuture<?>[16];
    for (int i = 0; i < count; i++) {
      if (window[i % 16] != null) {
        window[i % 16].join();
      }
      window[i % 16] = p.client().sendAsync("POST", path, service("svc-" + i))
          .whenComplete((r, e) -> {
            if (e != null) {
              errors.failure(e);
            } else if (!r.ok()) {
              errors.http(r.status(), r.body());
            }
          });
    }
    try {
      CompletableFuture.allOf(java.util.Arrays.stream(window)
          .filter(java.util.Objects::nonNull).toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException counted) {
      // in errors
    }
    if (errors.total() > 0) {
      throw new BenchException("cannot create the Services:\n" + errors.describe());
    }
    Map<String, String> addresses = new TreeMap<>();
    for (JsonNode s : p.api().list(path)) {
      addresses.put(s.at("/metadata/name").asText() + "." + namespace + "." + DOMAIN,
          s.at("/spec/clusterIP").asText());
    }
    return addresses;
  }

  /** Waits (up to 30 s) until the DNS answers the last Service made. */
  private static void awaitAnswer(Plane p, InetSocketAddress server, Map<String, String> addresses,
      String last) throws InterruptedException, IOException {
    DnsLoad probe = new DnsLoad(DnsQueries.mix(Map.of(last, addresses.get(last)), "none-%d.", 0));
    boolean answered = ApiCalls.await(() -> {
      try {
        return probe.run(server, 1, 1, Duration.ofSeconds(1)).ok() == 1;
      } catch (IOException e) {
        throw new BenchException("dns: cannot ask " + server + ": " + e.getMessage(), e);
      }
    }, Duration.ofSeconds(30));
    if (!answered) {
      throw new BenchException("dns: " + server + " does not answer " + last + " with "
          + addresses.get(last) + " 30 s after it was made");
    }
  }

  /** A ClusterIP Service with no selector: a name and an address for the DNS, nothing more. */
  static String service(String name) {
    ObjectNode s = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
    s.putObject("metadata").put("name", name);
    ObjectNode spec = s.putObject("spec").put("type", "ClusterIP");
    spec.putArray("ports").addObject().put("port", 80).put("protocol", "TCP");
    return s.toString();
  }
}
