package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.logplane.tests.Statuses.assertCause;
import static io.logplane.tests.Statuses.causes;
import static io.logplane.tests.Statuses.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad request against a running server answers the Kubernetes {@code Status} of
 * kube-apiserver (code, reason, causes), and none of them harms the data or the server: the
 * last test finds every object as it was and the server still serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

  private static final String CMS = "/api/v1/namespaces/bad/configmaps";
  private static final String JSON = "application/json";

  @TempDir static Path dir;
  static Cluster cluster;
  static Api api;
  static final List<ObjectNode> before = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    api = ClusterFixture.admin(cluster);
    api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"bad\"}}");
    before.add(api.create(CMS, cm("keep", "{\"a\":\"1\"}")));
    before.add(api.create(CMS, cm("stale", "{\"a\":\"1\"}")));
    before.add(api.create("/apis/apps/v1/namespaces/bad/deployments", "{\"metadata\":{\"name\":\"web\"},"
        + "\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":"
        + "{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}}}"));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void undecodableBodies() {
    status(api.send("POST", CMS, JSON, "{\"metadata\": {\"name\": "), 400, "BadRequest");
    status(api.send("POST", CMS, "application/yaml", "metadata: [unclosed\n  name: x: y\n"), 400, "BadRequest");
    status(api.send("POST", CMS, JSON, "[1, 2]"), 400, "BadRequest");
    status(api.send("POST", CMS, JSON, ""), 400, "BadRequest");
    status(api.send("POST", CMS, "text/plain", cm("plain", "{}")), 415, "UnsupportedMediaType");
    status(api.send("POST", CMS, "application/xml", "<configmap/>"), 415, "UnsupportedMediaType");
    status(api.send("PATCH", CMS + "/keep", "text/plain", "{}"), 415, "UnsupportedMediaType");
  }

  @Test
  void bodyOverThreeMebibytes() {
    String big = "x".repeat(3 * 1024 * 1024 + 1024);
    status(api.send("POST", CMS, JSON, cm("huge", "{\"big\":\"" + big + "\"}")), 413, "RequestEntityTooLarge");
  }

  @Test
  void invalidObjectsNameTheirFields() {
    assertCause(status(api.send("POST", CMS, JSON, cm("Bad_Name", "{}")), 422, "Invalid"), "metadata.name");
    assertCause(status(api.send("POST", CMS, JSON,
        "{\"metadata\":{\"name\":\"l1\",\"labels\":{\"bad key!\":\"v\"}}}"), 422, "Invalid"), "metadata.labels");
    assertCause(status(api.send("POST", CMS, JSON,
        "{\"metadata\":{\"name\":\"l2\",\"labels\":{\"k\":\"bad value!\"}}}"), 422, "Invalid"), "metadata.labels");
    assertCause(status(api.send("POST", "/api/v1/namespaces/bad/pods", JSON,
        "{\"metadata\":{\"name\":\"p\"},\"spec\":{}}"), 422, "Invalid"), "spec.containers");
  }

  @Test
  void kindRulesOfKubeApiserver() {
    String pods = "/api/v1/namespaces/bad/pods";
    JsonNode secret = status(api.send("POST", "/api/v1/namespaces/bad/secrets", JSON,
        "{\"metadata\":{\"name\":\"s\"},\"data\":{\"k\":\"not base64!\"}}"), 400, "BadRequest");
    assertEquals("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3",
        secret.path("message").asText());
    assertCause(status(api.send("POST", pods, JSON, pod("p1", "", "\"ports\":[{\"containerPort\":70000}]")), 422,
        "Invalid"), "spec.containers[0].ports[0].containerPort");
    assertCause(status(api.send("POST", pods, JSON, "{\"metadata\":{\"name\":\"p2\"},\"spec\":{\"containers\":"
        + "[{\"name\":\"c\",\"image\":\"i\"},{\"name\":\"c\",\"image\":\"i\"}]}}"), 422, "Invalid"),
        "spec.containers[1].name");
    JsonNode restart = status(api.send("POST", pods, JSON, pod("p3", "\"restartPolicy\":\"Sometimes\",", "")), 422,
        "Invalid");
    assertEquals("Pod \"p3\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values:"
        + " \"Always\", \"OnFailure\", \"Never\"", restart.path("message").asText());
    JsonNode cpu = status(api.send("POST", pods, JSON, pod("p4", "", "\"resources\":{\"requests\":{\"cpu\":"
        + "\"abc\"}}")), 400, "BadRequest");
    assertTrue(cpu.path("message").asText().startsWith("Pod in version \"v1\" cannot be handled as a Pod:"
        + " quantities must match the regular expression"), cpu.toString());
    assertCause(status(api.send("POST", pods, JSON, pod("p5", "", "\"resources\":{\"requests\":{\"cpu\":\"2\"},"
        + "\"limits\":{\"cpu\":\"1\"}}")), 422, "Invalid"), "spec.containers[0].resources.requests");
    assertCause(status(api.send("POST", pods, JSON, pod("p6", "", "\"volumeMounts\":[{\"name\":\"gone\","
        + "\"mountPath\":\"/d\"}]")), 422, "Invalid"), "spec.containers[0].volumeMounts[0].name");
    assertCause(status(api.send("POST", pods, JSON, pod("p7", "\"tolerations\":[{\"key\":\"k\",\"value\":\"v\","
        + "\"effect\":\"Sometimes\"}],", "")), 422, "Invalid"), "spec.tolerations[0].effect");
    String services = "/api/v1/namespaces/bad/services";
    assertCause(status(api.send("POST", services, JSON, "{\"metadata\":{\"name\":\"s1\"},\"spec\":{\"type\":"
        + "\"Bogus\",\"ports\":[{\"port\":80}]}}"), 422, "Invalid"), "spec.type");
    assertCause(status(api.send("POST", services, JSON, "{\"metadata\":{\"name\":\"s2\"},\"spec\":{\"ports\":"
        + "[{\"port\":80},{\"port\":81}]}}"), 422, "Invalid"), "spec.ports[0].name");
    String overOneMebibyte = "x".repeat(1024 * 1024 + 1);
    JsonNode big = status(api.send("POST", CMS, JSON, cm("big", "{\"a\":\"" + overOneMebibyte + "\"}")), 422, "Invalid");
    assertEquals("ConfigMap \"big\" is invalid: []: Too long: must have at most 1048576 bytes",
        big.path("message").asText());
    JsonNode dryRun = status(api.send("POST", CMS + "?dryRun=Bogus", JSON, cm("dry", "{}")), 422, "Invalid");
    assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Bogus\"}:"
        + " supported values: \"All\"", dryRun.path("message").asText());
  }

  @Test
  void podUpdatesChangeOnlyWhatKubeAllows() {
    String pods = "/api/v1/namespaces/bad/pods";
    api.create(pods, pod("running", "", "\"ports\":[{\"containerPort\":80}]"));
    JsonNode ports = status(api.send("PATCH", pods + "/running", "application/strategic-merge-patch+json",
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":81}]}]}}"), 422, "Invalid");
    assertCause(ports, "spec");
    assertTrue(ports.path("message").asText().contains("spec: Forbidden: pod updates may not change fields other"
        + " than `spec.containers[*].image`"), ports.toString());
    status(api.send("PATCH", pods + "/running", "application/merge-patch+json",
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"},{\"name\":\"d\",\"image\":\"i\"}]}}"),
        422, "Invalid");
    Response image = api.send("PATCH", pods + "/running", "application/strategic-merge-patch+json",
        "{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"j\"}]}}");
    assertEquals(200, image.code(), image.text());
  }

  private static String pod(String name, String specExtra, String containerExtra) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specExtra + "\"containers\":[{\"name\":"
        + "\"c\",\"image\":\"i\"" + (containerExtra.isEmpty() ? "" : "," + containerExtra) + "}]}}";
  }

  @Test
  void unknownResourcesAndVerbs() {
    status(api.get("/api/v1/foos"), 404, "NotFound");
    status(api.get("/api/v1/namespaces/bad/foos/x"), 404, "NotFound");
    status(api.get("/apis/nope.example.com/v1/things"), 404, "NotFound");
    status(api.send("POST", CMS + "/keep", JSON, cm("keep", "{}")), 405, "MethodNotAllowed");
    status(api.send("PUT", CMS, JSON, cm("keep", "{}")), 405, "MethodNotAllowed");
  }

  @Test
  void badQueryParameters() {
    status(api.get(CMS + "?labelSelector=a%20in%20("), 400, "BadRequest");
    status(api.get(CMS + "?fieldSelector=spec.nothing%3Dx"), 400, "BadRequest");
    status(api.get(CMS + "?resourceVersion=abc"), 400, "BadRequest");
    status(api.get(CMS + "/keep?resourceVersion=abc"), 400, "BadRequest");
    status(api.get(CMS + "?limit=x"), 400, "BadRequest");
  }

  /**
   * A query a client got wrong, to lists, watches, gets and the history API, sent byte for byte
   * (malformed escapes included): each is a 400 whose message starts with the parameter, with no
   * parser's words in it.
   */
  @Test
  void everyBadQueryIsA400NamingItsParameter() {
    String history = "/apis/history.logplane.io/v1";
    String undecodable = java.util.Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0x9e, 0x01, 0x02});
    String[][] cases = {
        {CMS + "?limit=%G1", "limit"},
        {CMS + "?continue=%%%", "continue"},
        {CMS + "?continue=" + undecodable, "continue"},
        {CMS + "?continue=bm90IGEgdG9rZW4", "continue"},
        {CMS + "?limit=x", "limit"},
        {CMS + "?limit=1.5", "limit"},
        {CMS + "?watch=1&timeoutSeconds=soon", "timeoutSeconds"},
        {CMS + "?watch=true&timeoutSeconds=-5", "timeoutSeconds"},
        {CMS + "?watch=true&resourceVersion=abc", "resourceVersion"},
        {CMS + "?resourceVersion=abc", "resourceVersion"},
        {CMS + "?resourceVersion=-4", "resourceVersion"},
        {CMS + "?resourceVersion=1&resourceVersionMatch=Bogus", "resourceVersionMatch"},
        {CMS + "?resourceVersionMatch=Exact", "resourceVersionMatch"},
        {CMS + "?labelSelector=a%20in%20(", "labelSelector"},
        {CMS + "?labelSelector=%9e", "labelSelector"},
        {CMS + "?fieldSelector=spec.nothing%3Dx", "fieldSelector"},
        {CMS + "/keep?resourceVersion=abc", "resourceVersion"},
        {CMS + "/keep?resourceVersion=%zz", "resourceVersion"},
        {"/apis/apps/v1/deployments?watch=true&limit=%G1", "limit"},
        {"/api?x=%G1", "x"},
        {history + "/auditevents?limit=%G1", "limit"},
        {history + "/auditevents?continue=%%%", "continue"},
        {history + "/auditevents?continue=" + undecodable, "continue"},
        {history + "/auditevents?format=csv", "format"},
        {history + "/auditevents?labelSelector=app%3Dweb", "labelSelector"},
        {history + "/auditevents?resourceVersion=x", "resourceVersion"},
        {history + "/auditevents?since=yesterday", "since"},
        {history + "/auditevents?fieldSelector=type%3DMODIFIED", "fieldSelector"},
        {history + "/auditevents?fieldSelector=since%3Dyesterday", "fieldSelector"},
        {history + "/auditevents?timeoutSeconds=5", "timeoutSeconds"},
        {history + "/namespaces/bad/versions?format=audit.k8s.io", "format"},
        {history + "/namespaces/bad/versions?labelSelector=a%20in%20(", "labelSelector"},
        {history + "/namespaces/bad/versions?resourceVersion=1&resourceVersionMatch=Latest", "resourceVersionMatch"},
        {history + "/namespaces/bad/versions?watch=maybe", "watch"},
        {history + "/namespaces/bad/versions?fieldSelector=outcome%3Dmaybe", "fieldSelector"},
        {history + "/namespaces/bad/versions?bogus=1", "bogus"},
        {history + "/auditevents/3?limit=5", "limit"},
    };
    for (String[] c : cases) {
      Response r = api.raw("GET", c[0]);
      JsonNode s = status(r, 400, "BadRequest");
      String message = s.path("message").asText();
      assertTrue(message.startsWith(c[1] + ":"), c[0] + " → " + message);
      for (String internal : List.of("Exception", "Source:", "byte 0x", "Internal error")) {
        assertTrue(!message.contains(internal), c[0] + " → " + message);
      }
    }
    assertEquals(200, api.raw("GET", CMS + "?watch=False&limit=1").code());
    // kube's boolean options are false only when absent, 0 or false (any case): anything else watches
    for (String watching : List.of("yes", "f", "True", "")) {
      Response w = api.raw("GET", CMS + "?watch=" + watching + "&allowWatchBookmarks=maybe&timeoutSeconds=1");
      assertEquals(200, w.code(), watching);
      assertTrue(w.text().contains("\"type\":\"ADDED\"") && !w.text().contains("ConfigMapList"), watching + " → " + w.text());
    }
    assertTrue(api.raw("GET", CMS + "?watch=fAlSe").text().contains("\"kind\":\"ConfigMapList\""));
    assertEquals(200, api.raw("GET", history + "/namespaces/bad/versions?watch=0&limit=1").code());
    assertEquals(405, api.raw("GET", history + "/namespaces/bad/versions?watch=T").code());
    assertEquals(200, api.get("/readyz").code());
  }

  @Test
  void mismatchesAndMissingNamespace() {
    status(api.send("POST", CMS, JSON, "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"k\"}}"),
        400, "BadRequest");
    status(api.send("POST", CMS, JSON, "{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\",\"metadata\":"
        + "{\"name\":\"k\"}}"), 400, "BadRequest");
    status(api.send("POST", CMS, JSON, "{\"metadata\":{\"name\":\"k\",\"namespace\":\"other\"}}"), 400,
        "BadRequest");
    status(api.send("PUT", CMS + "/keep", JSON, cm("renamed", "{}")), 400, "BadRequest");
    JsonNode missing = status(api.send("POST", "/api/v1/namespaces/nowhere/configmaps", JSON, cm("k", "{}")), 404,
        "NotFound");
    assertTrue(missing.path("message").asText().contains("nowhere"), missing.toString());
  }

  @Test
  void writeConflicts() {
    JsonNode dup = status(api.send("POST", CMS, JSON, cm("keep", "{}")), 409, "AlreadyExists");
    assertEquals("keep", dup.path("details").path("name").asText(), dup.toString());
    ObjectNode stale = before.get(1).deepCopy();
    ObjectNode meta = (ObjectNode) stale.get("metadata");
    meta.put("resourceVersion", String.valueOf(Long.parseLong(meta.get("resourceVersion").asText()) - 1));
    ((ObjectNode) stale.get("data")).put("a", "2");
    JsonNode conflict = status(api.send("PUT", CMS + "/stale", JSON, stale.toString()), 409, "Conflict");
    assertTrue(conflict.path("message").asText().contains("the object has been modified"), conflict.toString());
    status(api.send("PATCH", CMS + "/keep", "application/json-patch+json",
        "[{\"op\":\"replace\",\"path\":\"/data/missing/deeper\",\"value\":\"x\"}]"), 422, "Invalid");
    status(api.send("PATCH", CMS + "/keep", "application/json-patch+json", "{\"op\":\"oops\"}"), 400,
        "BadRequest");
    JsonNode uid = status(api.send("DELETE", CMS + "/keep", JSON,
        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":"
            + "\"00000000-0000-0000-0000-000000000000\"}}"), 409, "Conflict");
    assertTrue(uid.path("message").asText().contains("Precondition failed"), uid.toString());
    status(api.send("DELETE", CMS + "/absent", JSON, (String) null), 404, "NotFound");
  }

  private static final String DEPLOYS = "/apis/apps/v1/namespaces/bad/deployments";

  /** The workload objects kube-apiserver refuses, each with its field and message as there. */
  @Test
  void invalidWorkloadsAsKubeRefusesThem() {
    causes(api.send("POST", DEPLOYS, JSON, deployment("neg", "\"replicas\":-3,")),
        "FieldValueInvalid spec.replicas: Invalid value: -3: must be greater than or equal to 0");
    causes(api.send("POST", DEPLOYS, JSON, deployment("stuck", "\"strategy\":{\"rollingUpdate\":"
        + "{\"maxSurge\":0,\"maxUnavailable\":0}},")),
        "FieldValueInvalid spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0,"
            + " IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0");
    causes(api.send("POST", DEPLOYS, JSON, deployment("never", "").replace("\"containers\"",
        "\"restartPolicy\":\"Never\",\"containers\"")),
        "FieldValueNotSupported spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values:"
            + " \"Always\"");
    causes(api.send("POST", "/apis/batch/v1/namespaces/bad/jobs", JSON, "{\"metadata\":{\"name\":\"j\"},\"spec\":"
        + "{\"template\":{\"spec\":{\"restartPolicy\":\"Always\",\"containers\":[{\"name\":\"c\","
        + "\"image\":\"busybox\"}]}}}}"),
        "FieldValueRequired spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
    causes(api.send("POST", "/apis/batch/v1/namespaces/bad/cronjobs", JSON, "{\"metadata\":{\"name\":\"cj\"},"
        + "\"spec\":{\"schedule\":\"bogus\",\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":"
        + "{\"restartPolicy\":\"Never\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}}}}}"),
        "FieldValueInvalid spec.schedule: Invalid value: \"bogus\": expected exactly 5 fields, found 1: [bogus]");
    causes(api.send("POST", "/apis/networking.k8s.io/v1/namespaces/bad/ingresses", JSON, "{\"metadata\":"
        + "{\"name\":\"in\"},\"spec\":{\"rules\":[{\"http\":{\"paths\":[{\"path\":\"/\",\"backend\":"
        + "{\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}]}}"),
        "FieldValueRequired spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");
    for (String type : new String[] {"application/merge-patch+json", "application/strategic-merge-patch+json"}) {
      causes(api.send("PATCH", DEPLOYS + "/web", type, "{\"spec\":{\"selector\":{\"matchLabels\":"
          + "{\"app\":\"web2\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web2\"}}}}}"),
          "FieldValueInvalid spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":"
              + "\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }
    assertEquals(404, api.get(DEPLOYS + "/neg").code());
  }

  /** kubectl shows the same refusals, in its own words around kube's message. */
  @Test
  void kubectlShowsTheRefusals() throws Exception {
    Kubectl kubectl = new Kubectl(cluster.kubeconfig(), dir);
    Path file = dir.resolve("neg.json");
    java.nio.file.Files.writeString(file, "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + deployment("kneg", "\"replicas\":-3,").substring(1));
    Kubectl.Result apply = kubectl.run("apply", "-n", "bad", "-f", file.toString());
    assertEquals(1, apply.exit(), apply.all());
    assertTrue(apply.err().contains("The Deployment \"kneg\" is invalid: spec.replicas: Invalid value: -3: must be"
        + " greater than or equal to 0"), apply.all());
    Kubectl.Result patch = kubectl.run("patch", "deployment", "web", "-n", "bad", "-p",
        "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}}}}");
    assertEquals(1, patch.exit(), patch.all());
    assertTrue(patch.err().contains("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string"
        + "{\"app\":\"other\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"), patch.all());
  }

  private static String deployment(String name, String extraSpec) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + extraSpec + "\"selector\":{\"matchLabels\":"
        + "{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":"
        + "{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}}}";
  }

  /** The object without what the controllers write of it (a Deployment's status and revision). */
  private static JsonNode asClientWrote(JsonNode o) {
    if (!o.path("kind").asText().equals("Deployment")) {
      return o;
    }
    ObjectNode copy = o.deepCopy();
    copy.remove("status");
    ObjectNode meta = (ObjectNode) copy.get("metadata");
    meta.remove("resourceVersion");
    if (meta.get("annotations") instanceof ObjectNode annotations) {
      annotations.remove("deployment.kubernetes.io/revision");
      if (annotations.isEmpty()) {
        meta.remove("annotations");
      }
    }
    return copy;
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void dataIntactAndServerServing() {
    for (ObjectNode o : before) {
      String name = o.path("metadata").path("name").asText();
      String path = (o.path("kind").asText().equals("Deployment") ? "/apis/apps/v1/namespaces/bad/deployments/"
          : CMS + "/") + name;
      Response r = api.get(path);
      assertEquals(200, r.code(), path + ": " + r.text());
      assertEquals(asClientWrote(o), asClientWrote(r.json()), "changed by a failed request: " + path);
    }
    Response list = api.get(CMS);
    assertEquals(200, list.code(), list.text());
    List<String> names = new ArrayList<>();
    list.json().path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
    assertEquals(List.of("keep", "stale"), names.stream().filter(n -> !n.equals("kube-root-ca.crt")).toList());
    Response ready = api.get("/readyz");
    assertEquals(200, ready.code());
    assertEquals("ok", ready.text());
  }

  private static String cm(String name, String data) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":"
        + data + "}";
  }
}
