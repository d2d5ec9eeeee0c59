package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import io.logplane.tests.http.WsWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch with a label or field selector sees an object come and go as a change makes it match
 * or stop matching, as kube-apiserver shows it: ADDED when it starts to match, DELETED (with the
 * object as it was, at the change's resourceVersion) when it stops, MODIFIED while it keeps
 * matching, nothing while it does not. Live, resumed from an older resourceVersion, and through
 * the real kubectl.
 */
class SelectorWatchIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Api api;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    api = ClusterFixture.admin(cluster);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Response ok(Response r) {
    assertTrue(r.code() / 100 == 2, r::text);
    return r;
  }

  /** Makes a namespace; returns the resourceVersion of a list of its {@code resource}, to watch from. */
  static String namespace(String ns, String resource) {
    ok(api.send("POST", "/api/v1/namespaces", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}"));
    return ok(api.send("GET", "/api/v1/namespaces/" + ns + "/" + resource, null)).resourceVersion();
  }

  static String configMap(String name, String app, String v) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\""
        + (app == null ? "" : ",\"labels\":{\"app\":\"" + app + "\"}") + "},\"data\":{\"v\":\"" + v + "\"}}";
  }

  static Response merge(String path, String patch) {
    return ok(api.send("PATCH", path, "application/merge-patch+json", patch));
  }

  /** Runs a ConfigMap through matching and not matching app=web; returns each change's resourceVersion. */
  static List<String> comeAndGo(String ns) {
    String cms = "/api/v1/namespaces/" + ns + "/configmaps";
    List<String> rvs = new ArrayList<>();
    rvs.add(ok(api.send("POST", cms, "application/json", configMap("a", null, "0"))).resourceVersion());
    rvs.add(merge(cms + "/a", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}").resourceVersion());
    rvs.add(merge(cms + "/a", "{\"data\":{\"v\":\"1\"}}").resourceVersion());
    rvs.add(merge(cms + "/a", "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}").resourceVersion());
    rvs.add(merge(cms + "/a", "{\"data\":{\"v\":\"2\"}}").resourceVersion());
    rvs.add(merge(cms + "/a", "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}").resourceVersion());
    ok(api.send("DELETE", cms + "/a", null));
    return rvs;
  }

  /** Asserts the events a watch of app=web sees of comeAndGo: type, the object's v, its resourceVersion. */
  static void assertComeAndGo(List<String> rvs, List<String> seen) {
    assertEquals(List.of("ADDED 0 " + rvs.get(1), "MODIFIED 1 " + rvs.get(2), "DELETED 1 " + rvs.get(3),
        "ADDED 2 " + rvs.get(5)), seen.subList(0, 4));
    // The deletion's answer is a Status, without the resourceVersion the watch shows.
    String[] last = seen.get(4).split(" ");
    assertEquals("DELETED 2", last[0] + " " + last[1], seen.toString());
    assertTrue(Long.parseLong(last[2]) > Long.parseLong(rvs.get(5)), seen.toString());
  }

  static List<String> next(WsWatch watch, int n) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      JsonNode e = watch.next(20);
      JsonNode o = e.path("object");
      seen.add(e.path("type").asText() + " " + o.path("data").path("v").asText() + " "
          + o.path("metadata").path("resourceVersion").asText());
      if (e.path("type").asText().equals("DELETED")) {
        // What was deleted from the watcher's view is the object as it last matched.
        assertEquals("web", o.path("metadata").path("labels").path("app").asText(), e.toString());
      }
    }
    return seen;
  }

  @Test
  void aLabelChangeIsAnAddOrADeleteForALabelSelectedWatch() throws Exception {
    String before = namespace("sel-live", "configmaps");
    String cms = "/api/v1/namespaces/sel-live/configmaps";
    List<String> rvs;
    try (WsWatch live = api.watch(cms + "?watch=true&labelSelector=app%3Dweb&resourceVersion=" + before)) {
      rvs = comeAndGo("sel-live");
      assertComeAndGo(rvs, next(live, 5));
    }
    // The same from the past: the objects before each change are read from the version index.
    try (WsWatch resumed = api.watch(cms + "?watch=true&labelSelector=app%3Dweb&resourceVersion=" + before)) {
      assertComeAndGo(rvs, next(resumed, 5));
    }
    // A selector the object always matches: every change is a MODIFIED.
    try (WsWatch all = api.watch(cms + "?watch=true&fieldSelector=metadata.name%3Da&resourceVersion=" + before)) {
      List<String> types = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        types.add(all.next(20).path("type").asText());
      }
      assertEquals(List.of("ADDED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "MODIFIED", "DELETED"), types);
    }
  }

  @Test
  void aPodsPhaseIsAFieldSelectedWatchsAddAndDelete() throws Exception {
    String before = namespace("sel-phase", "pods");
    String pods = "/api/v1/namespaces/sel-phase/pods";
    try (WsWatch running = api.watch(pods + "?watch=true&fieldSelector=status.phase%3DRunning&resourceVersion="
        + before)) {
      ok(api.send("POST", pods, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
          + "{\"name\":\"p\"},\"spec\":{\"schedulerName\":\"nobody\",\"containers\":[{\"name\":\"c\","
          + "\"image\":\"busybox\"}]}}"));
      String up = merge(pods + "/p/status", "{\"status\":{\"phase\":\"Running\"}}").resourceVersion();
      String done = merge(pods + "/p/status", "{\"status\":{\"phase\":\"Succeeded\"}}").resourceVersion();
      JsonNode added = running.next(20);
      assertEquals("ADDED Running " + up, added.path("type").asText() + " "
          + added.path("object").path("status").path("phase").asText() + " "
          + added.path("object").path("metadata").path("resourceVersion").asText());
      JsonNode gone = running.next(20);
      assertEquals("DELETED Running " + done, gone.path("type").asText() + " "
          + gone.path("object").path("status").path("phase").asText() + " "
          + gone.path("object").path("metadata").path("resourceVersion").asText());
    }
  }

  @Test
  void kubectlSeesALabelledObjectComeAndGo() {
    kubectl.ok("create", "namespace", "sel-kubectl");
    ok(api.send("POST", "/api/v1/namespaces/sel-kubectl/configmaps", "application/json", configMap("z", "web", "z")));
    Process p = kubectl.start("get", "cm", "-n", "sel-kubectl", "-l", "app=web", "-w", "--output-watch-events",
        "-o", "custom-columns=EVENT:.type,NAME:.object.metadata.name,V:.object.data.v");
    Kubectl.Drain out = new Kubectl.Drain(p.getInputStream());
    Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
    try {
      // kubectl lists first, then watches from the list's resourceVersion: what follows is seen.
      await().atMost(Duration.ofSeconds(30)).alias("z listed: " + out.text() + err.text())
          .until(() -> events(out.text()).contains("ADDED z z"));
      comeAndGo("sel-kubectl");
      List<String> want = List.of("ADDED z z", "ADDED a 0", "MODIFIED a 1", "DELETED a 1", "ADDED a 2", "DELETED a 2");
      await().atMost(Duration.ofSeconds(30)).alias(want + " in\n" + out.text() + "\n" + err.text())
          .until(() -> events(out.text()).size() >= want.size());
      assertEquals(want, events(out.text()), out.text() + "\n" + err.text());
    } finally {
      p.destroy();
    }
  }

  /** kubectl's watch lines without their header, each with its spaces made one. */
  static List<String> events(String text) {
    return text.lines().filter(l -> !l.startsWith("EVENT")).map(l -> l.trim().replaceAll("\\s+", " ")).toList();
  }
}
