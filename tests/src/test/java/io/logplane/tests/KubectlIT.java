package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against one Logplane: discovery, apply, get (tables, selectors, watch), the
 * three patch types, replace conflicts, the imperative commands, diff, wait, delete, server-side
 * apply with field conflicts, and a custom resource. Each test works in its own namespace.
 */
class KubectlIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void discoveryVersionAndExplain() throws Exception {
    String resources = kubectl.ok("api-resources").out();
    for (String row : new String[] {
        "pods\\s+po\\s+v1\\s+true\\s+Pod", "services\\s+svc\\s+v1\\s+true\\s+Service",
        "configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap", "namespaces\\s+ns\\s+v1\\s+false\\s+Namespace",
        "secrets\\s+v1\\s+true\\s+Secret", "deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment",
        "customresourcedefinitions\\s+crd,crds\\s+apiextensions.k8s.io/v1\\s+false\\s+CustomResourceDefinition"}) {
      assertTrue(line(row).matcher(resources).find(), row + " in\n" + resources);
    }
    String versions = kubectl.ok("api-versions").out();
    for (String v : new String[] {"v1", "apps/v1", "batch/v1", "apiextensions.k8s.io/v1"}) {
      assertTrue(versions.lines().anyMatch(v::equals), v + " in\n" + versions);
    }
    JsonNode version = Api.JSON.readTree(kubectl.ok("get", "--raw", "/version").out());
    assertEquals("v1.32.0", version.path("gitVersion").asText());
    String explain = kubectl.ok("explain", "deployment.spec.replicas").out();
    assertTrue(explain.contains("KIND:       Deployment") && explain.contains("FIELD: replicas <integer>"), explain);
  }

  @Test
  void applyCreatesThenLeavesUnchanged() throws Exception {
    String file = manifest("app.yaml", "demo");
    String first = kubectl.ok("apply", "-f", file).out();
    for (String s : new String[] {"namespace/demo", "configmap/web-config", "secret/web-secret",
        "deployment.apps/web", "service/web"}) {
      assertTrue(first.contains(s + " created"), first);
    }
    String cmVersion = jsonpath("cm", "web-config", "demo", "{.metadata.resourceVersion}");
    String secretVersion = jsonpath("secret", "web-secret", "demo", "{.metadata.resourceVersion}");
    String second = kubectl.ok("apply", "-f", file).out();
    for (String s : new String[] {"namespace/demo", "configmap/web-config", "deployment.apps/web", "service/web"}) {
      assertTrue(second.contains(s + " unchanged"), second);
    }
    // kubectl always sends stringData again (the live object only has data), as against kube.
    assertTrue(second.contains("secret/web-secret configured"), second);
    assertEquals(cmVersion, jsonpath("cm", "web-config", "demo", "{.metadata.resourceVersion}"));
    // The re-sent stringData changes nothing, so kube writes no new version.
    assertEquals(secretVersion, jsonpath("secret", "web-secret", "demo", "{.metadata.resourceVersion}"),
        "a no-op apply of a Secret wrote a new version");
    assertEquals("s3cret", new String(Base64.getDecoder().decode(
        jsonpath("secret", "web-secret", "demo", "{.data.password}")), StandardCharsets.UTF_8));

    JsonNode deploy = Api.JSON.readTree(kubectl.ok("get", "deploy", "web", "-n", "demo", "-o", "json").out());
    JsonNode meta = deploy.path("metadata");
    assertEquals(1, meta.path("generation").asInt(), deploy.toString());
    assertTrue(meta.path("generation").isIntegralNumber(), deploy.toString());
    assertTrue(meta.path("uid").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        deploy.toString());
    assertTrue(meta.path("creationTimestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
        deploy.toString());
    assertTrue(meta.path("resourceVersion").isTextual() && meta.path("resourceVersion").asText().matches("\\d+"),
        deploy.toString());
    assertEquals(2, deploy.path("spec").path("replicas").asInt());

    String all = kubectl.ok("get", "all", "-n", "demo").out();
    assertTrue(line("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE").matcher(all).find(), all);
    // No node runs the pods the controllers made: none ready, as many up to date as made so far.
    assertTrue(line("deployment\\.apps/web\\s+0/2\\s+[0-2]\\s+0\\s+\\S+").matcher(all).find(), all);
    assertTrue(line("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE").matcher(all).find(), all);
    assertTrue(line("service/web\\s+ClusterIP\\s+.*80/TCP\\s+\\S+").matcher(all).find(), all);
  }

  @Test
  void getTablesAndSelectors() throws Exception {
    kubectl.ok("create", "namespace", "pods");
    kubectl.ok("apply", "-f", manifest("pods.yaml", "pods"));
    String pods = kubectl.ok("get", "pods", "-n", "pods").out();
    assertTrue(line("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE").matcher(pods).find(), pods);
    assertTrue(line("p1\\s+0/1\\s+Pending\\s+0\\s+\\S+").matcher(pods).find(), pods);
    assertEquals("p1", kubectl.ok("get", "pods", "-n", "pods", "-l", "app=web", "-o", "name").out().trim()
        .replace("pod/", ""));
    assertEquals("p2", kubectl.ok("get", "pods", "-n", "pods", "-l", "app in (db,cache)", "-o", "name").out().trim()
        .replace("pod/", ""));
    assertEquals("pod/p2", kubectl.ok("get", "pods", "-n", "pods", "--field-selector", "metadata.name=p2", "-o",
        "name").out().trim());
    Kubectl.Result none = kubectl.ok("get", "pods", "-n", "pods", "-l", "app=nothing");
    assertTrue(none.err().contains("No resources found in pods namespace."), none.all());
    String wide = kubectl.ok("get", "pods", "-A").out();
    assertTrue(line("NAMESPACE\\s+NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE").matcher(wide).find(), wide);
  }

  @Test
  void watchShowsAddedModifiedDeleted() {
    kubectl.ok("create", "namespace", "watch");
    kubectl.ok("create", "configmap", "before", "-n", "watch", "--from-literal=k=v");
    Process p = kubectl.start("get", "cm", "-n", "watch", "-w", "--output-watch-events");
    Kubectl.Drain out = new Kubectl.Drain(p.getInputStream());
    Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
    try {
      awaitLine(out, err, "ADDED\\s+before\\s+1\\s");
      kubectl.ok("create", "configmap", "x", "-n", "watch", "--from-literal=k=v");
      awaitLine(out, err, "ADDED\\s+x\\s+1\\s");
      kubectl.ok("patch", "configmap", "x", "-n", "watch", "-p", "{\"data\":{\"k2\":\"w\"}}");
      awaitLine(out, err, "MODIFIED\\s+x\\s+2\\s");
      kubectl.ok("delete", "configmap", "x", "-n", "watch");
      awaitLine(out, err, "DELETED\\s+x\\s+2\\s");
      assertTrue(p.isAlive(), "the watch ended early: " + err.text());
    } finally {
      p.destroy();
    }
  }

  @Test
  void patchScaleLabelAnnotateSetImage() {
    kubectl.ok("create", "namespace", "patch");
    assertTrue(kubectl.ok("create", "deployment", "web", "-n", "patch", "--image=nginx:1.25").out()
        .contains("deployment.apps/web created"));
    kubectl.ok("patch", "deploy", "web", "-n", "patch", "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"busybox\"}]}}}}");
    // kubectl names the container after the image. A strategic merge adds the new container by
    // its name and keeps the old one; kube puts patch-only items before live-only ones.
    assertEquals("side=busybox nginx=nginx:1.25", jsonpath("deploy", "web", "patch",
        "{range .spec.template.spec.containers[*]}{.name}={.image} {end}").trim());
    assertEquals("2", jsonpath("deploy", "web", "patch", "{.metadata.generation}"));
    kubectl.ok("create", "configmap", "c", "-n", "patch", "--from-literal=a=1");
    kubectl.ok("patch", "cm", "c", "-n", "patch", "--type", "merge", "-p", "{\"data\":{\"b\":\"2\",\"a\":null}}");
    kubectl.ok("patch", "cm", "c", "-n", "patch", "--type", "json",
        "-p", "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"3\"},{\"op\":\"replace\",\"path\":\"/data/b\","
            + "\"value\":\"22\"}]");
    assertEquals("{\"b\":\"22\",\"c\":\"3\"}", jsonpath("cm", "c", "patch", "{.data}"));
    Kubectl.Result badJson = kubectl.run("patch", "cm", "c", "-n", "patch", "--type", "json",
        "-p", "[{\"op\":\"replace\",\"path\":\"/data/missing\",\"value\":\"3\"}]");
    assertNotEquals(0, badJson.exit(), badJson.all());

    assertTrue(kubectl.ok("scale", "deploy", "web", "-n", "patch", "--replicas=3").out().contains("scaled"));
    kubectl.ok("label", "deploy", "web", "-n", "patch", "tier=frontend");
    kubectl.ok("annotate", "deploy", "web", "-n", "patch", "note=hello");
    assertTrue(kubectl.ok("set", "image", "deploy/web", "-n", "patch", "nginx=nginx:1.26").out()
        .contains("image updated"));
    assertEquals("3 frontend hello side=busybox nginx=nginx:1.26", jsonpath("deploy", "web", "patch",
        "{.spec.replicas} {.metadata.labels.tier} {.metadata.annotations.note} "
            + "{range .spec.template.spec.containers[*]}{.name}={.image} {end}").trim());
  }

  @Test
  void replaceWithStaleVersionConflicts() throws Exception {
    kubectl.ok("create", "namespace", "replace");
    kubectl.ok("create", "configmap", "r", "-n", "replace", "--from-literal=a=1");
    Path stale = dir.resolve("stale.yaml");
    Files.writeString(stale, kubectl.ok("get", "cm", "r", "-n", "replace", "-o", "yaml").out());
    kubectl.ok("patch", "cm", "r", "-n", "replace", "-p", "{\"data\":{\"a\":\"2\"}}");
    Kubectl.Result r = kubectl.run("replace", "-f", stale.toString());
    assertNotEquals(0, r.exit(), r.all());
    assertTrue(r.err().contains("the object has been modified"), r.all());
    assertEquals("2", jsonpath("cm", "r", "replace", "{.data.a}"));
    Path fresh = dir.resolve("fresh.yaml");
    Files.writeString(fresh, kubectl.ok("get", "cm", "r", "-n", "replace", "-o", "yaml").out()
        .replace("a: \"2\"", "a: \"3\""));
    assertTrue(kubectl.ok("replace", "-f", fresh.toString()).out().contains("configmap/r replaced"));
    assertEquals("3", jsonpath("cm", "r", "replace", "{.data.a}"));
  }

  @Test
  void diffExitsOneOnlyWhenChanged() throws Exception {
    kubectl.ok("create", "namespace", "diff");
    Path file = dir.resolve("diff.yaml");
    Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  namespace: diff\n"
        + "data:\n  greeting: hello\n");
    kubectl.ok("apply", "-f", file.toString());
    Kubectl.Result same = kubectl.run("diff", "-f", file.toString());
    assertEquals(0, same.exit(), same.all());
    assertEquals("", same.out(), same.all());
    Files.writeString(file, Files.readString(file).replace("hello", "changed"));
    Kubectl.Result changed = kubectl.run("diff", "-f", file.toString());
    assertEquals(1, changed.exit(), changed.all());
    assertTrue(changed.out().contains("-  greeting: hello") && changed.out().contains("+  greeting: changed"),
        changed.all());
    assertEquals("hello", jsonpath("cm", "d", "diff", "{.data.greeting}"), "diff must not write");
  }

  @Test
  void imperativeCreateCommands() {
    // kubectl sends this body as protobuf.
    assertEquals("namespace/made created", kubectl.ok("create", "namespace", "made").out().trim());
    assertEquals("Active", kubectl.ok("get", "ns", "made", "-o", "jsonpath={.status.phase}").out());
    kubectl.ok("create", "configmap", "lit", "-n", "made", "--from-literal=a=b", "--from-literal=c=d");
    assertEquals("b d", jsonpath("cm", "lit", "made", "{.data.a} {.data.c}"));
    kubectl.ok("create", "deployment", "d2", "-n", "made", "--image=nginx", "--replicas=2");
    assertEquals("2 nginx d2", jsonpath("deploy", "d2", "made",
        "{.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.selector.matchLabels.app}"));
    Kubectl.Result again = kubectl.run("create", "configmap", "lit", "-n", "made", "--from-literal=a=b");
    assertNotEquals(0, again.exit());
    assertTrue(again.err().contains("AlreadyExists") || again.err().contains("already exists"), again.all());
  }

  @Test
  void deleteFileWithWait() throws Exception {
    String file = manifest("app.yaml", "gone");
    kubectl.ok("apply", "-f", file);
    // In file order: the namespace first; its objects are still deletable while it terminates.
    Kubectl.Result r = kubectl.run("delete", "-f", file, "--wait", "--timeout=60s");
    assertEquals(0, r.exit(), r.all());
    for (String s : new String[] {"namespace \"gone\"", "configmap \"web-config\"", "secret \"web-secret\"",
        "deployment.apps \"web\"", "service \"web\""}) {
      assertTrue(r.out().contains(s + " deleted"), r.all());
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("get", "ns", "gone").exit() != 0);
  }

  @Test
  void deleteNamespaceWithWait() {
    kubectl.ok("create", "namespace", "gone2");
    kubectl.ok("create", "configmap", "inside", "-n", "gone2", "--from-literal=a=b");
    assertTrue(kubectl.ok("delete", "ns", "gone2", "--wait", "--timeout=60s").out().contains("namespace \"gone2\" deleted"));
    Kubectl.Result ns = kubectl.run("get", "ns", "gone2");
    assertNotEquals(0, ns.exit(), ns.all());
    assertTrue(ns.err().contains("NotFound"), ns.all());
    assertTrue(kubectl.ok("get", "cm", "-n", "gone2").err().contains("No resources found"));
  }

  @Test
  void waitForJsonPath() {
    kubectl.ok("create", "namespace", "wait");
    kubectl.ok("create", "configmap", "x", "-n", "wait", "--from-literal=k=v");
    assertTrue(kubectl.ok("wait", "--for=jsonpath={.data.k}=v", "cm/x", "-n", "wait", "--timeout=30s").out()
        .contains("condition met"));
    // A wait that is met only by a later write.
    Process p = kubectl.start("wait", "--for=jsonpath={.data.k}=later", "cm/x", "-n", "wait", "--timeout=60s");
    Kubectl.Drain out = new Kubectl.Drain(p.getInputStream());
    Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
    try {
      kubectl.ok("patch", "cm", "x", "-n", "wait", "-p", "{\"data\":{\"k\":\"later\"}}");
      await().atMost(Duration.ofSeconds(60)).until(() -> !p.isAlive());
      assertEquals(0, p.exitValue(), out.text() + err.text());
      await().atMost(Duration.ofSeconds(5)).until(() -> out.text().contains("condition met"));
    } finally {
      p.destroy();
    }
  }

  @Test
  void serverSideApplyAndFieldConflicts() throws Exception {
    kubectl.ok("create", "namespace", "ssa");
    Path mine = dir.resolve("ssa1.yaml");
    Files.writeString(mine, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n  namespace: ssa\n"
        + "data:\n  owner: first\n");
    Path theirs = dir.resolve("ssa2.yaml");
    Files.writeString(theirs, Files.readString(mine).replace("first", "second"));
    assertEquals("configmap/s serverside-applied", kubectl.ok("apply", "--server-side", "-f", mine.toString()).out()
        .trim());
    String version = jsonpath("cm", "s", "ssa", "{.metadata.resourceVersion}");
    kubectl.ok("apply", "--server-side", "-f", mine.toString());
    assertEquals(version, jsonpath("cm", "s", "ssa", "{.metadata.resourceVersion}"), "a no-op apply wrote");
    assertEquals("kubectl Apply", jsonpath("cm", "s", "ssa", "{.metadata.managedFields[0].manager} "
        + "{.metadata.managedFields[0].operation}"));

    Kubectl.Result conflict = kubectl.run("apply", "--server-side", "--field-manager=other", "-f", theirs.toString());
    assertNotEquals(0, conflict.exit(), conflict.all());
    assertTrue(conflict.err().contains("conflict with \"kubectl\"") && conflict.err().contains(".data.owner"),
        conflict.all());
    assertEquals("first", jsonpath("cm", "s", "ssa", "{.data.owner}"));
    kubectl.ok("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", theirs.toString());
    assertEquals("second", jsonpath("cm", "s", "ssa", "{.data.owner}"));
    String managers = jsonpath("cm", "s", "ssa", "{range .metadata.managedFields[*]}{.manager} {end}");
    assertTrue(managers.contains("other"), managers);
  }

  @Test
  void customResourceLifecycle() throws Exception {
    kubectl.ok("create", "namespace", "crd");
    assertTrue(kubectl.ok("apply", "-f", manifest("crontab-crd.yaml", "crd")).out()
        .contains("customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created"));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "crontabs", "-n", "crd").exit() == 0);
    assertTrue(kubectl.ok("apply", "-f", manifest("crontab.yaml", "crd")).out()
        .contains("crontab.stable.example.com/my-cron created"));
    String table = kubectl.ok("get", "crontabs", "-n", "crd").out();
    assertTrue(line("NAME\\s+SPEC\\s+REPLICAS\\s+AGE").matcher(table).find(), table);
    assertTrue(line("my-cron\\s+\\* \\* \\* \\* \\*/5\\s+3\\s+\\S+").matcher(table).find(), table);
    String yaml = kubectl.ok("get", "ct", "my-cron", "-n", "crd", "-o", "yaml").out();
    assertTrue(yaml.contains("apiVersion: stable.example.com/v1") && yaml.contains("kind: CronTab")
        && yaml.contains("image: my-cron-image") && yaml.contains("replicas: 3"), yaml);
    assertTrue(kubectl.ok("delete", "crontab", "my-cron", "-n", "crd").out()
        .contains("crontab.stable.example.com \"my-cron\" deleted"));
    Kubectl.Result gone = kubectl.run("get", "crontab", "my-cron", "-n", "crd");
    assertNotEquals(0, gone.exit());
    assertTrue(gone.err().contains("NotFound"), gone.all());
  }

  private static String jsonpath(String resource, String name, String ns, String path) {
    return kubectl.ok("get", resource, name, "-n", ns, "-o", "jsonpath=" + path).out();
  }

  private static Pattern line(String regex) {
    return Pattern.compile("(?m)^" + regex);
  }

  private static void awaitLine(Kubectl.Drain out, Kubectl.Drain err, String regex) {
    Pattern p = line(regex);
    await().atMost(Duration.ofSeconds(30))
        .alias("a line matching " + regex)
        .until(() -> p.matcher(out.text()).find() || !err.text().isEmpty() && !err.text().contains("Warning"));
    assertTrue(p.matcher(out.text()).find(), "no line " + regex + " in\n" + out.text() + "\nstderr:\n" + err.text());
  }

  /** A manifest from the test resources with its namespace set, written where kubectl reads it. */
  private static String manifest(String resource, String namespace) throws IOException {
    try (InputStream in = KubectlIT.class.getResourceAsStream("/manifests/" + resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("\\bNS\\b", namespace);
      return Files.writeString(dir.resolve(namespace + "-" + resource), text).toString();
    }
  }

  /**
   * A {@code kind: List} (what {@code kubectl get -o yaml} of several objects prints) applies, its
   * items validated on the client against the v2 document in protobuf, as kubectl asks for it, with
   * the errors a kube-apiserver 1.28.7's document gives.
   */
  @Test
  void aListAppliesWithItsItemsValidatedAsAgainstKube() throws Exception {
    kubectl.ok("create", "namespace", "listed");
    String good = kubectl.manifest("list.yaml", """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: one, namespace: listed}, data: {a: b}}
        - {apiVersion: v1, kind: Secret, metadata: {name: two, namespace: listed}, stringData: {p: q}}
        """);
    assertEquals("configmap/one created\nsecret/two created\n", kubectl.ok("apply", "-f", good).out());
    String bad = kubectl.manifest("bad-list.yaml", """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: bad, namespace: listed}, bogus: 1, data: [1, 2]}
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: d, namespace: listed}
          spec: {replicas: "three", selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}},
            spec: {containers: [{name: c, image: x}]}}}
        """);
    Kubectl.Result refused = kubectl.run("apply", "-f", bad);
    assertEquals(1, refused.exit(), refused.all());
    assertTrue(refused.err().contains("error validating data: [ValidationError(ConfigMap): unknown field \"bogus\""
        + " in io.k8s.api.core.v1.ConfigMap, ValidationError(ConfigMap.data): invalid type for"
        + " io.k8s.api.core.v1.ConfigMap.data: got \"array\", expected \"map\", ValidationError(Deployment.spec"
        + ".replicas): invalid type for io.k8s.api.apps.v1.DeploymentSpec.replicas: got \"string\", expected"
        + " \"integer\"]"), refused.all());
  }
}
