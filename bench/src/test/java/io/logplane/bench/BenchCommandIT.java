package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.kubeclient.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole command against a small fake API server: TLS with the kubeconfig's CA and
 * client certificate, HTTP/2 by ALPN, every scenario, the cleanup and the table.
 */
class BenchCommandIT {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private FakeApiServer server;
  private Path kubeconfig;

  private String serverCert;
  private String clientUser;

  @BeforeEach
  void start() throws Exception {
    var serverKeys = TestPki.ec();
    serverCert = TestPki.pem(TestPki.localhostServer(serverKeys));
    var clientKeys = TestPki.ec();
    String clientCert = TestPki.pem(TestPki.selfSigned(clientKeys, "system:admin"));
    server = new FakeApiServer(TestPki.pkcs8(serverKeys), serverCert, clientCert);
    clientUser = "{client-certificate-data: " + TestPki.b64(clientCert)
        + ", client-key-data: " + TestPki.b64(TestPki.sec1(clientKeys)) + "}";
    kubeconfig = kubeconfig("https://127.0.0.1:" + server.port(),
        "certificate-authority-data: " + TestPki.b64(serverCert), clientUser);
  }

  private Path kubeconfig(String url, String cluster, String user) throws Exception {
    return Files.writeString(dir.resolve("config"), "current-context: fake\n"
        + "clusters: [{name: c, cluster: {server: \"" + url + "\", " + cluster + "}}]\n"
        + "contexts: [{name: fake, context: {cluster: c, user: u}}]\n"
        + "users: [{name: u, user: " + user + "}]\n");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private int bench(String... args) {
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setOut(new PrintWriter(out));
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--kubeconfig", kubeconfig.toString()));
    if (!java.util.List.of(args).contains("--client-warmup")) {
      all.addAll(java.util.List.of("--client-warmup", "0")); // the one test of it asks for it
    }
    all.addAll(java.util.List.of(args));
    return cmd.execute(all.toArray(String[]::new));
  }

  @Test
  void runsEveryScenarioOverHttp2() {
    int code = bench("--run", "t1", "--client-warmup", "200",
        "--warmup", "3", "--pods", "40", "--clients", "1,4", "--rate", "100/s",
        "--duration", "500ms", "--list-runs", "2", "--get-warmup", "10", "--watchers", "5", "--watch-pods", "20",
        "--watch-writers", "3", "--watch-timeout", "10s");
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("server version v1.32.0-fake, protocol HTTP/2"), text);
    // before the server was reached; none of its requests reached it (the count of pods below)
    assertTrue(text.indexOf("bench: client warmed up with 200 requests to a loopback responder in ")
        < text.indexOf("bench: server "), text);
    assertTrue(text.contains("bench: client warmed up with 200 requests"), text);
    assertTrue(text.contains("create c=1             ok=40 errors=0"), text);
    assertTrue(text.contains("create c=4             ok=40 errors=0"), text);
    assertTrue(text.contains("get warm-up: 10 gets, "), text);
    assertTrue(text.contains("get c=4                ok=40 errors=0"), text);
    assertTrue(text.contains("create rate=100/s      ok=50 errors=0"), text);
    assertTrue(text.contains("list                   ok=2 errors=0"), text);
    // The warm-up (its namespace's first pod and 3) is listed too: the fake ignores namespaces.
    assertTrue(text.contains("135 pods, 2 runs"), text);
    assertTrue(text.contains("warm-up round 1: 3 pods, c=1 "), text);
    assertTrue(text.contains("warm-up: 3 pods in 1 round(s) in namespace bench-t1-warmup, stopped at --warmup 3"), text);
    assertTrue(text.contains("received 100/100 (5 watches x 20 pods)"), text);
    assertEquals(1 + 3 + 1 + 40 + 40 + 50 + 20, server.pods.size());
    assertTrue(server.protocols.equals(java.util.Set.of("HTTP_2")), server.protocols.toString());
    assertEquals(1, server.connections.get(), "every request and watch shares one connection");
    assertEquals("[/api/v1/namespaces/bench-t1-warmup/pods, /api/v1/namespaces/bench-t1-warmup,"
        + " /api/v1/namespaces/bench-t1/pods, /api/v1/namespaces/bench-t1]", server.deleted.toString());
    assertTrue(text.contains("scenario ") && text.contains("p99 ms"), text);
    System.out.println(text);
  }

  @Test
  void failedCreatesAreCountedAndFailTheRunOverTwoConnections() {
    server.refused.addAll(java.util.List.of("bench-t2-5", "bench-t2-6"));
    int code = bench("--run", "t2", "--scenarios", "create", "--clients", "2", "--pods", "20",
        "--warmup", "1", "--connections", "2");
    String text = out.toString();
    assertEquals(1, code, text);
    assertTrue(text.contains("create c=2             ok=18 errors=2"), text);
    assertEquals(2, server.connections.get());
    // Which of the two refused pods is quoted depends on thread timing.
    assertTrue(text.matches("(?s).*\\n    error HTTP 422 x2 \\(Pod \"bench-t2-[56]\" is invalid: "
        + "refused by the test\\)\\R.*"), text);
  }

  @Test
  void moreStreamsThanTheServerAllowsOpenOneMoreConnection() {
    // The fake server allows Vert.x's default of 100 concurrent streams a connection.
    int code = bench("--run", "t4", "--scenarios", "watch", "--warmup", "1",
        "--watchers", "120", "--watch-pods", "5", "--watch-writers", "2");
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("received 600/600 (120 watches x 5 pods)"), text);
    assertEquals(2, server.connections.get(), text);
    assertTrue(text.contains("bench: 2 connections used, not 1"), text);
  }

  @Test
  void plainHttpIsSpokenInHttp11WithTheBearerTokenUnderTheServersPath() throws Exception {
    server.close();
    server = new FakeApiServer();
    server.mount = "/k8s/clusters/c1";
    kubeconfig = kubeconfig("http://127.0.0.1:" + server.port() + server.mount,
        "insecure-skip-tls-verify: false", "{token: s3cret}");
    int code = bench("--run", "t5", "--scenarios", "create,list,watch", "--warmup", "2",
        "--pods", "20", "--clients", "1,4", "--list-runs", "1", "--watchers", "3",
        "--watch-pods", "10", "--watch-writers", "2");
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("protocol HTTP/1.1"), text);
    assertTrue(text.contains("received 30/30 (3 watches x 10 pods)"), text);
    assertEquals(java.util.Set.of("HTTP_1_1"), server.protocols);
    assertEquals(java.util.Set.of("Bearer s3cret"), server.authorizations);
    // A connection per request in flight: at least the 3 watches and 2 writers at once.
    assertTrue(server.connections.get() >= 5, text);
    assertTrue(text.contains("HTTP/1.1 has one per request in flight"), text);
  }

  @Test
  void comparesTwoServersInAlternatingRounds() throws Exception {
    try (FakeApiServer other = new FakeApiServer()) {
      Path b = Files.writeString(dir.resolve("b"), "current-context: b\n"
          + "clusters: [{name: c, cluster: {server: \"http://127.0.0.1:" + other.port() + "\"}}]\n"
          + "contexts: [{name: b, context: {cluster: c, user: u}}]\n"
          + "users: [{name: u, user: {token: t}}]\n");
      int code = bench("--run", "t7", "--scenarios", "create,list", "--warmup", "0", "--pods", "10",
          "--clients", "2", "--list-runs", "1", "--list-warmup", "0", "--rounds", "2", "--compare", b.toString());
      String text = out.toString();
      assertEquals(0, code, text);
      assertTrue(text.contains("bench: A server https://127.0.0.1:" + server.port()), text);
      assertTrue(text.contains("bench: B server http://127.0.0.1:" + other.port()), text);
      int r1a = text.indexOf("bench: round 1 on A");
      int r1b = text.indexOf("bench: round 1 on B");
      int r2b = text.indexOf("bench: round 2 on B");
      int r2a = text.indexOf("bench: round 2 on A");
      assertTrue(0 < r1a && r1a < r1b && r1b < r2b && r2b < r2a, "A first, then B first: " + text);
      assertTrue(text.contains("\nA create c=2 r1          ok=10 errors=0"), text);
      assertTrue(text.contains("\nB create c=2 r2          ok=10 errors=0"), text);
      // Each: the measured namespace's first pod, then 10 a round.
      assertEquals(21, server.pods.size());
      assertEquals(21, other.pods.size());
      assertTrue(other.deleted.contains("/api/v1/namespaces/bench-t7-b"), other.deleted.toString());
      assertTrue(server.deleted.contains("/api/v1/namespaces/bench-t7"), server.deleted.toString());
      String table = text.substring(text.indexOf("scenario "));
      assertTrue(table.startsWith("scenario                A per sec  B per sec     A/B"), table);
      for (String row : new String[] {"create c=2 r1", "list r1", "create c=2 r2", "list r2"}) {
        assertTrue(table.lines().anyMatch(l -> l.startsWith(row + " ") && l.contains("×")), row + " in " + table);
      }
      System.out.println(text);
    }
  }

  @Test
  void theServerNameIsVerified() throws Exception {
    // The server's certificate names 127.0.0.1 only.
    kubeconfig = kubeconfig("https://localhost:" + server.port(),
        "certificate-authority-data: " + TestPki.b64(serverCert), clientUser);
    int code = bench("--run", "t6", "--scenarios", "create");
    String text = out.toString();
    assertEquals(1, code, text);
    assertTrue(text.contains("bench: cannot reach the server") && text.contains("SSLHandshake")
        && text.contains("No name matching localhost found"), text);
    assertEquals(0, server.pods.size());
  }

  @Test
  void insecureSkipTlsVerifyTrustsAnyServer() throws Exception {
    kubeconfig = kubeconfig("https://localhost:" + server.port(),
        "insecure-skip-tls-verify: true", clientUser);
    int code = bench("--run", "t7", "--scenarios", "create", "--warmup", "1", "--pods", "5",
        "--clients", "2");
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("create c=2             ok=5 errors=0"), text);
  }

  @Test
  void aPodThatCannotBeCreatedStopsTheRunAtOnce() {
    server.refused.add("bench-t3-0");
    int code = bench("--run", "t3", "--warmup", "0");
    String text = out.toString();
    assertEquals(1, code, text);
    assertTrue(text.contains("bench: cannot create a pod in bench-t3:\n"
        + "    error HTTP 422 x1 (Pod \"bench-t3-0\" is invalid: refused by the test)"), text);
    assertEquals("[/api/v1/namespaces/bench-t3/pods, /api/v1/namespaces/bench-t3]",
        server.deleted.toString());
  }
}
