package io.logplane.tests.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history page in a real headless Chromium against an in-process cluster: the timeline
 * with the audit query's filters taken from the URL, an object's versions side by side with
 * the diff highlighted and its rejected attempt, a screenshot that shows the highlight, Secret
 * values absent, and live updates without a reload.
 */
class UiIT {

  static final String NS = "ui-demo";
  static final String LIVE_NS = "ui-live";
  static final String SECRET_VALUE = "hunter2-very-secret";

  @TempDir
  static Path dir;
  static Cluster cluster;
  static Api api;
  static Chromium chromium;
  static long updatedRv;

  @BeforeAll
  static void start() throws Exception {
    assertTrue(Chromium.installed(), "the Debian package chromium is required (apt-get install chromium)");
    cluster = Cluster.start(new Cluster.Options(dir.resolve("data"), "127.0.0.1", 0, 0, null, 1));
    api = Api.of(cluster.kubeconfig());
    chromium = new Chromium(Files.createDirectories(dir.resolve("chromium")));
    for (String ns : List.of(NS, LIVE_NS)) {
      ok("POST", "/api/v1/namespaces", Api.JSON.readTree("{\"metadata\":{\"name\":\"" + ns + "\"}}"));
    }
    ok("POST", "/api/v1/namespaces/" + LIVE_NS + "/configmaps", "{\"metadata\":{\"name\":\"first\"}}");
    String cms = "/api/v1/namespaces/" + NS + "/configmaps";
    JsonNode created = ok("POST", cms,
        "{\"metadata\":{\"name\":\"web\"},\"data\":{\"color\":\"blue\",\"size\":\"1\"}}");
    ObjectNode changed = created.deepCopy();
    ((ObjectNode) changed.get("data")).put("color", "green").put("replicas", "3");
    JsonNode updated = ok("PUT", cms + "/web", changed);
    updatedRv = updated.path("metadata").path("resourceVersion").asLong();
    // Stale resourceVersion: the log decides the conflict, and keeps the attempt.
    Response conflict = api.send("PUT", cms + "/web", created);
    assertEquals(409, conflict.code(), conflict.text());
    String secret = Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
    JsonNode s = ok("POST", "/api/v1/namespaces/" + NS + "/secrets",
        "{\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"" + secret + "\"}}");
    ((ObjectNode) s).putObject("stringData").put("password", SECRET_VALUE + "-2");
    ok("PUT", "/api/v1/namespaces/" + NS + "/secrets/db", s);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A call that must answer 2xx; PATCH bodies here are RFC 6902 patches. */
  private static JsonNode ok(String method, String path, Object body) throws Exception {
    String json = body instanceof String s ? s : Api.JSON.writeValueAsString(body);
    Response r = api.send(method, path, method.equals("PATCH") ? "application/json-patch+json" : "application/json",
        json);
    if (r.code() / 100 != 2) {
      throw new AssertionError(method + " " + path + " answered " + r.code() + ": " + r.text());
    }
    return r.json();
  }

  private static String page(String query) {
    return api.server() + "/ui/" + query + "#token=" + api.token();
  }

  /** The entries' attributes, in page order: one map-like string per row. */
  private static List<String> rows(String dom) {
    Matcher m = Pattern.compile("<tr class=\"entry[^\"]*\"([^>]*)>").matcher(dom);
    return m.results().map(r -> r.group(1)).toList();
  }

  @Test
  void theTimelineShowsEntriesNewestFirstAndHonoursTheFilters() throws Exception {
    String all = chromium.dumpDom(page(""), 5000);
    assertTrue(all.contains("data-state=\"ready\""), all);
    List<String> rows = rows(all);
    assertTrue(rows.stream().anyMatch(r -> r.contains("data-verb=\"update\"") && r.contains("data-name=\"web\"")), all);
    assertTrue(rows.stream().anyMatch(r -> r.contains("data-outcome=\"rejected\"") && r.contains("data-name=\"web\"")),
        all);
    long previous = Long.MAX_VALUE;
    for (String r : rows) {
      long offset = Long.parseLong(r.replaceAll(".*data-offset=\"(\\d+)\".*", "$1"));
      assertTrue(offset < previous, "newest first: " + rows);
      previous = offset;
    }

    String creates = chromium.dumpDom(page("?user=admin&verb=create&namespace=" + NS), 5000);
    List<String> created = rows(creates);
    assertEquals(2, created.size(), creates);
    assertTrue(created.stream().allMatch(r -> r.contains("data-verb=\"create\"") && r.contains("data-user=\"admin\"")));
    assertTrue(created.stream().anyMatch(r -> r.contains("data-name=\"web\"")));
    assertTrue(created.stream().anyMatch(r -> r.contains("data-name=\"db\"")));
    // The form shows the filters the URL asked for.
    assertTrue(creates.contains("name=\"verb\" list=\"dl-verb\" autocomplete=\"off\"") && creates.contains("create"));

    String rejected = chromium.dumpDom(page("?outcome=rejected&resource=configmaps"), 5000);
    List<String> refused = rows(rejected);
    assertEquals(1, refused.size(), rejected);
    assertTrue(refused.get(0).contains("data-name=\"web\""));
    assertTrue(rejected.contains("Conflict"), rejected);
  }

  @Test
  void anObjectShowsTwoVersionsSideBySideWithTheDiffAndTheRejectedAttempt() throws Exception {
    String dom = chromium.dumpDom(page(objectQuery("configmaps", "web", updatedRv)), 5000);
    assertTrue(dom.contains("data-view=\"object\"") && dom.contains("data-state=\"ready\""), dom);
    assertTrue(dom.contains("data-right-rv=\"" + updatedRv + "\""), dom);
    assertTrue(Pattern.compile("<td class=\"code l del\">\\s*color: blue</td>").matcher(dom).find(), dom);
    assertTrue(Pattern.compile("<td class=\"code r add\">\\s*color: green</td>").matcher(dom).find(), dom);
    assertTrue(Pattern.compile("<td class=\"code r add\">\\s*replicas: \"3\"</td>").matcher(dom).find(), dom);
    // Unchanged lines are on both sides, not highlighted.
    assertTrue(Pattern.compile("<td class=\"code l eq\">\\s*size: \"1\"</td>").matcher(dom).find(), dom);
    assertTrue(Pattern.compile("<td class=\"code r eq\">\\s*size: \"1\"</td>").matcher(dom).find(), dom);
    assertTrue(dom.contains("data-type=\"ADDED\"") && dom.contains("data-type=\"MODIFIED\"")
        && dom.contains("data-type=\"REJECTED\""), dom);
    assertTrue(Pattern.compile("class=\"reject-reason\"><b>409 Conflict</b>").matcher(dom).find(), dom);
    String patch = dom.substring(dom.indexOf("id=\"patch\""));
    assertTrue(patch.contains("/data/color") && patch.contains("green"), patch);
  }

  @Test
  void secretValuesNeverReachThePage() throws Exception {
    String encoded = Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
    String dom = chromium.dumpDom(page(objectQuery("secrets", "db", 0)), 5000);
    assertTrue(dom.contains("data-state=\"ready\"") && dom.contains("data-type=\"MODIFIED\""), dom);
    assertFalse(dom.contains(SECRET_VALUE), dom);
    assertFalse(dom.contains(encoded.substring(0, 16)), dom);
  }

  private static String objectQuery(String resource, String name, long rv) {
    return "?view=object&resource=" + resource + "&group=&namespace=" + NS + "&name=" + name
        + (rv > 0 ? "&rv=" + rv : "");
  }

  @Test
  void aScreenshotShowsTheDiffHighlighted() throws Exception {
    Path png = chromium.screenshot(page(objectQuery("configmaps", "web", updatedRv)), 1280, 900, 5000,
        dir.resolve("object.png"));
    Screenshot shot = Screenshot.read(png);
    assertEquals(1280, shot.width());
    assertEquals(900, shot.height());
    assertTrue(shot.distinctColors() > 100, "a rendered page, not a blank one: " + shot.distinctColors());
    // The stylesheet's added-line and removed-line backgrounds.
    assertTrue(shot.pixelsNear(0xdafbe1, 6) > 500, "added lines highlighted: " + shot.pixelsNear(0xdafbe1, 6));
    assertTrue(shot.pixelsNear(0xffebe9, 6) > 500, "removed lines highlighted: " + shot.pixelsNear(0xffebe9, 6));

    Path timeline = chromium.screenshot(page("?namespace=" + NS), 1280, 900, 5000, dir.resolve("timeline.png"));
    Screenshot list = Screenshot.read(timeline);
    assertEquals(1280, list.width());
    assertTrue(list.distinctColors() > 100, "a rendered timeline: " + list.distinctColors());
    // The rejected attempt's row background.
    assertTrue(list.pixelsNear(0xfff0ee, 4) > 500, "rejected row highlighted: " + list.pixelsNear(0xfff0ee, 4));
    // -Dui.screenshots=docs refreshes the README's pictures.
    String keep = System.getProperty("ui.screenshots");
    if (keep != null && !keep.isEmpty()) {
      Files.createDirectories(Path.of(keep));
      Files.copy(timeline, Path.of(keep, "ui-timeline.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(png, Path.of(keep, "ui-object.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void aWebSocketWatchAuthenticatesWithTheBearerSubprotocolWhichIsNotEchoed() throws Exception {
    String path = "/api/v1/namespaces/" + NS + "/configmaps?watch=1";
    java.util.concurrent.LinkedBlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
    java.net.http.WebSocket ws = api.webSocket()
        .subprotocols(io.logplane.api.auth.WebSocketBearer.protocolOf(api.token()), "watch.logplane.io")
        .buildAsync(api.wsUri(path), new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
              boolean last) {
            messages.add(data.toString());
            w.request(1);
            return null;
          }
        }).exceptionally(t -> {
          if (t.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
            throw new AssertionError("handshake refused: " + h.getResponse().statusCode() + " "
                + h.getResponse().body() + " " + h.getResponse().headers().map(), t);
          }
          throw new AssertionError(t);
        }).get(20, java.util.concurrent.TimeUnit.SECONDS);
    try {
      assertEquals("watch.logplane.io", ws.getSubprotocol());
      String first = messages.poll(20, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(first != null && first.contains("\"type\":\"ADDED\""), String.valueOf(first));
    } finally {
      ws.abort();
    }
    var refused = api.webSocket()
        .subprotocols(io.logplane.api.auth.WebSocketBearer.protocolOf("not-a-token"), "watch.logplane.io")
        .buildAsync(api.wsUri(path), new java.net.http.WebSocket.Listener() { });
    var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> refused.get(20, java.util.concurrent.TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof java.net.http.WebSocketHandshakeException, String.valueOf(e.getCause()));
    assertEquals(401, ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
  }

  @Test
  void aNewObjectAppearsWithoutReload() throws Exception {
    try (DevTools page = chromium.devTools(page("?namespace=" + LIVE_NS))) {
      Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
          page.evaluate("document.body.dataset.state + '/' + document.body.dataset.live").asText()
              .equals("ready/watch"));
      long loadedAt = page.evaluate("window.LP_LOADED_AT").asLong();
      assertEquals(0, page.evaluate("document.querySelectorAll('tr.entry[data-name=\"live-1\"]').length").asInt());
      ok("POST", "/api/v1/namespaces/" + LIVE_NS + "/configmaps", "{\"metadata\":{\"name\":\"live-1\"}}");
      Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
          page.evaluate("document.querySelectorAll('tr.entry[data-name=\"live-1\"]').length").asInt() == 1);
      assertEquals(loadedAt, page.evaluate("window.LP_LOADED_AT").asLong(), "the page was not reloaded");
      // The browser's own WebSocket watch (token in the bearer subprotocol) delivered the change.
      assertTrue(page.evaluate("Number(document.body.dataset.watchEvents || 0)").asInt() >= 1);

      // Clicking the entry opens the object's view, which follows the object too.
      page.evaluate("document.querySelector('tr.entry[data-name=\"live-1\"] td').click()");
      Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
          page.evaluate("document.body.dataset.view + '/' + document.body.dataset.state + '/'"
              + " + document.querySelectorAll('li.version').length").asText().equals("object/ready/1"));
      Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
          "watch".equals(page.evaluate("document.body.dataset.live").asText()));
      ok("PATCH", "/api/v1/namespaces/" + LIVE_NS + "/configmaps/live-1?fieldManager=ui-test",
          "[{\"op\":\"add\",\"path\":\"/data\",\"value\":{\"k\":\"v\"}}]");
      Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
          page.evaluate("document.querySelectorAll('li.version').length").asInt() == 2);
      assertEquals(loadedAt, page.evaluate("window.LP_LOADED_AT").asLong(), "the page was not reloaded");
    }
  }
}
