package io.logplane.tests;

import static io.logplane.tests.HostileBodies.cm;
import static io.logplane.tests.HostileBodies.deployment;
import static io.logplane.tests.HostileBodies.nested;
import static io.logplane.tests.HostileBodies.pod;
import static io.logplane.tests.HostileBodies.splice;
import static io.logplane.tests.HostileBodies.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.RawConnection;
import io.logplane.tests.http.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile requests replayed over real sockets against a running server, beyond the
 * malformed ones of {@link BadInputIT}: bodies nested 100,000 deep, numbers past any type,
 * duplicate keys, invalid UTF-8 in bodies and names, a body that never ends, 10,000 query
 * parameters, path traversal in names, names of a megabyte, null bytes. Each is a 4xx Kubernetes
 * Status, after each the server answers a normal read, no one reads what they may not through a
 * crafted path, and at the end every object written before is as it was. The counts by status
 * code are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

  private static final String NS = "/api/v1/namespaces/hostile";
  private static final String CMS = NS + "/configmaps";
  private static final String JSON = "application/json";
  private static final Duration PROMPTLY = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static Cluster cluster;
  static Api api;
  static final List<ObjectNode> before = new ArrayList<>();
  static final Map<Integer, Integer> byCode = new TreeMap<>();

  @BeforeAll
  static void start() throws Exception {
    // kube's --request-timeout cut to 5 s, so that the body never sent is given up on sooner
    java.nio.file.Path data = java.nio.file.Files.createDirectories(dir.resolve("data"));
    cluster = Cluster.start(new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1)
        .withLimits(io.logplane.api.http.RequestLimits.DEFAULT.withTimeout(5_000)));
    api = ClusterFixture.admin(cluster);
    api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"hostile\"}}");
    before.add(api.create(CMS, cm("keep", "{\"a\":\"1\"}")));
    before.add(api.create(NS + "/secrets", "{\"metadata\":{\"name\":\"s\"},\"stringData\":{\"password\":\"hunter2\"}}"));
    before.add(api.create("/apis/apps/v1/namespaces/hostile/deployments", deployment("web", "1")));
    // bob may read ConfigMaps of the namespace, and nothing else
    api.create("/apis/rbac.authorization.k8s.io/v1/namespaces/hostile/roles", "{\"metadata\":{\"name\":\"cm-reader\"},"
        + "\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],\"verbs\":[\"get\",\"list\"]}]}");
    api.create("/apis/rbac.authorization.k8s.io/v1/namespaces/hostile/rolebindings", "{\"metadata\":{\"name\":\"bob\"},"
        + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"cm-reader\"},"
        + "\"subjects\":[{\"kind\":\"User\",\"name\":\"bob\",\"apiGroup\":\"rbac.authorization.k8s.io\"}]}");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void deepNesting() {
    refused(post(CMS, JSON, utf8(nested(100_000, false, "1"))), "nesting depth");
    refused(post(CMS, JSON, utf8(cm("deep", nested(600, false, "\"v\"")))), "nesting depth");
    refused(post(CMS, "application/yaml", utf8(nested(100_000, true, "1"))), "nesting depth");
    refused(send("PATCH", CMS + "/keep", "application/merge-patch+json", utf8(nested(100_000, true, "1"))), "");
    refused(send("PATCH", CMS + "/keep", "application/strategic-merge-patch+json",
        utf8("{\"data\":" + nested(100_000, false, "1") + "}")), "");
    refused(send("PATCH", CMS + "/keep", "application/json-patch+json",
        utf8("[{\"op\":\"add\",\"path\":\"/x\",\"value\":" + nested(100_000, true, "1") + "}]")), "");
    // within Jackson's 1000 levels, but past what the apply's recursive merge held on its stack
    refused(send("PATCH", CMS + "/keep?fieldManager=m", "application/apply-patch+yaml",
        utf8(cm("keep", "{\"a\":\"1\"}").replace("\"data\"", "\"x\":" + nested(990, false, "1") + ",\"data\""))), "");
    refused(post(CMS, "application/vnd.kubernetes.protobuf", HostileBodies.protobufNestedGroups()), "");
  }

  @Test
  void hugeNumbers() {
    String deploys = "/apis/apps/v1/namespaces/hostile/deployments";
    refused(post(deploys, JSON, utf8(deployment("d1", "1e400"))), "");
    refused(post(deploys, JSON, utf8(deployment("d2", "1" + "0".repeat(99)))), "");
    refused(post(deploys, JSON, utf8(deployment("d3", "9".repeat(5000)))), "");
    refused(post(deploys, JSON, utf8(deployment("d4", "-1e-400"))), "");
    refused(post(CMS, JSON, utf8(cm("n1", "{\"a\":1e400}"))), "");
    // a valid quantity kube keeps as mantissa and exponent; printing it must not write its digits
    refused(post(NS + "/pods", JSON, utf8(pod("q1", "{\"requests\":{\"cpu\":\"1e999999999\"},"
        + "\"limits\":{\"cpu\":\"1\"}}"))), "");
    refused(post(NS + "/pods", JSON, utf8(pod("q2", "{\"requests\":{\"memory\":\"1e2147483648\"}}"))), "");
    refused(post(NS + "/pods", JSON, utf8(pod("q3", "{\"requests\":{\"cpu\":1e400}}"))), "");
    // a million digits: reading and printing such a number took minutes of an event loop
    refused(post(NS + "/pods", JSON, utf8(pod("q4", "{\"requests\":{\"cpu\":\"1" + "0".repeat(1_000_000) + "\"}}"))),
        "unable to parse quantity's numeric part");
    refused(send("GET", CMS + "?limit=" + "9".repeat(100), null, null), "limit");
    refused(send("GET", CMS + "?watch=true&timeoutSeconds=1e400", null, null), "timeoutSeconds");
    refused(send("GET", CMS + "/keep?resourceVersion=" + "9".repeat(100), null, null), "");
  }

  @Test
  void duplicateKeys() {
    refused(post(CMS + "?fieldValidation=Strict", JSON,
        utf8("{\"metadata\":{\"name\":\"dup\",\"name\":\"dup2\"},\"data\":{}}")), "duplicate field");
    refused(post(CMS + "?fieldValidation=Strict", "application/yaml",
        utf8("metadata:\n  name: dup\n  name: dup2\n")), "duplicate field");
    refused(send("PUT", CMS + "/keep?fieldValidation=Strict", JSON,
        utf8("{\"metadata\":{\"name\":\"keep\"},\"data\":{\"a\":\"1\",\"a\":\"2\"}}")), "duplicate field");
  }

  @Test
  void invalidUtf8() {
    byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28};
    refused(post(CMS, JSON, splice("{\"metadata\":{\"name\":\"", bad, "\"}}")), "");
    refused(post(CMS, JSON, splice("{\"metadata\":{\"name\":\"u1\"},\"data\":{\"k\":\"", bad, "\"}}")), "");
    refused(post(CMS, "application/yaml", splice("metadata:\n  name: ", bad, "\n")), "");
    refused(send("GET", utf8(CMS + "/"), bad, null, null), "");
    refused(send("GET", CMS + "/%ff%fe%c3%28", null, null), "");
    refused(send("DELETE", CMS + "/%ff", null, null), "");
  }

  /** A body announced and never sent: the request times out, and meanwhile everyone else is served. */
  @Test
  void slowLorisBody() throws Exception {
    try (RawConnection slow = api.connect()) {
      slow.write(slow.head("POST", utf8(CMS), "Content-Type: application/json", "Content-Length: 100000"));
      slow.write(utf8("{\"metadata\":"));
      CompletableFuture<Response> answer = CompletableFuture.supplyAsync(slow::read);
      for (int i = 0; i < 5; i++) {
        serving();
        assertFalse(answer.isDone() && answer.join().code() < 400, "answered a body never sent");
      }
      Response r = answer.get();
      status(r, "POST " + CMS + " (body never finished)");
      assertEquals(408, r.code(), r.text());
    }
    serving();
  }

  @Test
  void tenThousandQueryParameters() {
    String many = IntStream.range(0, 10_000).mapToObj(i -> "p" + i + "=" + i).collect(Collectors.joining("&"));
    refused(send("GET", CMS + "?" + many + "&limit=x", null, null), "limit");
    String dryRuns = IntStream.range(0, 10_000).mapToObj(i -> "dryRun=Bogus").collect(Collectors.joining("&"));
    refused(post(CMS + "?" + dryRuns, JSON, utf8(cm("q", "{}"))), "dryRun");
  }

  @Test
  void pathTraversalInNames() {
    for (String name : List.of("..", "%2e%2e", "%2E%2E", ".", "a%2Fb", "..%2F..%2Fsecrets%2Fs", "%2e%2e%2fsecrets")) {
      // kube's storage refuses the name before any lookup: NamespaceKeyFunc's 400
      for (Response r : List.of(send("GET", CMS + "/" + name, null, null), send("DELETE", CMS + "/" + name, null, null),
          send("PUT", CMS + "/" + name, JSON, utf8(cm(name, "{}"))),
          send("PATCH", CMS + "/" + name, "application/merge-patch+json", utf8("{}")))) {
        assertEquals(400, r.code(), name + " → " + r.text());
        refused(r, "Name parameter invalid: \"");
      }
    }
    refused(post(CMS, JSON, utf8(cm("..", "{}"))), "metadata.name");
    refused(post(CMS, JSON, utf8(cm("../../secrets/s", "{}"))), "metadata.name");
    // bob reads ConfigMaps only: no spelling of a path takes him to the Secret
    for (String path : List.of(CMS + "/../secrets/s", CMS + "/..%2Fsecrets%2Fs", CMS + "/%2e%2e/secrets/s",
        NS + "/configmaps/../../hostile/secrets/s", "/api/v1/namespaces/hostile/secrets/s",
        CMS + "/keep/../../secrets/s", "/api/v1/namespaces/hostile/configmaps/./../secrets/s")) {
      Response r = send("GET", utf8(path), new byte[0], null, null, "Impersonate-User: bob");
      assertFalse(r.text().contains("aHVudGVyMg==") || r.text().contains("hunter2"), path + " → " + r.text());
      refused(r, "GET " + path + " as bob", "");
    }
  }

  @Test
  void overLongNamesAndNullBytes() {
    refused(post(CMS, JSON, utf8(cm("a".repeat(254), "{}"))), "metadata.name");
    refused(post(CMS, JSON, utf8(cm("a.".repeat(500_000) + "a", "{}"))), "metadata.name");
    // a key of 20,000 labels (Jackson refuses keys past 50,000 characters, a 400 too)
    refused(post(CMS, JSON, utf8("{\"metadata\":{\"name\":\"l\",\"labels\":{\"" + "a.".repeat(20_000) + "a/k\":\"v\"}}}")),
        "metadata.labels");
    refused(post(CMS, JSON, utf8("{\"metadata\":{\"name\":\"l\",\"labels\":{\"" + "a".repeat(60_000) + "\":\"v\"}}}")),
        "");
    refused(post("/apis/networking.k8s.io/v1/namespaces/hostile/ingresses", JSON, utf8("{\"metadata\":{\"name\":"
        + "\"i\"},\"spec\":{\"rules\":[{\"host\":\"*." + "a.".repeat(500_000) + "a\"}]}}")), "spec.rules[0].host");
    refused(send("GET", CMS + "/" + "a".repeat(10_000), null, null), "");
    refused(post(CMS, JSON, utf8(cm("a\\u0000b", "{}"))), "metadata.name");
    refused(post(CMS, JSON, utf8("{\"metadata\":{\"name\":\"nul\",\"labels\":{\"k\":\"v\\u0000\"}}}")),
        "metadata.labels");
    refused(send("GET", CMS + "/a%00b", null, null), "");
    refused(send("GET", utf8(CMS + "/a"), new byte[] {0}, null, null), "");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void dataIntactAndServerServing() {
    for (ObjectNode o : before) {
      String kind = o.path("kind").asText();
      String path = (kind.equals("Deployment") ? "/apis/apps/v1/namespaces/hostile/deployments/"
          : kind.equals("Secret") ? NS + "/secrets/" : CMS + "/") + o.path("metadata").path("name").asText();
      JsonNode now = api.get(path).json();
      assertEquals(o.path("metadata").path("uid"), now.path("metadata").path("uid"), path);
      assertEquals(o.path("data"), now.path("data"), path);
      assertEquals(o.path("spec"), now.path("spec"), path);
      if (!kind.equals("Deployment")) {
        assertEquals(o.path("metadata").path("resourceVersion"), now.path("metadata").path("resourceVersion"), path);
      }
    }
    List<String> names = new ArrayList<>();
    api.get(CMS).json().path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
    assertEquals(List.of("keep"), names.stream().filter(n -> !n.equals("kube-root-ca.crt")).toList());
    int total = byCode.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println("hostile requests: " + total + ", by status code: " + byCode);
    assertTrue(total >= 60, "the corpus ran: " + byCode);
    assertTrue(byCode.keySet().stream().allMatch(c -> c >= 400 && c < 500), byCode.toString());
    assertEquals("ok", api.get("/readyz").text());
  }

  private static Response post(String path, String contentType, byte[] body) {
    return send("POST", path, contentType, body);
  }

  /** One request on its own connection: the target's bytes as given, the body with its length. */
  private static Response send(String method, byte[] path, byte[] rawTail, String contentType, byte[] body,
      String... headers) {
    byte[] target = new byte[path.length + rawTail.length];
    System.arraycopy(path, 0, target, 0, path.length);
    System.arraycopy(rawTail, 0, target, path.length, rawTail.length);
    List<String> h = new ArrayList<>(List.of(headers));
    h.add("Connection: close");
    if (contentType != null) {
      h.add("Content-Type: " + contentType);
    }
    if (body != null) {
      h.add("Content-Length: " + body.length);
    }
    try (RawConnection c = api.connect()) {
      c.write(c.head(method, target, h.toArray(String[]::new)));
      if (body != null) {
        c.write(body);
      }
      return c.read();
    }
  }

  private static JsonNode refused(Response r, String expected) {
    return refused(r, "", expected);
  }

  private static Response send(String method, String path, String contentType, byte[] body) {
    Response r = send(method, utf8(path), new byte[0], contentType, body);
    System.out.println("hostile " + method + " " + abbreviate(path, 80) + (body == null ? "" : " (" + body.length
        + " bytes " + contentType + ")") + " → " + r.code() + " " + abbreviate(r.text(), 160));
    return r;
  }

  /** Requires a 4xx Status (whose message names {@code expected}), counts it, and a served read after it. */
  private static JsonNode refused(Response r, String what, String expected) {
    JsonNode s = status(r, what);
    assertTrue(r.code() >= 400 && r.code() < 500, what + " → " + r.code() + " " + r.text());
    assertTrue(s.path("message").asText().contains(expected), what + " → " + s);
    serving();
    return s;
  }

  /** Requires a Kubernetes Status matching the answer's code, and counts it. */
  private static JsonNode status(Response r, String what) {
    synchronized (byCode) {
      byCode.merge(r.code(), 1, Integer::sum);
    }
    String text = r.text();
    JsonNode s = r.json();
    assertEquals("Status", s.path("kind").asText(), what + " → " + r.code() + " " + abbreviate(text));
    assertEquals("Failure", s.path("status").asText(), what + " → " + abbreviate(text));
    assertEquals(r.code(), s.path("code").asInt(), what + " → " + abbreviate(text));
    assertFalse(s.path("reason").asText().isEmpty(), abbreviate(text));
    return s;
  }

  private static String abbreviate(String s) {
    return abbreviate(s, 400);
  }

  private static String abbreviate(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "…" : s;
  }

  /** The server still serves: a normal read answers (awaited, not timed). */
  private static void serving() {
    await().atMost(PROMPTLY).pollInSameThread().ignoreExceptions()
        .until(() -> api.get(CMS + "/keep").code() == 200);
  }
}
