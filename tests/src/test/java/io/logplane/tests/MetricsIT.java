package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.auth.ClientCert;
import io.logplane.api.auth.Pki;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} scraped with the real kubectl ({@code get --raw}) before and after traffic
 * from kubectl: the kube-apiserver request, watch and storage metrics and Logplane's own moved by
 * what the traffic did; the unauthenticated and non-admin users are refused.
 */
class MetricsIT {

  private static final String NS = "metrics-it";
  private static final int PODS = 4;

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
  void countsMoveWithTraffic() {
    kubectl.ok("create", "namespace", NS);
    Metrics before = scrape();
    for (int i = 0; i < PODS; i++) {
      kubectl.ok("-n", NS, "run", "p" + i, "--image=busybox", "--restart=Never");
    }
    kubectl.ok("-n", NS, "get", "pod", "p0");
    kubectl.ok("-n", NS, "get", "pods");
    // A watch that the server ends after a second: its initial events are the pods.
    Kubectl.Result watched = kubectl.ok("get", "--raw",
        "/api/v1/namespaces/" + NS + "/pods?watch=true&timeoutSeconds=1");
    assertEquals(PODS, watched.out().lines().filter(l -> l.contains("\"type\":\"ADDED\"")).count(), watched.all());

    await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("apiserver_request_total",
        "verb", "WATCH", "resource", "pods", "scope", "namespace", "code", "200") >= 1);
    Metrics after = scrape();

    String[] created = {"verb", "POST", "group", "", "version", "v1", "resource", "pods", "subresource", "",
        "scope", "resource", "component", "apiserver", "code", "201", "dry_run", ""};
    assertEquals(PODS, after.value("apiserver_request_total", created)
        - before.value("apiserver_request_total", created), after.text);
    assertTrue(after.value("apiserver_request_total", "verb", "GET", "resource", "pods", "scope", "resource",
        "code", "200") >= 1, after.text);
    assertTrue(after.value("apiserver_request_total", "verb", "LIST", "resource", "pods", "scope", "namespace",
        "code", "200") > before.value("apiserver_request_total", "verb", "LIST", "resource", "pods", "scope",
        "namespace", "code", "200"), after.text);
    String[] latency = {"verb", "POST", "resource", "pods", "scope", "resource"};
    assertEquals(PODS, after.value("apiserver_request_duration_seconds_count", latency)
        - before.value("apiserver_request_duration_seconds_count", latency), after.text);
    assertEquals(PODS, after.value("apiserver_request_duration_seconds_bucket", "verb", "POST", "resource", "pods",
        "le", "+Inf") - before.value("apiserver_request_duration_seconds_bucket", "verb", "POST", "resource",
        "pods", "le", "+Inf"), after.text);
    assertTrue(after.value("apiserver_watch_events_total", "group", "", "version", "v1", "kind", "Pod")
        - before.value("apiserver_watch_events_total", "group", "", "version", "v1", "kind", "Pod") >= PODS,
        after.text);
    assertTrue(after.has("apiserver_current_inflight_requests", "request_kind", "readOnly"), after.text);
    assertTrue(after.has("apiserver_current_inflight_requests", "request_kind", "mutating"), after.text);

    long pods = kubectl.ok("get", "pods", "-A", "-o", "name").out().lines().filter(l -> !l.isBlank()).count();
    assertEquals(PODS, pods);
    assertEquals(pods, after.value("apiserver_storage_objects", "resource", "pods"), after.text);
    assertTrue(after.value("apiserver_storage_objects", "resource", "namespaces") >= 1, after.text);

    assertTrue(after.value("logplane_log_append_duration_seconds_count")
        - before.value("logplane_log_append_duration_seconds_count") >= PODS, after.text);
    assertTrue(((io.logplane.events.KafkaEventLog) cluster.log()).appendsInLeaderProcess(),
        "the embedded broker leads the log: appended in its process, not through the producer");
    assertTrue(after.value("logplane_log_size_bytes") > 0, after.text);
    assertTrue(after.value("logplane_projection_lag_records") >= 0, after.text);
    assertTrue(after.value("logplane_projection_lag_seconds") >= 0, after.text);
    assertTrue(after.value("logplane_changelog_lag_records") >= 0, after.text);
    assertTrue(after.has("jvm_memory_used_bytes", "area", "heap"), after.text);
    assertTrue(after.has("process_cpu_usage"), after.text);
  }

  /** Its end is seen when the client goes away: the watch's own cleanup hangs on the same handlers. */
  @Test
  void aWatchIsCountedWhenItsClientGoesAway() throws Exception {
    String[] watches = {"verb", "WATCH", "resource", "configmaps", "scope", "namespace"};
    Metrics before = scrape();
    Process watch = kubectl.start("-n", "default", "get", "configmaps", "--watch");
    try {
      // Established once an event of a configmap created since reached a watcher (only kubectl watches them).
      AtomicInteger n = new AtomicInteger();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        kubectl.ok("-n", "default", "create", "configmap", "watched-" + n.getAndIncrement());
        return scrape().value("apiserver_watch_events_total", "kind", "ConfigMap")
            > before.value("apiserver_watch_events_total", "kind", "ConfigMap");
      });
      assertEquals(before.value("apiserver_request_total", watches), scrape().value("apiserver_request_total", watches),
          "a watch still open was counted");
    } finally {
      watch.destroy();
      watch.waitFor();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("apiserver_request_total", watches)
        > before.value("apiserver_request_total", watches));
  }

  @Test
  void onlyTheAdminReadsThem() {
    Api admin = ClusterFixture.admin(cluster);
    Response anonymous = admin.as(null, null, null).get("/metrics");
    assertEquals(401, anonymous.code(), anonymous.text());
    assertEquals("Unauthorized", anonymous.json().path("reason").asText());

    ClientCert alice = Pki.loadOrCreate(dir.resolve("data"), List.of()).issueClient("alice", List.of("devs"));
    Response refused = admin.as(null, alice.certPem().getBytes(StandardCharsets.US_ASCII),
        alice.keyPem().getBytes(StandardCharsets.US_ASCII)).get("/metrics");
    assertEquals(403, refused.code(), refused.text());
    assertEquals("Forbidden", refused.json().path("reason").asText());
    assertEquals("forbidden: User \"alice\" cannot get path \"/metrics\"", refused.json().path("message").asText());

    Response served = admin.get("/metrics");
    assertEquals(200, served.code());
    assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
        served.headers().toString());
    assertFalse(served.text().isEmpty());
  }

  private static Metrics scrape() {
    return Metrics.parse(kubectl.ok("get", "--raw", "/metrics").out());
  }

  /** The samples of a Prometheus text exposition. */
  private record Metrics(String text, List<Sample> samples) {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {}

    static Metrics parse(String text) {
      List<Sample> samples = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
        Map<String, String> labels = new HashMap<>();
        if (brace >= 0) {
          Matcher m = LABEL.matcher(line.substring(brace, line.lastIndexOf('}')));
          while (m.find()) {
            labels.put(m.group(1), m.group(2));
          }
        }
        samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
      }
      return new Metrics(text, samples);
    }

    /** The sum of the samples of this name with these label values (name, value, ...); 0 when none. */
    double value(String name, String... labels) {
      return matching(name, labels).mapToDouble(Sample::value).sum();
    }

    boolean has(String name, String... labels) {
      return matching(name, labels).findAny().isPresent();
    }

    private java.util.stream.Stream<Sample> matching(String name, String... labels) {
      return samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
        for (int i = 0; i < labels.length; i += 2) {
          if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
            return false;
          }
        }
        return true;
      });
    }
  }
}
