package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.Cluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl port-forward} to a real pod (busybox httpd under runc) on a local node, through
 * the API server's proxy to the node's server: over the WebSocket that tunnels SPDY (kubectl's
 * default) and over SPDY itself ({@code KUBECTL_PORT_FORWARD_WEBSOCKETS=false}), each serving two
 * HTTP requests at once, twice, through the local port kubectl picked, then a file of 8 MB; a
 * port nobody listens on in the pod has kubectl print the runtime's error (and end, as kubectl
 * 1.32 ends on a forwarding error); a pod that does not exist is refused. The node's uplink drop
 * rules drop nothing. Skipped, saying why, where real containers cannot run.
 */
class KubectlPortForwardIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("portfwd-node-it",
      "10.244.232.0/24", "lpit12", "logplane_it_portfwd", "logplane-it-portfwd");
  private static final String NODE = NAMES.node();
  private static final String BRIDGE = NAMES.bridge();
  /** A file larger than any window SPDY's flow control would give, served by the pod. */
  private static final int BIG = 8_000_000;
  private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");

  @TempDir static Path dir;
  static RealNodeFixture fixture;
  static Cluster cluster;
  static Kubectl kubectl;
  static String uid;
  static String ip;
  private final List<Process> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() throws Exception {
    fixture = RealNodeFixture.start(dir, NAMES);
    cluster = fixture.cluster;
    kubectl = fixture.kubectl;
    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default}
        spec:
          nodeName: %s
          terminationGracePeriodSeconds: 1
          containers:
          - name: httpd
            image: busybox:it
            imagePullPolicy: Never
            command: [sh, -c, "mkdir /tmp/w && cp /www/index.html /tmp/w/ && head -c %d /dev/urandom > /tmp/w/big && exec httpd -f -p 8080 -h /tmp/w"]
        """.formatted(NODE, BIG)));
    kubectl.ok("wait", "--for=condition=Ready", "pod/web", "--timeout=120s");
    uid = kubectl.json("get", "pod", "web").at("/metadata/uid").asText();
    ip = kubectl.json("get", "pod", "web").at("/status/podIP").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture == null) {
      return;
    }
    kubectl.run("delete", "pod", "web", "--grace-period=1");
    RealNodeFixture.stopCleanly(fixture);
  }

  @org.junit.jupiter.api.AfterEach
  void stopKubectls() {
    started.forEach(Process::destroy);
  }

  @Test
  void forwardsOverTheWebSocketTunnelTwoRequestsAtOnceTwice() throws Exception {
    Forward f = portForward(Map.of(), "pod/web", ":8080");
    twoAtOnce(f.localPort);
    twoAtOnce(f.localPort);
    big(f.localPort);
    assertTrue(f.process.isAlive(), f.err.text());
  }

  @Test
  void forwardsOverSpdyTwoRequestsAtOnceTwice() throws Exception {
    Forward f = portForward(Map.of("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false"), "pod/web", ":8080");
    twoAtOnce(f.localPort);
    twoAtOnce(f.localPort);
    big(f.localPort);
    assertTrue(f.process.isAlive(), f.err.text());
  }

  @Test
  void aPortNobodyListensOnHasKubectlPrintTheRuntimesError() throws Exception {
    Forward f = portForward(Map.of(), "pod/web", ":81");
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", f.localPort)) {
      s.setSoTimeout(30_000);
      assertEquals(-1, s.getInputStream().read(), "the forwarded connection ends");
    }
    String expected = "error forwarding port 81 to pod " + uid + ", uid : failed to execute portforward in network"
        + " namespace \\\"/run/netns/" + BRIDGE + "-" + uid + "\\\": dial tcp " + ip + ":81: connect: connection refused";
    String err = await("kubectl prints the error").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(f.err::text, e -> e.contains("error forwarding port"));
    assertTrue(err.contains(expected), "expected " + expected + " in\n" + err);
    // kubectl 1.32 closes the connection once a forwarded connection failed, as against a kubelet.
    assertTrue(f.process.waitFor(60, TimeUnit.SECONDS), "kubectl ends: " + f.err.text());
    assertEquals(1, f.process.exitValue());
    assertTrue(f.err.text().endsWith("error: lost connection to pod\n"), f.err.text());
  }

  @Test
  void aPodThatDoesNotExistIsRefused() {
    Kubectl.Result r = kubectl.run("port-forward", "pod/absent", ":8080");
    assertEquals(1, r.exit(), r.all());
    assertEquals("Error from server (NotFound): pods \"absent\" not found\n", r.err());
  }

  private void twoAtOnce(int localPort) throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/index.html"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> a : answers) {
      HttpResponse<String> r = a.get(60, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertEquals("hello from a pod\n", r.body());
    }
  }

  /** The big file comes whole: no window to wait for on either side. */
  private void big(int localPort) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/big"))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    assertEquals(BIG, r.body().length);
  }

  private record Forward(Process process, int localPort, Kubectl.Drain err) {}

  /** Starts {@code kubectl port-forward} with {@code env} and waits for the local port it took. */
  private Forward portForward(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Kubectl.BINARY, "--kubeconfig", cluster.kubeconfig().toString(),
        "port-forward"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("KUBECONFIG");
    pb.environment().putAll(env);
    Process p = pb.start();
    started.add(p);
    Kubectl.Drain out = new Kubectl.Drain(p.getInputStream());
    Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
    String printed = await("kubectl listens").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(out::text, o -> FORWARDING.matcher(o).find() || !p.isAlive());
    Matcher m = FORWARDING.matcher(printed);
    assertTrue(m.find(), printed + err.text());
    return new Forward(p, Integer.parseInt(m.group(1)), err);
  }
}
