package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The service proxy's data path, from this machine: a Deployment of two busybox httpd pods on
 * the real node here, each serving its own name, behind a ClusterIP Service; HTTP GETs through
 * the ClusterIP beside as many straight to a pod's IP, with keep-alive off and on; then one pod
 * made unready and the time until traffic through the ClusterIP avoids it ({@link Failover}).
 * Needs a node with a service proxy on this machine (logplane up as root); without one it is
 * skipped, saying so.
 */
final class ServiceScenario {
  static final String NAME = "web";
  static final int PORT = 8080;
  /** Connects to the ClusterIP that time out before the scenario gives up. */
  static final int TIMEOUTS = 3;

  /**
   * @param node       the real node, null for this machine's
   * @param requests   GETs per run (the same count to the ClusterIP and to the pod)
   * @param clients    threads sending them
   * @param image      a busybox image on the node (httpd, sh)
   * @param pullPolicy its imagePullPolicy
   * @param timeout    the wait for the pods Ready, and one request's timeout times 100
   */
  record Options(String node, int requests, int clients, String image, String pullPolicy,
      Duration timeout, boolean keep) {}

  private ServiceScenario() {}

  static void run(Plane p, Options o, String suffix) throws InterruptedException {
    JsonNode node = RealNodes.find(p, o.node());
    if (node == null || !RealNodes.onThisMachine(node)) {
      p.say("service: skipped: needs a Ready node with a service proxy on this machine (logplane"
          + " up as root runs one; else name it with --pod-start-node), %s", node == null
          ? "no Ready node " + (o.node() != null ? o.node() : RealNodes.hostname())
          : "node " + node.at("/metadata/name").asText() + " is elsewhere");
      return;
    }
    String nodeName = node.at("/metadata/name").asText();
    String namespace = "bench-svc-" + Plane.id();
    Duration request = o.timeout().dividedBy(100);
    try {
      p.api().namespace(namespace);
      create(p, namespace, "/apis/apps/v1/namespaces/" + namespace + "/deployments",
          deployment(nodeName, o));
      create(p, namespace, "/api/v1/namespaces/" + namespace + "/services", service());
      List<JsonNode> pods = awaitReady(p, namespace, o);
      String clusterIp = p.api().list("/api/v1/namespaces/" + namespace + "/services").get(0)
          .at("/spec/clusterIP").asText();
      InetSocketAddress viaService = new InetSocketAddress(clusterIp, 80);
      InetSocketAddress direct = new InetSocketAddress(pods.get(0).at("/status/podIP").asText(), PORT);
      for (JsonNode pod : pods) {
        if (!LocalPaths.routedLocally(ip(pod))) {
          throw new BenchException("service: no route of this machine's own to pod " + name(pod)
              + " at " + ip(pod) + ": nothing sent");
        }
      }
      if (!LocalPaths.awaitDnat(clusterIp, 80, o.timeout())) {
        throw new BenchException("service: no nftables DNAT of this machine's service proxy for "
            + clusterIp + ":80 after " + o.timeout().toSeconds() + "s: nothing sent");
      }
      awaitBoth(viaService, pods, request, o.timeout());
      p.say("service: %s/%s at %s:80, pods %s at %s and %s at %s on %s", namespace, NAME, clusterIp,
          name(pods.get(0)), ip(pods.get(0)), name(pods.get(1)), ip(pods.get(1)), nodeName);
      for (boolean keepAlive : new boolean[] {false, true}) {
        compare(p, o, direct, viaService, keepAlive, request, suffix);
      }
      Failover.run(p, namespace, viaService, pods, o.clients(), request, suffix);
    } finally {
      if (!o.keep()) {
        boolean gone = p.api().deleteAndAwaitGone("/api/v1/namespaces/" + namespace,
            Duration.ofMinutes(2));
        p.say("cleanup: namespace %s %s", namespace, gone ? "deleted" : "still there");
      }
    }
  }

  /** The same GETs straight to the pod, then through the ClusterIP (each after a warm-up). */
  private static void compare(Plane p, Options o, InetSocketAddress direct,
      InetSocketAddress viaService, boolean keepAlive, Duration request, String suffix)
      throws InterruptedException {
    String mode = keepAlive ? "keep-alive" : "close";
    HttpLoad.Figures[] figures = new HttpLoad.Figures[2];
    InetSocketAddress[] targets = {direct, viaService};
    for (int i = 0; i < 2; i++) {
      HttpLoad.count(targets[i], "/", Math.max(1, o.requests() / 5), o.clients(), keepAlive, request);
      figures[i] = HttpLoad.count(targets[i], "/", o.requests(), o.clients(), keepAlive, request);
    }
    String[] labels = {"svc pod " + mode, "svc cluster " + mode};
    for (int i = 0; i < 2; i++) {
      HttpLoad.Figures f = figures[i];
      String ratio = i == 0 ? "" : String.format(Locale.ROOT, ", %.2f × the pod IP's requests/s",
          f.perSecond() / figures[0].perSecond());
      String closed = keepAlive && f.connections() >= f.ok() ? " (the server closed each)" : "";
      p.report().accept(Result.of(labels[i] + suffix, f.ok(), f.errors(), f.perSecond(),
          f.latencies().stats(), String.format(Locale.ROOT, "GET %s:%d, %d clients,"
              + " %d connections%s%s", targets[i].getAddress().getHostAddress(),
              targets[i].getPort(), o.clients(), f.connections(), closed, ratio)));
    }
  }

  private static void create(Plane p, String namespace, String path, String body)
      throws InterruptedException {
    var r = p.api().send("POST", path, body);
    if (!r.ok()) {
      throw new BenchException("service: cannot create in " + namespace + ": HTTP " + r.status()
          + " " + r.body());
    }
  }

  /** The two pods once both are Ready and the Service's EndpointSlices hold both ready. */
  private static List<JsonNode> awaitReady(Plane p, String namespace, Options o)
      throws InterruptedException {
    Duration timeout = o.timeout();
    String pods = "/api/v1/namespaces/" + namespace + "/pods";
    String slices = "/apis/discovery.k8s.io/v1/namespaces/" + namespace
        + "/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D" + NAME;
    List<JsonNode>[] ready = new List[1];
    boolean ok = ApiCalls.await(() -> {
      ready[0] = p.api().list(pods).stream().filter(ServiceScenario::ready).toList();
      return ready[0].size() == 2 && readyEndpoints(p.api().list(slices)) == 2;
    }, timeout);
    if (!ok) {
      throw new BenchException("service: the pods of " + namespace + " are not both Ready with"
          + " ready endpoints after " + timeout.toSeconds() + "s (is the image " + o.image()
          + " on the node? logplane images import)");
    }
    return ready[0];
  }

  /**
   * Waits until both pods answered through the ClusterIP: the proxy caught up. A refused
   * connection is tried again; connects that time out are not: their packets are dropped on
   * this machine (as by an output filter that sees the route taken before the proxy's DNAT, which
   * sends them towards the uplink), so the scenario gives up after {@link #TIMEOUTS}.
   */
  private static void awaitBoth(InetSocketAddress viaService, List<JsonNode> pods, Duration request,
      Duration timeout) throws InterruptedException {
    Set<String> seen = new HashSet<>();
    String[] failed = {"no failure"};
    int[] timeouts = {0};
    boolean ok = ApiCalls.await(() -> {
      for (int i = 0; i < 20 && timeouts[0] < TIMEOUTS; i++) {
        try (HttpGets gets = new HttpGets(viaService, false, request)) {
          seen.add(gets.get("/").strip());
        } catch (java.net.SocketTimeoutException e) {
          timeouts[0]++;
          failed[0] = e.toString();
        } catch (java.io.IOException e) {
          failed[0] = e.toString();
        }
      }
      return timeouts[0] >= TIMEOUTS
          || seen.contains(name(pods.get(0))) && seen.contains(name(pods.get(1)));
    }, timeout);
    if (timeouts[0] >= TIMEOUTS) {
      throw new BenchException("service: " + TIMEOUTS + " connects to " + viaService + " timed out"
          + " (" + failed[0] + "): its packets are dropped on this machine, e.g. by an output"
          + " filter that sees the route taken before the DNAT; given up");
    }
    if (!ok) {
      throw new BenchException("service: " + viaService + " reached only " + seen + " after "
          + timeout.toSeconds() + "s, the last failure: " + failed[0]);
    }
  }

  static int readyEndpoints(List<JsonNode> slices) {
    int n = 0;
    for (JsonNode s : slices) {
      for (JsonNode e : s.path("endpoints")) {
        n += e.at("/conditions/ready").asBoolean(false) ? e.path("addresses").size() : 0;
      }
    }
    return n;
  }

  static boolean ready(JsonNode pod) {
    for (JsonNode c : pod.at("/status/conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  static String name(JsonNode pod) {
    return pod.at("/metadata/name").asText();
  }

  static String ip(JsonNode pod) {
    return pod.at("/status/podIP").asText();
  }

  /**
   * Two busybox httpd pods on {@code node}: each serves its name at {@code /} and {@code ready}
   * at {@code /ready}, its readiness probe (every second, one failure makes it unready), and a
   * CGI {@code /cgi-bin/unready} that removes the latter.
   */
  static String deployment(String node, Options o) {
    ObjectNode d = Json.MAPPER.createObjectNode().put("apiVersion", "apps/v1")
        .put("kind", "Deployment");
    d.putObject("metadata").put("name", NAME);
    ObjectNode spec = d.putObject("spec").put("replicas", 2);
    spec.putObject("selector").putObject("matchLabels").put("app", "logplane-bench-service");
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", "logplane-bench-service");
    ObjectNode podSpec = template.putObject("spec").put("terminationGracePeriodSeconds", 1);
    podSpec.putObject("nodeSelector").put("kubernetes.io/hostname", node);
    ObjectNode c = podSpec.putArray("containers").addObject().put("name", "httpd")
        .put("image", o.image()).put("imagePullPolicy", o.pullPolicy());
    ArrayNode command = c.putArray("command");
    List.of("sh", "-c", "mkdir -p /www/cgi-bin && echo \"$POD_NAME\" > /www/index.html"
        + " && echo ready > /www/ready"
        + " && printf '#!/bin/sh\\nrm -f /www/ready\\necho Content-Type: text/plain\\necho\\n"
        + "echo unready\\n' > /www/cgi-bin/unready && chmod +x /www/cgi-bin/unready"
        + " && exec httpd -f -p " + PORT + " -h /www").forEach(command::add);
    c.putArray("env").addObject().put("name", "POD_NAME").putObject("valueFrom")
        .putObject("fieldRef").put("fieldPath", "metadata.name");
    c.putArray("ports").addObject().put("containerPort", PORT);
    c.putObject("readinessProbe").put("periodSeconds", 1).put("failureThreshold", 1)
        .putObject("httpGet").put("path", "/ready").put("port", PORT);
    c.putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "8Mi");
    return d.toString();
  }

  static String service() {
    ObjectNode s = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
    s.putObject("metadata").put("name", NAME);
    ObjectNode spec = s.putObject("spec").put("type", "ClusterIP");
    spec.putObject("selector").put("app", "logplane-bench-service");
    spec.putArray("ports").addObject().put("port", 80).put("targetPort", PORT)
        .put("protocol", "TCP");
    return s.toString();
  }
}
