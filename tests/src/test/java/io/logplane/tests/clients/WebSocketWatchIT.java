package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import io.logplane.tests.http.WsWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches over a WebSocket on the watch URL itself: events in log order with their
 * resourceVersions, resuming from an old resourceVersion, and periodic BOOKMARKs.
 */
class WebSocketWatchIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Api api;

  @BeforeAll
  static void up() throws Exception {
    cluster = Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1));
    api = Api.of(cluster.kubeconfig());
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static String cms(String ns) {
    return "/api/v1/namespaces/" + ns + "/configmaps";
  }

  static Response ok(int code, Response r) {
    assertEquals(code, r.code(), r::text);
    return r;
  }

  /**
   * A new namespace, once the root CA publisher wrote its {@code kube-root-ca.crt}: the
   * ConfigMaps a test watches there are then its own.
   */
  static String namespace(String ns) throws Exception {
    ok(201, api.send("POST", "/api/v1/namespaces", Manifests.namespace(ns)));
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> api.send("GET", cms(ns) + "/kube-root-ca.crt", null).code() == 200);
    return ns;
  }

  /** Asserts the event's type, object name and resourceVersion; returns the latter. */
  static long expect(JsonNode event, String type, String name, String rv) {
    String what = event.toString();
    assertEquals(type, event.path("type").asText(), what);
    assertEquals(name, event.path("object").path("metadata").path("name").asText(), what);
    assertEquals(rv, event.path("object").path("metadata").path("resourceVersion").asText(), what);
    return Long.parseLong(rv);
  }

  @Test
  void changesArriveInOrderWithIncreasingResourceVersions() throws Exception {
    String ns = namespace("ws-order");
    String listed = ok(200, api.send("GET", cms(ns), null)).resourceVersion();
    try (WsWatch watch = api.watch(cms(ns) + "?watch=true&resourceVersion=" + listed)) {
      Response a = ok(201, api.send("POST", cms(ns), Manifests.configMap("a", "k", "1")));
      ObjectNode changed = (ObjectNode) a.json().deepCopy();
      ((ObjectNode) changed.get("data")).put("k", "2");
      Response a2 = ok(200, api.send("PUT", cms(ns) + "/a", changed));
      Response b = ok(201, api.send("POST", cms(ns), Manifests.configMap("b", "k", "1")));
      ok(200, api.send("DELETE", cms(ns) + "/a", null));

      long rv1 = expect(watch.next(20), "ADDED", "a", a.resourceVersion());
      JsonNode modified = watch.next(20);
      long rv2 = expect(modified, "MODIFIED", "a", a2.resourceVersion());
      assertEquals("2", modified.path("object").path("data").path("k").asText());
      long rv3 = expect(watch.next(20), "ADDED", "b", b.resourceVersion());
      JsonNode deleted = watch.next(20);
      assertEquals("DELETED", deleted.path("type").asText(), deleted.toString());
      assertEquals("a", deleted.path("object").path("metadata").path("name").asText());
      long rv4 = Long.parseLong(deleted.path("object").path("metadata").path("resourceVersion").asText());
      assertTrue(Long.parseLong(listed) < rv1 && rv1 < rv2 && rv2 < rv3 && rv3 < rv4,
          List.of(listed, rv1, rv2, rv3, rv4).toString());
    }
  }

  @Test
  void watchFromAnOldResourceVersionResumesWithEverythingAfterIt() throws Exception {
    String ns = namespace("ws-resume");
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      versions.add(ok(201, api.send("POST", cms(ns), Manifests.configMap("cm-" + i, "i", "" + i))).resourceVersion());
    }
    try (WsWatch watch = api.watch(cms(ns) + "?watch=true&resourceVersion=" + versions.get(0))) {
      for (int i = 1; i < 50; i++) {
        expect(watch.next(20), "ADDED", "cm-" + i, versions.get(i));
      }
      Response later = ok(201, api.send("POST", cms(ns), Manifests.configMap("later", "i", "50")));
      expect(watch.next(20), "ADDED", "later", later.resourceVersion());
    }
  }

  @Test
  void bookmarksReportProgressWhenAsked() throws Exception {
    String ns = namespace("ws-bookmark");
    String listed = ok(200, api.send("GET", cms(ns), null)).resourceVersion();
    try (WsWatch watch = api.watch(cms(ns) + "?watch=true&allowWatchBookmarks=true&resourceVersion="
        + listed)) {
      Response a = ok(201, api.send("POST", cms(ns), Manifests.configMap("a", "k", "1")));
      expect(watch.next(20), "ADDED", "a", a.resourceVersion());
      JsonNode bookmark = watch.next(12);
      assertEquals("BOOKMARK", bookmark.path("type").asText(), bookmark.toString());
      assertEquals("ConfigMap", bookmark.path("object").path("kind").asText(), bookmark.toString());
      long at = Long.parseLong(bookmark.path("object").path("metadata").path("resourceVersion").asText());
      assertTrue(at >= Long.parseLong(a.resourceVersion()), bookmark + " before " + a.resourceVersion());
    }
  }
}
