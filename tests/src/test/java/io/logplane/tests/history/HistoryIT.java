package io.logplane.tests.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.api.auth.ClientCert;
import io.logplane.api.auth.Kubeconfig;
import io.logplane.api.auth.Pki;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.Main;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The history API end to end on an in-process cluster: versions and refused attempts of an
 * object through raw HTTPS, kubectl and {@code logplane history}; the audit trail with its
 * filters and its audit.k8s.io export; and no Secret value anywhere in any of them.
 */
class HistoryIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String V1 = "/apis/history.logplane.io/v1";

  @TempDir static Path dir;
  private static Cluster cluster;
  private static Api admin;

  @BeforeAll
  static void start() throws Exception {
    cluster = Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1));
    admin = Api.of(cluster.kubeconfig());
    // alice's group may edit everywhere, as an administrator would grant it
    admin.create("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "{\"metadata\":{\"name\":\"devs-edit\"},"
        + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"edit\"},"
        + "\"subjects\":[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Group\",\"name\":\"devs\"}]}");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode ok(Response r, int code) throws Exception {
    assertEquals(code, r.code(), r.text());
    return r.json();
  }

  private static void namespace(String ns) throws Exception {
    ok(admin.send("POST", "/api/v1/namespaces", "application/json", "{\"metadata\":{\"name\":\"" + ns + "\"}}"), 201);
  }

  private static String cm(String ns, String name, String rv, String data, String labels) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
        + ns + "\"" + (rv == null ? "" : ",\"resourceVersion\":\"" + rv + "\"") + (labels == null ? ""
        : ",\"labels\":" + labels) + "},\"data\":" + data + "}";
  }

  /** Create, two updates, a stale update (409), an invalid one (422), delete: the RVs of the versions. */
  private static List<String> lifecycle(String ns, String name) throws Exception {
    String base = "/api/v1/namespaces/" + ns + "/configmaps";
    String rv1 = ok(admin.send("POST", base, "application/json", cm(ns, name, null, "{\"k1\":\"v1\"}", null)), 201)
        .at("/metadata/resourceVersion").asText();
    String rv2 = ok(admin.send("PUT", base + "/" + name, "application/json",
        cm(ns, name, rv1, "{\"k1\":\"v2\"}", null)), 200).at("/metadata/resourceVersion").asText();
    String rv3 = ok(admin.send("PUT", base + "/" + name, "application/json",
        cm(ns, name, rv2, "{\"k1\":\"v2\",\"k2\":\"x\"}", null)), 200).at("/metadata/resourceVersion").asText();
    ok(admin.send("PUT", base + "/" + name, "application/json", cm(ns, name, rv1, "{\"k1\":\"stale\"}", null)), 409);
    ok(admin.send("PUT", base + "/" + name, "application/json",
        cm(ns, name, rv3, "{\"k1\":\"v3\"}", "{\"bad\":\"not valid!\"}")), 422);
    ok(admin.send("DELETE", base + "/" + name, null, (String) null), 200);
    JsonNode deleted = versions(ns, "target.resource=configmaps,target.name=" + name + ",type=DELETED").path("items");
    assertEquals(1, deleted.size(), deleted.toString());
    String rv6 = deleted.get(0).path("resourceVersion").asText();
    assertTrue(Long.parseLong(rv6) > Long.parseLong(rv3), rv6);
    return List.of(rv1, rv2, rv3, rv6);
  }

  private static JsonNode versions(String ns, String selector) throws Exception {
    return ok(admin.get(V1 + "/namespaces/" + ns + "/versions?fieldSelector=" + q(selector)), 200);
  }

  @Test
  void everyVersionAndRefusedAttemptOfADeletedObjectIsListed() throws Exception {
    namespace("h1");
    List<String> rvs = lifecycle("h1", "cfg");
    JsonNode items = versions("h1", "target.resource=configmaps,target.name=cfg").path("items");
    List<String> types = new ArrayList<>();
    items.forEach(i -> types.add(i.path("type").asText()));
    assertEquals(List.of("ADDED", "MODIFIED", "MODIFIED", "REJECTED", "REJECTED", "DELETED"), types);
    assertEquals(rvs.get(0), items.get(0).path("resourceVersion").asText());
    assertEquals("configmaps.core.cfg." + rvs.get(0), items.get(0).at("/metadata/name").asText());
    assertEquals("h1", items.get(0).at("/metadata/namespace").asText());
    assertEquals("ConfigMap", items.get(0).at("/target/kind").asText());
    assertEquals(rvs.get(1), items.get(1).path("resourceVersion").asText());
    assertEquals(rvs.get(2), items.get(2).path("resourceVersion").asText());
    assertEquals(rvs.get(3), items.get(5).path("resourceVersion").asText());
    for (JsonNode i : items) {
      assertEquals("admin", i.path("actor").asText());
    }
    assertEquals(List.of("create", "update", "update", "update", "update", "delete"),
        items.findValues("verb").stream().map(JsonNode::asText).toList());
    assertTrue(items.get(1).path("patch").toString()
        .contains("{\"op\":\"replace\",\"path\":\"/data/k1\",\"value\":\"v2\"}"), items.get(1).toString());
    assertEquals("data.k1: v1 → v2", items.get(1).path("summary").asText());
    assertTrue(items.get(2).path("patch").toString().contains("{\"op\":\"add\",\"path\":\"/data/k2\",\"value\":\"x\"}"));
    assertEquals(409, items.get(3).at("/outcome/code").asInt());
    assertEquals("Conflict", items.get(3).at("/outcome/reason").asText());
    assertEquals(422, items.get(4).at("/outcome/code").asInt());
    assertEquals("Invalid", items.get(4).at("/outcome/reason").asText());
    assertEquals("v2", items.get(5).at("/object/data/k1").asText());

    JsonNode one = ok(admin.get(V1 + "/namespaces/h1/versions/configmaps.core.cfg." + rvs.get(1)), 200);
    assertEquals("MODIFIED", one.path("type").asText());
    assertEquals(404, admin.get(V1 + "/namespaces/h1/versions/configmaps.core.cfg.999999").code());

    JsonNode filtered = versions("h1", "target.resource=configmaps,target.name=cfg,type=REJECTED").path("items");
    assertEquals(2, filtered.size());
    assertEquals(0, versions("h1", "target.resource=configmaps,target.name=cfg,actor=alice").path("items").size());
    JsonNode unscoped = versions("h1", "target.name=cfg,verb=delete").path("items");
    assertEquals(1, unscoped.size());

    Response post = admin.send("POST", V1 + "/namespaces/h1/versions", "application/json", "{}");
    assertEquals(405, post.code());
    assertEquals("MethodNotAllowed", post.json().path("reason").asText());
  }

  @Test
  void kubectlFindsTheGroupAndPrintsTheVersionTable() throws Exception {
    namespace("h2");
    List<String> rvs = lifecycle("h2", "web");
    String resources = kubectl("api-resources", "--api-group=history.logplane.io");
    assertTrue(resources.contains("versions") && resources.contains("auditevents"), resources);
    String table = kubectl("get", "versions.history.logplane.io", "-n", "h2", "--field-selector", "target.name=web");
    assertTrue(table.contains("RESOURCE VERSION") && table.contains("CHANGE"), table);
    for (String rv : rvs) {
      assertTrue(table.contains(rv), table);
    }
    assertTrue(table.contains("data.k1: v1 → v2") && table.contains("+data.k2"), table);
    assertTrue(table.contains("REJECTED") && table.contains("Conflict") && table.contains("Invalid"), table);
    assertTrue(table.contains("409") && table.contains("422"), table);
    String audit = kubectl("get", "auditevents.history.logplane.io", "--field-selector", "namespace=h2,verb=delete");
    assertTrue(audit.contains("USER") && audit.contains("configmaps") && audit.contains("web"), audit);
  }

  @Test
  void logplaneHistoryPrintsVersionsDiffsAndRefusals() throws Exception {
    namespace("h3");
    List<String> rvs = lifecycle("h3", "app");
    StringWriter out = new StringWriter();
    int code = logplane(out, "history", "cm/app", "-n", "h3", "--kubeconfig", cluster.kubeconfig().toString());
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("RV " + rvs.get(0)) && text.contains("ADDED"), text);
    assertTrue(text.contains("RV " + rvs.get(1)) && text.contains("-  k1: v1") && text.contains("+  k1: v2"), text);
    assertTrue(text.contains("+  k2: x"), text);
    assertTrue(text.contains("refused: 409 Conflict") && text.contains("refused: 422 Invalid"), text);
    assertTrue(text.contains("RV " + rvs.get(3)) && text.contains("DELETED"), text);

    StringWriter none = new StringWriter();
    assertEquals(1, logplane(none, "history", "configmaps/never", "-n", "h3", "--kubeconfig",
        cluster.kubeconfig().toString()), none.toString());
    assertTrue(none.toString().contains("never existed"), none.toString());
    StringWriter bad = new StringWriter();
    assertEquals(2, logplane(bad, "history", "widgets/x", "--kubeconfig", cluster.kubeconfig().toString()));
  }

  @Test
  void theAuditTrailFiltersAndExports() throws Exception {
    namespace("h4");
    Path aliceConfig = aliceKubeconfig();
    Api alice = Api.of(aliceConfig);
    Instant before = Instant.now().minusMillis(1);
    ok(alice.send("POST", "/api/v1/namespaces/h4/configmaps", "application/json",
        cm("h4", "mine", null, "{\"a\":\"1\"}", null)), 201);
    ok(alice.send("POST", "/api/v1/namespaces/h4/configmaps", "application/json",
        cm("h4", "mine", null, "{\"a\":\"1\"}", null)), 409);
    ok(admin.send("DELETE", "/api/v1/namespaces/h4/configmaps/mine", null, (String) null), 200);

    JsonNode byAlice = audit("user=alice", null, null);
    assertEquals(2, byAlice.size(), byAlice.toString());
    assertEquals(201, byAlice.get(0).at("/outcome/code").asInt());
    assertEquals(409, byAlice.get(1).at("/outcome/code").asInt());
    assertEquals("AlreadyExists", byAlice.get(1).at("/outcome/reason").asText());
    assertEquals(1, audit("user=alice,outcome=rejected", null, null).size());
    assertEquals(1, audit("namespace=h4,verb=delete,resource=configmaps,group=", null, null).size());
    assertEquals(0, audit("namespace=h4,resource=configmaps,group=apps", null, null).size());
    String lastAlice = byAlice.get(1).path("time").asText();
    Instant justAfter = Instant.parse(lastAlice).plusMillis(1);
    assertEquals(3, audit("namespace=h4,resource=configmaps,name=mine", before.toString(), null).size());
    assertEquals(2, audit("namespace=h4,resource=configmaps,name=mine", before.toString(), lastAlice).size());
    assertEquals(0, audit("user=alice", justAfter.toString(), null).size());
    assertEquals(1, audit("namespace=h4,resource=configmaps,name=mine", justAfter.toString(), null).size());

    // name=mine: the namespace's kube-root-ca.crt is the root CA publisher's
    Response export = admin.get(V1 + "/auditevents?format=audit.k8s.io&fieldSelector="
        + q("namespace=h4,resource=configmaps,name=mine"), "*/*");
    assertEquals(200, export.code(), export.text());
    assertEquals("application/x-ndjson", export.contentType());
    List<String> lines = export.text().lines().toList();
    assertEquals(3, lines.size(), export.text());
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      assertEquals("Event", e.path("kind").asText());
      assertEquals("audit.k8s.io/v1", e.path("apiVersion").asText());
      assertEquals("ResponseComplete", e.path("stage").asText());
      assertEquals("h4", e.at("/objectRef/namespace").asText());
      assertFalse(e.path("auditID").asText().isEmpty());
      assertTrue(e.path("stageTimestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
    }
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("alice", first.at("/user/username").asText());
    assertEquals("/api/v1/namespaces/h4/configmaps", first.path("requestURI").asText());
    assertEquals(409, JSON.readTree(lines.get(1)).at("/responseStatus/code").asInt());
    assertEquals("delete", JSON.readTree(lines.get(2)).path("verb").asText());
  }

  @Test
  void secretValuesAppearNowhere() throws Exception {
    namespace("h5");
    String plain1 = "s3cr3t-first-value";
    String plain2 = "s3cr3t-second-value";
    String b1 = Base64.getEncoder().encodeToString(plain1.getBytes(StandardCharsets.UTF_8));
    String b2 = Base64.getEncoder().encodeToString(plain2.getBytes(StandardCharsets.UTF_8));
    String base = "/api/v1/namespaces/h5/secrets";
    String rv = ok(admin.send("POST", base, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
        + "\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"" + b1 + "\"}}"), 201)
        .at("/metadata/resourceVersion").asText();
    ok(admin.send("PUT", base + "/db", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
        + "\"metadata\":{\"name\":\"db\",\"resourceVersion\":\"" + rv + "\"},\"stringData\":{\"password\":\""
        + plain2 + "\"}}"), 200);
    ok(admin.send("PUT", base + "/db", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
        + "\"metadata\":{\"name\":\"db\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"password\":\"" + b1
        + "\"}}"), 409);

    List<String> bodies = new ArrayList<>();
    JsonNode items = versions("h5", "target.resource=secrets,target.name=db").path("items");
    assertEquals(3, items.size(), items.toString());
    assertTrue(items.get(1).path("summary").asText().startsWith("data: <sealed sha256:"), items.get(1).toString());
    bodies.add(items.toString());
    bodies.add(admin.get(V1 + "/namespaces/h5/versions?fieldSelector=" + q("target.name=db"),
        "application/json;as=Table;v=v1;g=meta.k8s.io").text());
    bodies.add(admin.get(V1 + "/namespaces/h5/versions?includeObject=Object&fieldSelector="
        + q("target.name=db"), "application/json;as=Table;v=v1;g=meta.k8s.io").text());
    bodies.add(admin.get(V1 + "/auditevents?fieldSelector=" + q("namespace=h5")).text());
    bodies.add(admin.get(V1 + "/auditevents?format=audit.k8s.io", "*/*").text());
    StringWriter out = new StringWriter();
    assertEquals(0, logplane(out, "history", "secret/db", "-n", "h5", "--kubeconfig",
        cluster.kubeconfig().toString()));
    bodies.add(out.toString());
    bodies.add(kubectl("get", "versions.history.logplane.io", "-n", "h5", "-o", "yaml"));
    assertTrue(items.get(0).at("/object/data").asText().startsWith("<sealed sha256:"), items.get(0).toString());
    for (String body : bodies) {
      for (String secret : List.of(plain1, plain2, b1, b2)) {
        assertFalse(body.contains(secret), "secret value in: " + body);
      }
    }
  }

  /**
   * The tables and the report as a user reads them after kubectl apply, replace and scale: the
   * change leads (last-applied last), refusals are whole, the same selectors work on both
   * resources, and the export names the scale subresource and starts with a standard verb.
   */
  @Test
  void tablesReadWellAndSelectorsMatchWhatTheyPrint() throws Exception {
    namespace("h6");
    java.nio.file.Files.writeString(dir.resolve("h6.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: applied\n  namespace: h6\n  labels:\n    a: \"1\"\ndata:\n  k: v1\n");
    kubectl("apply", "-f", dir.resolve("h6.yaml").toString());
    java.nio.file.Files.writeString(dir.resolve("h6.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: applied\n  namespace: h6\n  labels:\n    a: \"1\"\ndata:\n  k: v2\n");
    kubectl("apply", "-f", dir.resolve("h6.yaml").toString());
    String table = kubectl("get", "versions.history.logplane.io", "-n", "h6", "--field-selector",
        "resource=configmaps,name=applied");
    assertTrue(table.contains("data.k: v1 → v2; last-applied-configuration updated"), table);

    ok(admin.send("POST", "/api/v1/namespaces/h6/configmaps", "application/json",
        "{\"metadata\":{\"name\":\"plain\",\"labels\":{\"x\":\"1\",\"y\":\"1\"}},\"data\":{\"d\":\"1\"}}"), 201);
    ok(admin.send("PUT", "/api/v1/namespaces/h6/configmaps/plain", "application/json",
        cm("h6", "plain", null, "{}", "{\"bad\":\"not valid!\"}")), 422);
    java.nio.file.Files.writeString(dir.resolve("plain.json"), "{\"data\":{\"d\":\"1\"},\"metadata\":{\"labels\":"
        + "{\"y\":\"1\",\"x\":\"2\"},\"namespace\":\"h6\",\"name\":\"plain\"},\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\"}");
    kubectl("replace", "-f", dir.resolve("plain.json").toString());
    JsonNode refused = versions("h6", "name=plain,type=rejected").path("items");
    assertEquals(1, refused.size(), refused.toString());
    String message = refused.get(0).at("/outcome/message").asText();
    assertTrue(message.length() > 70, message);
    String wide = kubectl("get", "versions.history.logplane.io", "-n", "h6", "--field-selector", "name=plain");
    assertTrue(wide.contains("Invalid: " + message), wide);
    String audits = kubectl("get", "auditevents.history.logplane.io", "--field-selector",
        "namespace=h6,outcome=REJECTED");
    assertTrue(audits.contains("REASON") && audits.contains("Invalid: " + message), audits);
    assertEquals(1, versions("h6", "name=plain,outcome=rejected").path("items").size());

    StringWriter report = new StringWriter();
    assertEquals(0, logplane(report, "history", "cm/plain", "-n", "h6", "--kubeconfig",
        cluster.kubeconfig().toString()));
    String replaced = report.toString().substring(report.toString().lastIndexOf("MODIFIED"));
    assertEquals(List.of("-    x: \"1\"", "+    x: \"2\""), replaced.lines().map(String::trim)
        .filter(l -> l.startsWith("-") || l.startsWith("+")).toList(), report.toString());

    ok(admin.send("POST", "/apis/apps/v1/namespaces/h6/deployments", "application/json", "{\"metadata\":{\"name\":"
        + "\"web\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":"
        + "{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":"
        + "\"nginx\"}]}}}}"), 201);
    Instant beforeScale = Instant.now().minusMillis(1);
    kubectl("scale", "deployment/web", "-n", "h6", "--replicas=3");
    String deployTable = kubectl("get", "versions.history.logplane.io", "-n", "h6", "--field-selector",
        "resource=deployments.apps");
    assertTrue(deployTable.contains("deployments.apps/web") && deployTable.contains("spec.replicas: 1 → 3"),
        deployTable);
    assertFalse(deployTable.contains("configmaps"), deployTable);
    assertEquals(1, audit("resource=deployments.apps,namespace=h6,user=admin,since=" + beforeScale, null, null)
        .size());
    assertEquals(0, audit("resource=deployments.batch,namespace=h6", null, null).size());
    Response export = admin.get(V1 + "/auditevents?format=audit.k8s.io&fieldSelector="
        + q("resource=deployments.apps,namespace=h6,user=admin,since=" + beforeScale), "*/*");
    JsonNode scale = JSON.readTree(export.text().lines().findFirst().orElseThrow());
    assertEquals("/apis/apps/v1/namespaces/h6/deployments/web/scale", scale.path("requestURI").asText());
    assertEquals("scale", scale.at("/objectRef/subresource").asText());
    assertTrue(List.of("patch", "update").contains(scale.path("verb").asText()), scale.toString());
    JsonNode first = JSON.readTree(admin.get(V1 + "/auditevents?format=audit.k8s.io&limit=1", "*/*").text());
    assertEquals("create", first.path("verb").asText(), first.toString());
    assertEquals("genesis", first.at("/annotations/logplane.io~1record").asText(), first.toString());

    String labelled = kubectl("get", "versions.history.logplane.io", "-n", "h6", "-l", "a=1");
    assertTrue(labelled.contains("configmaps/applied") && !labelled.contains("plain")
        && !labelled.contains("deployments"), labelled);
    JsonNode all = versions("h6", "name=applied").path("items");
    String firstRv = all.get(0).path("resourceVersion").asText();
    JsonNode past = ok(admin.get(V1 + "/namespaces/h6/versions?resourceVersionMatch=Exact&resourceVersion=" + firstRv
        + "&fieldSelector=" + q("name=applied")), 200);
    assertEquals(firstRv, past.at("/metadata/resourceVersion").asText());
    assertEquals(1, past.path("items").size(), past.toString());
  }

  private static JsonNode audit(String selector, String since, String until) throws Exception {
    String path = V1 + "/auditevents?fieldSelector=" + q(selector) + (since == null ? "" : "&since=" + q(since))
        + (until == null ? "" : "&until=" + q(until));
    return ok(admin.get(path), 200).path("items");
  }

  private static Path aliceKubeconfig() throws Exception {
    Pki pki = Pki.loadOrCreate(dir, List.of());
    ClientCert cert = pki.issueClient("alice", List.of("devs"));
    Path file = dir.resolve("alice.kubeconfig");
    Kubeconfig.write(file, Kubeconfig.render("logplane", cluster.url(), pki.caPem(), "alice", null, cert.certPem(),
        cert.keyPem()));
    return file;
  }

  private static int logplane(StringWriter out, String... args) {
    CommandLine cl = Main.commandLine(args);
    PrintWriter w = new PrintWriter(out, true);
    cl.setOut(w).setErr(w);
    return cl.execute(args);
  }

  private static String kubectl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/kubectl", "--kubeconfig", cluster.kubeconfig().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl timed out");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + text);
    return text;
  }
}
