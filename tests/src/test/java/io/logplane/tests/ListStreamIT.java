package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.RawConnection;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole list is sent while it is read, in chunks of 256 KiB: it holds what the pages of the
 * same list hold, in the same order; an item bigger than a chunk comes whole; selectors filter
 * it; HTTP/1.1 gets it chunked; and clients that leave in the middle do not harm the server.
 */
class ListStreamIT {

  private static final String CMS = "/api/v1/namespaces/ls/configmaps";
  private static final int SMALL = 300;

  @TempDir static Path dir;
  static Cluster cluster;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    api = ClusterFixture.admin(cluster);
    api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"ls\"}}");
    String value = "v".repeat(2_000);
    for (int i = 0; i < SMALL; i++) {
      String labels = i % 3 == 0 ? ",\"labels\":{\"third\":\"yes\"}" : "";
      api.create(CMS, String.format("{\"metadata\":{\"name\":\"cm-%03d\"%s},\"data\":{\"v\":\"%s\"}}", i, labels,
          value));
    }
    // one item over a chunk: 700 KB
    api.create(CMS, "{\"metadata\":{\"name\":\"cm-big\"},\"data\":{\"v\":\"" + "b".repeat(700_000) + "\"}}");
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theWholeListHoldsWhatItsPagesHold() {
    JsonNode whole = ok(api.get(CMS));
    assertEquals("ConfigMapList", whole.path("kind").asText());
    assertEquals("v1", whole.path("apiVersion").asText());
    assertFalse(whole.path("metadata").path("resourceVersion").asText().isEmpty());
    assertFalse(whole.path("metadata").has("continue"));
    List<JsonNode> paged = new ArrayList<>();
    String token = "";
    do {
      JsonNode page = ok(api.get(CMS + "?limit=40" + (token.isEmpty() ? "" : "&continue=" + token)));
      page.path("items").forEach(paged::add);
      token = page.path("metadata").path("continue").asText();
    } while (!token.isEmpty());
    assertEquals(SMALL + 1, ours(whole));
    assertEquals(paged.size(), whole.path("items").size());
    for (int i = 0; i < paged.size(); i++) {
      assertEquals(paged.get(i), whole.path("items").get(i), "item " + i);
    }
    assertEquals(700_000, whole.path("items").get(SMALL).path("data").path("v").asText().length(),
        "the item over a chunk is whole, last in name order");
  }

  @Test
  void selectorsFilterTheStream() {
    JsonNode thirds = ok(api.get(CMS + "?labelSelector=third%3Dyes"));
    assertEquals(SMALL / 3, thirds.path("items").size());
    thirds.path("items").forEach(i -> assertEquals("yes", i.path("metadata").path("labels").path("third").asText()));
    JsonNode one = ok(api.get(CMS + "?fieldSelector=metadata.name%3Dcm-007"));
    assertEquals(1, one.path("items").size());
    assertEquals(0, ok(api.get(CMS + "?labelSelector=none%3Dyes")).path("items").size());
  }

  @Test
  void http11GetsItChunked() {
    try (RawConnection c = api.connect()) {
      Response r = c.write(c.head("GET", CMS.getBytes(StandardCharsets.ISO_8859_1))).read();
      assertEquals(200, r.code(), r.text());
      assertTrue(r.headers().firstValue("Transfer-Encoding").orElse("").contains("chunked"), r.headers().toString());
      assertEquals(SMALL + 1, ours(r.json()));
    }
  }

  @Test
  void clientsThatLeaveHarmNothing() {
    for (int i = 0; i < 20; i++) {
      try (RawConnection c = api.connect()) {
        c.write(c.head("GET", CMS.getBytes(StandardCharsets.ISO_8859_1)));
      }
    }
    assertEquals(SMALL + 1, ours(ok(api.get(CMS))));
    assertEquals(200, api.get(CMS + "/cm-001").code());
  }

  /** The test's items in a list (the namespace also holds kube-root-ca.crt, after them in name order). */
  private static int ours(JsonNode list) {
    int n = 0;
    for (JsonNode i : list.path("items")) {
      n += i.path("metadata").path("name").asText().startsWith("cm-") ? 1 : 0;
    }
    return n;
  }

  private static JsonNode ok(Response r) {
    assertEquals(200, r.code(), r.text());
    return r.json();
  }
}
